// Package common holds what every qsched UI component shares: the Common
// struct (size, styles, key map, clock, client), the Screen interface that
// the root model routes between, and small text helpers that keep rendered
// lines inside the terminal.
package common

import (
	"time"

	"github.com/qsched/qsched/client"
)

// Common is passed by value to every component (soft-serve style). The
// pointers it holds are shared and must not be mutated after New: one
// Styles and one KeyMap for the whole app.
type Common struct {
	Width, Height int
	Styles        *Styles
	Keys          *KeyMap
	// Client is the API client. The UI never builds HTTP requests itself;
	// it calls the client inside task commands. It may be nil in tests of
	// screens that make no calls.
	Client   *client.Client
	ReadOnly bool
	// Now is the clock; tests inject a fixed one.
	Now func() time.Time
	// StaticSpinner replaces animated spinners with a fixed glyph and stops
	// their ticks, so tests can render deterministic frames.
	StaticSpinner bool
	// Zone is where every time is shown (--tz, the profile's time_zone,
	// or the local zone); nil shows UTC. Use Loc.
	Zone *time.Location
}

// Loc is the display zone: Zone, or UTC when none was set.
func (c Common) Loc() *time.Location {
	if c.Zone == nil {
		return time.UTC
	}
	return c.Zone
}

// New returns a Common with the default styles and a key map that has
// every write action disabled when readOnly is set.
func New(c *client.Client, readOnly bool, now func() time.Time) Common {
	if now == nil {
		now = time.Now
	}
	return Common{
		Styles:   DefaultStyles(),
		Keys:     DefaultKeyMap(readOnly),
		Client:   c,
		ReadOnly: readOnly,
		Now:      now,
	}
}

// SetSize records the area a component may draw in.
func (c *Common) SetSize(w, h int) {
	c.Width, c.Height = max(w, 0), max(h, 0)
}
