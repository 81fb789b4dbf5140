package common

import (
	"fmt"

	"charm.land/bubbles/v2/key"
)

// KeyMap is the one key map of the app, grouped by context. Screens and
// components take their bindings from it, so help, remapping and read-only
// mode act on one place. Every key the app answers is a key.Binding here.
//
// Write actions (anything that changes the platform) are disabled in
// read-only mode: a disabled binding never matches (key.Matches) and is
// left out of help, so in read-only mode write actions are neither
// reachable nor advertised.
type KeyMap struct {
	Global GlobalKeys
	List   ListKeys
	Form   FormKeys
	Dialog DialogKeys
	Login  LoginKeys
	Picker PickerKeys
	// Calendar are the Calendar screen's own keys (it also answers the
	// List moves, Filter, Details and Refresh).
	Calendar CalendarKeys
}

// CalendarKeys act on the Calendar screen.
type CalendarKeys struct {
	Span  key.Binding // 7 or 30 days
	Kind  key.Binding // all, WAS, script
	Owner key.Binding // the owner filter
	// NextOverlap moves to the next flagged run; its help explains the
	// flag.
	NextOverlap key.Binding
}

// GlobalKeys work on every screen.
type GlobalKeys struct {
	Quit      key.Binding // asks first when a screen holds unsaved input
	Interrupt key.Binding // ctrl+c: quits like Quit, even while typing
	Help      key.Binding // also from a form (a second ? types it)
	// Back cancels running calls, else closes what is open, one level
	// at a time.
	Back                           key.Binding
	Scripts, WAS, Calendar, APILog key.Binding
	// NextScreen and PrevScreen go through the screens in the order of
	// their keys (1, 2, 3, @), where the screen takes no text.
	NextScreen, PrevScreen key.Binding
	// Profiles opens the picker of the config file's profiles (only
	// where the app was given some).
	Profiles key.Binding
	// FullMessage opens the status bar's message whole when it was cut
	// to fit (it then ends with "… (! for full)").
	FullMessage key.Binding
}

// ListKeys act on schedule lists and the API log.
type ListKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding

	Refresh, Filter, Details, Pause key.Binding
	ServerFilter, ClearServerFilter key.Binding
	Sort, SortDirection             key.Binding

	Mark, MarkShown, UnmarkShown, InvertShown key.Binding
	// UnmarkAll clears every mark, those hidden by the filter too;
	// MarkRange starts (and ends) a range that marks every row the
	// cursor passes; MarkUp and MarkDown mark the row under the cursor
	// and the one they move to; MarkedOnly shows only the marked rows.
	UnmarkAll, MarkRange, MarkUp, MarkDown, MarkedOnly key.Binding

	ContinueDraft, DiscardDraft key.Binding

	// Edit opens the schedule under the cursor for a change (the builder
	// for a script schedule, the notification update for a WAS one);
	// Delete removes it. The same keys do the same on every screen: e
	// edits, + activates, d deactivates.
	Edit, Delete key.Binding

	// Write actions.
	New, Activate, Deactivate, DeactivateByFilter, Update key.Binding
	// ActivateByFilter is DeactivateByFilter's twin (the WAS screen).
	ActivateByFilter key.Binding
	// Clone copies the schedule under the cursor into a new one (the WAS
	// screen; c is the draft key on the script screen).
	Clone key.Binding

	// CopyID and CopyName put the id or the name of the row under the
	// cursor on the clipboard (OSC 52); Export writes the rows shown
	// (filtered, sorted) to a CSV or JSON file.
	CopyID, CopyName, Export key.Binding
	// CopyCurl puts the API log's selected call on the clipboard as a
	// curl command.
	CopyCurl key.Binding
	// Undo sets back what your last bulk activate or deactivate on this
	// platform changed (from the audit log), after a confirmation.
	Undo key.Binding
}

// FormKeys are the keys of both editors (the script-schedule builder and
// the WAS update form): huh moves between fields (Next, Prev are listed
// for help); Review, Submit, BackToForm and Leave are the editor's own.
type FormKeys struct {
	Next, Prev key.Binding
	Choose     key.Binding // enter on a list of choices (the filter builder)
	Review     key.Binding // from any field to the review
	Submit     key.Binding // from the review: asks for Dialog.Confirm (write)
	BackToForm key.Binding
	Leave      key.Binding // esc: keeps a draft or asks before discarding
	// Pick opens the search picker of the focused field (the builder's
	// script and targets).
	Pick key.Binding
}

// PickerKeys answer a search picker (ui/components/picker): typing goes
// to the search; the moves, Toggle and Choose act on the results.
// Printable keys are typed, so only arrows and control keys move here.
type PickerKeys struct {
	Up, Down, PageUp, PageDown key.Binding
	// Switch moves between the search and the results.
	Switch key.Binding
	// Toggle selects or unselects the row under the cursor (results).
	Toggle key.Binding
	// Choose picks the row under the cursor (single-select) or accepts
	// the selection (multi-select).
	Choose key.Binding
	Cancel key.Binding // esc: back, nothing changed
}

// LoginKeys answer the password prompt: every other key is typed into
// it (ctrl+c still quits).
type LoginKeys struct {
	Next   key.Binding // from the user name to the password
	Submit key.Binding // uses what was typed; nothing is sent while empty
	Leave  key.Binding // quits (asking first when a form holds input)
}

// DialogKeys answer a typed confirmation: only Confirm accepts.
type DialogKeys struct {
	Confirm, Cancel key.Binding
}

func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// DefaultKeyMap returns the key map; with readOnly every write action is
// disabled.
func DefaultKeyMap(readOnly bool) *KeyMap {
	k := &KeyMap{
		Global: GlobalKeys{
			Quit:      bind("q", "quit", "q"),
			Interrupt: bind("ctrl+c", "quit", "ctrl+c"),
			Help:      bind("?", "help", "?"),
			Back:      bind("esc", "back / cancel calls", "esc"),
			Scripts:   bind("1", "script schedules", "1"),
			WAS:       bind("2", "WAS schedules", "2"),
			Calendar:  bind("3", "calendar", "3"),
			APILog:    bind("@", "API log", "@"),

			NextScreen: bind("tab", "next screen", "tab"),
			PrevScreen: bind("shift+tab", "previous screen", "shift+tab"),
			Profiles:   bind("P", "profiles", "P"),

			FullMessage: bind("!", "whole message", "!"),
		},
		List: ListKeys{
			Up:       bind("↑/k", "up", "up", "k"),
			Down:     bind("↓/j", "down", "down", "j"),
			PageUp:   bind("pgup", "page up", "pgup", "ctrl+b"),
			PageDown: bind("pgdn", "page down", "pgdown", "ctrl+f"),
			Top:      bind("g", "first", "home", "g"),
			Bottom:   bind("G", "last", "end", "G"),

			Refresh:           bind("r", "refresh", "r"),
			Filter:            bind("/", "filter", "/"),
			Details:           bind("enter", "details", "enter"),
			Pause:             bind("p", "pause auto-refresh", "p"),
			ServerFilter:      bind("f", "server filter", "f"),
			ClearServerFilter: bind("F", "clear server filter", "F"),
			Sort:              bind("s", "sort column", "s"),
			SortDirection:     bind("S", "sort direction", "S"),

			Mark:        bind("space", "mark", "space"),
			MarkShown:   bind("a", "mark shown", "a"),
			UnmarkShown: bind("A", "unmark shown", "A"),
			InvertShown: bind("i", "invert shown", "i"),
			UnmarkAll:   bind("U", "unmark all (hidden too)", "U"),
			MarkRange:   bind("v", "mark a range", "v"),
			MarkUp:      bind("shift+↑", "mark up", "shift+up"),
			MarkDown:    bind("shift+↓", "mark down", "shift+down"),
			MarkedOnly:  bind("M", "marked only", "M"),

			// o, not c: c clones the schedule under the cursor.
			ContinueDraft: bind("o", "open saved drafts", "o"),
			DiscardDraft:  bind("x", "discard a saved draft", "x"),

			Edit:   bind("e", "edit", "e"),
			Delete: bind("X", "delete", "X", "delete"),

			New:                bind("n", "new schedule", "n"),
			Activate:           bind("+", "activate", "+"),
			Deactivate:         bind("d", "deactivate", "d"),
			DeactivateByFilter: bind("D", "deactivate by filter", "D"),
			ActivateByFilter:   bind("=", "activate by filter", "="),
			Update:             bind("u", "update", "u"),
			Clone:              bind("c", "clone", "c"),

			CopyID:   bind("y", "copy id", "y"),
			CopyName: bind("Y", "copy name", "Y"),
			Export:   bind("E", "export shown rows", "E"),
			CopyCurl: bind("y", "copy as curl", "y", "c"),
			Undo:     bind("z", "undo last (de)activate", "z"),
		},
		Form: FormKeys{
			Next:       bind("enter", "next", "enter", "tab"),
			Prev:       bind("shift+tab", "back", "shift+tab"),
			Choose:     bind("enter", "choose", "enter"),
			Review:     bind("ctrl+s", "review", "ctrl+s"),
			Submit:     bind("s", "submit", "s"),
			BackToForm: bind("b", "edit", "b", "shift+tab"),
			Leave:      bind("esc", "leave", "esc"),
			Pick:       bind("ctrl+f", "search the platform", "ctrl+f"),
		},
		Picker: PickerKeys{
			Up:       bind("↑", "up", "up"),
			Down:     bind("↓", "down", "down"),
			PageUp:   bind("pgup", "page up", "pgup"),
			PageDown: bind("pgdn", "page down", "pgdown"),
			Switch:   bind("tab", "search/results", "tab", "shift+tab"),
			Toggle:   bind("space", "select", "space"),
			Choose:   bind("enter", "done", "enter"),
			Cancel:   bind("esc", "cancel", "esc"),
		},
		Dialog: DialogKeys{
			Confirm: bind("y", "confirm", "y"),
			Cancel:  bind("n/esc/enter", "cancel", "n", "N", "esc", "enter", "q"),
		},
		Calendar: CalendarKeys{
			Span:        bind("t", "7/30 days", "t"),
			Kind:        bind("K", "kind: all/WAS/script", "K"),
			Owner:       bind("o", "owner filter", "o"),
			NextOverlap: bind("n", "next overlap (! = same web app, agent or tag, < 1 h apart)", "n"),
		},
		Login: LoginKeys{
			Next:   bind("tab", "next field", "tab", "shift+tab", "up", "down"),
			Submit: bind("enter", "sign in", "enter"),
			Leave:  bind("esc", "quit", "esc"),
		},
	}
	if readOnly {
		for _, b := range k.WriteBindings() {
			b.SetEnabled(false)
		}
	}
	return k
}

// WriteBindings are the bindings that change the platform. A new write
// action must be added here so that read-only mode removes it.
func (k *KeyMap) WriteBindings() []*key.Binding {
	l := &k.List
	return append([]*key.Binding{&l.New, &l.Activate, &l.Deactivate, &l.DeactivateByFilter, &l.ActivateByFilter, &l.Update, &l.Clone, &k.Form.Submit},
		&l.Edit, &l.Delete, &l.Undo)
}

// ScreenBindings are the keys that switch screens.
func (k *KeyMap) ScreenBindings() []key.Binding {
	return []key.Binding{k.Global.Scripts, k.Global.WAS, k.Global.Calendar, k.Global.APILog}
}

// GlobalBindings are listed in every help view.
func (k *KeyMap) GlobalBindings() []key.Binding {
	g := k.Global
	return []key.Binding{g.Help, g.Back, g.Profiles, g.FullMessage, g.Quit, g.Interrupt}
}

// NavBindings are the movement keys, for screens that scroll.
func (k *KeyMap) NavBindings() []key.Binding {
	l := k.List
	return []key.Binding{l.Up, l.Down, l.PageUp, l.PageDown, l.Top, l.Bottom}
}

// CopyBindings are the copy and export keys of a list, for help.
func (k *KeyMap) CopyBindings() []key.Binding {
	l := k.List
	return []key.Binding{l.CopyID, l.CopyName, l.Export}
}

// FormBindings are the editor keys, for help.
func (k *KeyMap) FormBindings() []key.Binding {
	f := k.Form
	return []key.Binding{f.Next, f.Prev, f.Review, f.Leave}
}

// ReviewBindings are the keys of an editor's review, for help.
func (k *KeyMap) ReviewBindings() []key.Binding {
	f := k.Form
	return []key.Binding{f.Submit, f.BackToForm, k.List.Up, k.List.Down, f.Leave}
}

// ReadOnlyHit reports the write action a key would start if writes were
// allowed (a disabled write binding never matches), so screens can answer
// "read-only: …" instead of doing nothing.
func (k *KeyMap) ReadOnlyHit(msg fmt.Stringer) (string, bool) {
	s := msg.String()
	for _, b := range k.WriteBindings() {
		if b.Enabled() {
			continue
		}
		for _, kk := range b.Keys() {
			if kk == s {
				return b.Help().Desc, true
			}
		}
	}
	return "", false
}
