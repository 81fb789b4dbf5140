// Package safe turns text that came from a server into text that is safe
// to show: on a terminal, in a table, in a TUI view, or in JSON.
//
// Nothing is deleted and nothing invisible passes. A rune for which
// Escaped reports true is shown as the six characters \uXXXX (lower-case
// hex; U+10000 and above as \U followed by eight hex digits), and each
// byte of invalid UTF-8 as \xNN. So a recipient "a\u009b2Jb@x.com" is
// shown as the literal text `a\u009b2Jb@x.com`, not as "ab@x.com" (an
// address that is not stored), and a name with a newline stays on one
// line as `first\u000asecond`. There is deliberately one mapping for
// every escaped rune, newline and tab included, so that the shown text
// reads back to exactly one stored value.
//
// The escapes are unambiguous: a backslash from the text is doubled when
// what follows it could be read as an escape (a backslash, 'u', 'U', 'x'
// or an escaped rune), and shown as one backslash otherwise, so that
// Windows paths such as C:\Temp stay readable.
//
// Showing U+200D ZERO WIDTH JOINER visibly also splits ZWJ emoji
// sequences into single emoji, each of which terminals and
// ansi.StringWidth measure alike; a joined sequence is measured as one
// emoji by ansi.StringWidth but drawn as several by many terminals, which
// shifts every column after it.
//
// Text is cut to MaxLen bytes before any work, so a 1 MB value costs no
// more than a short one.
package safe
