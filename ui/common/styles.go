package common

import "charm.land/lipgloss/v2"

// Styles is the one set of styles of the app (soft-serve's styles.Styles).
// Components take what they need from it instead of defining their own.
type Styles struct {
	Header struct {
		Bar, Brand, Platform, User, ReadOnly lipgloss.Style
	}
	Tabs struct {
		Bar, Active, Inactive lipgloss.Style
	}
	StatusBar struct {
		Bar, Spinner, Task, Error, Info, Warn, Budget, Screen lipgloss.Style
	}
	APILog struct {
		Failed, Detail, Label, Empty lipgloss.Style
	}
	// Table is the shared list table (ui/components/table).
	Table struct{ Header, Cursor lipgloss.Style }
	// Row colours a schedule's row by its state (an active one keeps the
	// default colour); Marked wins over the state, the table's cursor
	// over both.
	Row struct{ Inactive, Invalid, Marked lipgloss.Style }
	// Dialog is the typed confirmation (ui/components/confirm).
	Dialog               struct{ Title, Prompt, Note lipgloss.Style }
	Title, Muted, Prompt lipgloss.Style
	// Error and Warn colour problems and writes in flight in screens.
	Error, Warn lipgloss.Style
	Help        struct{ Key, Desc, Sep lipgloss.Style }
}

// DefaultStyles returns the default dark-background styles.
func DefaultStyles() *Styles {
	var (
		accent = lipgloss.Color("#7D56F4")
		fg     = lipgloss.Color("#E4E4E4")
		muted  = lipgloss.Color("#8A8A8A")
		red    = lipgloss.Color("#FF5F87")
		amber  = lipgloss.Color("#FFAF00")
		green  = lipgloss.Color("#5FD787")
	)
	s := &Styles{}
	s.Header.Bar = lipgloss.NewStyle().Foreground(fg)
	s.Header.Brand = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Header.Platform = lipgloss.NewStyle().Foreground(green)
	s.Header.User = lipgloss.NewStyle().Foreground(fg)
	// Reverse keeps the badge visible even without colour.
	s.Header.ReadOnly = lipgloss.NewStyle().Bold(true).Reverse(true).Foreground(amber)

	s.Tabs.Bar = lipgloss.NewStyle().Foreground(muted)
	s.Tabs.Active = lipgloss.NewStyle().Bold(true).Underline(true).Foreground(accent)
	s.Tabs.Inactive = lipgloss.NewStyle().Foreground(muted)

	s.StatusBar.Bar = lipgloss.NewStyle().Foreground(fg)
	s.StatusBar.Spinner = lipgloss.NewStyle().Foreground(accent)
	s.StatusBar.Task = lipgloss.NewStyle().Foreground(fg)
	s.StatusBar.Error = lipgloss.NewStyle().Bold(true).Foreground(red)
	s.StatusBar.Info = lipgloss.NewStyle().Foreground(muted)
	s.StatusBar.Warn = lipgloss.NewStyle().Bold(true).Foreground(amber)
	s.StatusBar.Budget = lipgloss.NewStyle().Foreground(muted)
	s.StatusBar.Screen = lipgloss.NewStyle().Foreground(fg)

	s.APILog.Failed = lipgloss.NewStyle().Foreground(red)
	s.APILog.Detail = lipgloss.NewStyle().Foreground(fg)
	s.APILog.Label = lipgloss.NewStyle().Foreground(muted)
	s.APILog.Empty = lipgloss.NewStyle().Foreground(muted)

	s.Table.Header = lipgloss.NewStyle().Bold(true).Foreground(muted)
	s.Table.Cursor = lipgloss.NewStyle().Reverse(true)
	s.Row.Inactive = lipgloss.NewStyle().Foreground(muted)
	s.Row.Invalid = lipgloss.NewStyle().Foreground(red)
	s.Row.Marked = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Dialog.Title = lipgloss.NewStyle().Bold(true).Foreground(amber)
	s.Dialog.Prompt = lipgloss.NewStyle().Bold(true)
	s.Dialog.Note = lipgloss.NewStyle().Foreground(muted)
	s.Error = lipgloss.NewStyle().Bold(true).Foreground(red)
	s.Warn = lipgloss.NewStyle().Bold(true).Foreground(amber)
	s.Title = lipgloss.NewStyle().Bold(true)
	s.Muted = lipgloss.NewStyle().Foreground(muted)
	s.Prompt = lipgloss.NewStyle().Bold(true).Foreground(amber)

	s.Help.Key = lipgloss.NewStyle().Foreground(lipgloss.Color("#909090"))
	s.Help.Desc = lipgloss.NewStyle().Foreground(lipgloss.Color("#B2B2B2"))
	s.Help.Sep = lipgloss.NewStyle().Foreground(lipgloss.Color("#5C5C5C"))
	return s
}
