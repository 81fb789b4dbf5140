package common

import "charm.land/bubbles/v2/key"

// KeyMap is the one key map of the app. Screens take their bindings from
// it, so help, remapping and read-only mode act on one place.
//
// Write actions (anything that changes the platform) are disabled in
// read-only mode: a disabled binding never matches (key.Matches) and is
// left out of help, so in read-only mode write actions are neither
// reachable nor advertised.
type KeyMap struct {
	// Global.
	Quit      key.Binding // asks first when a screen holds unsaved input
	Interrupt key.Binding // ctrl+c: quits like Quit, even while typing
	Help      key.Binding
	Cancel    key.Binding // cancels running tasks
	Confirm   key.Binding // the only key that accepts a confirmation

	// Screens.
	Scripts key.Binding
	WAS     key.Binding
	APILog  key.Binding

	// Movement.
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding

	// Read actions on schedule lists.
	Refresh, Filter, Mark key.Binding

	// Write actions on schedules.
	New, Edit, Activate, Deactivate key.Binding

	// The script-schedule builder: Submit is a write action (it asks for
	// Confirm first); the others only move around.
	Submit, BackToForm, ContinueDraft, DiscardDraft key.Binding

	// Write actions of the WAS screen, whose a and e keys are taken by
	// selection (a) and activate (e): activate the marks, deactivate by
	// the server-side filter, update one schedule.
	WASActivate, WASDeactivateByFilter, WASUpdate key.Binding
}

// DefaultKeyMap returns the key map; with readOnly every write action is
// disabled.
func DefaultKeyMap(readOnly bool) *KeyMap {
	k := &KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Interrupt: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel running calls")),
		Confirm:   key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "confirm")),

		Scripts: key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "script schedules")),
		WAS:     key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "WAS schedules")),
		APILog:  key.NewBinding(key.WithKeys("@"), key.WithHelp("@", "API log")),

		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),

		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Filter:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Mark:    key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "mark")),

		New:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new schedule")),
		Edit:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit schedule")),
		Activate:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "activate")),
		Deactivate: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "deactivate")),

		Submit:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "submit")),
		BackToForm:    key.NewBinding(key.WithKeys("b", "shift+tab"), key.WithHelp("b", "back to the form")),
		ContinueDraft: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "continue the draft")),
		DiscardDraft:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "discard the draft")),

		WASActivate:           key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "activate")),
		WASDeactivateByFilter: key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "deactivate by filter")),
		WASUpdate:             key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "update")),
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
	return []*key.Binding{&k.New, &k.Edit, &k.Activate, &k.Deactivate, &k.Submit, &k.WASActivate, &k.WASDeactivateByFilter, &k.WASUpdate}
}

// ScreenBindings are the keys that switch screens.
func (k *KeyMap) ScreenBindings() []key.Binding {
	return []key.Binding{k.Scripts, k.WAS, k.APILog}
}

// GlobalBindings are listed in every help view.
func (k *KeyMap) GlobalBindings() []key.Binding {
	return []key.Binding{k.Help, k.Cancel, k.Quit, k.Interrupt}
}

// NavBindings are the movement keys, for screens that scroll.
func (k *KeyMap) NavBindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}
