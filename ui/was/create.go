package was

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/cursor"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/components/confirm"
	"github.com/qsched/qsched/ui/components/form"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// Create (n) and clone (c): the shared editor (ui/components/form) over
// a huh form of every setting (create_form.go, values in
// create_values.go), its review with the next launches and the exact
// request, and the typed confirmation (create_review.go); then
// WAS.Create, a read of the new schedule, and its row in the list.

// Messages of the create form's tasks. Each carries the form it belongs
// to: a result for a form since closed is dropped.
type (
	cloneLoad struct {
		form *createForm
		S    model.WasScanSchedule
	}
	appsFound struct {
		form  *createForm
		query string
		res   client.CatalogResult[model.WASWebAppItem]
	}
	profilesFound struct {
		form *createForm
		res  client.CatalogResult[model.WASOptionProfile]
	}
	created struct {
		form *createForm
		Name string
		// C is what the create left (ID 0 when it failed; Found when a
		// search found it after a lost answer).
		C client.Created[int64]
		// S is the new schedule as read back; Read says the read worked.
		S    model.WasScanSchedule
		Read bool
	}
)

type (
	cloneLoadMsg = task.DoneMsg[cloneLoad]
	appsMsg      = task.DoneMsg[appsFound]
	profilesMsg  = task.DoneMsg[profilesFound]
	createdMsg   = task.DoneMsg[created]
)

// openCreate opens the form on a new schedule.
func (m *Model) openCreate() tea.Cmd {
	if m.Client == nil || m.busy() {
		return nil
	}
	f := newCreateForm(nil, newValues(m.Now()), m.Now)
	m.create, m.mode = f, modeCreate
	return tea.Batch(m.startCreateEditor(f), m.searchAppsCmd(f), m.searchProfilesCmd(f))
}

// openClone reads the schedule under the cursor, then opens the form on
// a copy of it.
func (m *Model) openClone() tea.Cmd {
	r := m.cursorRow()
	if r == nil || m.Client == nil || m.busy() {
		return nil
	}
	f := &createForm{srcID: r.id, now: m.Now}
	m.create, m.mode = f, modeCreate
	w, id := m.Client.WAS, r.id
	return task.Run(m.ID(), 0, fmt.Sprintf("Getting WAS schedule %d", id), func(ctx context.Context) (cloneLoad, error) {
		s, err := w.Get(ctx, id)
		return cloneLoad{f, s}, err
	})
}

func (m *Model) onCloneLoad(msg cloneLoadMsg) tea.Cmd {
	old := msg.Value.form
	if old == nil || old != m.create || old.ed != nil {
		return nil
	}
	if msg.Err != nil {
		old.err = safe.Line(msg.Err.Error(), 0)
		return nil
	}
	v, src := cloneValues(msg.Value.S, m.Now())
	f := newCreateForm(src, v, m.Now)
	m.create = f
	return tea.Batch(m.startCreateEditor(f), m.searchAppsCmd(f), m.searchProfilesCmd(f))
}

// startCreateEditor opens the editor on f's values.
func (m *Model) startCreateEditor(f *createForm) tea.Cmd {
	f.open(m.Common, m.formArea, form.Spec{
		Owner:    m.ID(),
		Build:    f.build,
		Edited:   func() tea.Cmd { f.describe(); return nil },
		OnReview: f.reviewed,
		Review:   f.review,
		Blocked:  f.blocked,
		Confirm:  func() confirm.Spec { return f.confirmSpec(m.opts.Platform) },
		Reopen:   f.firstProblem,
	})
	f.focus = f.focused()
	return f.ed.Init()
}

// searchAppsCmd searches the platform's web apps by the query typed.
func (m *Model) searchAppsCmd(f *createForm) tea.Cmd {
	q := strings.TrimSpace(fromVisible(f.v.AppQuery))
	f.appsQuery, f.appsState = q, searching
	f.setAppOptions()
	w := m.Client.WAS
	title := "Searching web apps"
	if q != "" {
		title += " named like " + strconv.Quote(safe.Line(q, 30))
	}
	return task.Run(m.ID(), 0, title, func(ctx context.Context) (appsFound, error) {
		res, err := w.SearchWebApps(ctx, client.CatalogQuery{NameContains: q})
		return appsFound{f, q, res}, err
	})
}

func (m *Model) searchProfilesCmd(f *createForm) tea.Cmd {
	f.profilesState = searching
	w := m.Client.WAS
	return task.Run(m.ID(), 0, "Loading option profiles", func(ctx context.Context) (profilesFound, error) {
		res, err := w.SearchOptionProfiles(ctx, client.CatalogQuery{})
		return profilesFound{f, res}, err
	})
}

func (m *Model) onApps(msg appsMsg) {
	f := msg.Value.form
	if f != m.create || msg.Value.query != f.appsQuery {
		return // a closed form's, or an older search's
	}
	if msg.Err != nil {
		f.appsState = "search failed: " + safe.Line(msg.Err.Error(), 60)
		f.apps = nil
	} else {
		f.apps = f.apps[:0]
		for _, a := range msg.Value.res.Items {
			o := appOption(a.ID, string(a.Name), string(a.URL))
			f.apps = append(f.apps, o)
			f.appsSeen[o.Value] = o
			for _, t := range a.Tags.Tags() {
				if t.Name != nil {
					f.knownTags[t.ID] = safe.Line(string(*t.Name), 24)
				}
			}
		}
		f.appsState = present.Plural(len(f.apps), "web app") + " found"
		if msg.Value.res.More {
			f.appsState = fmt.Sprintf("the first %s shown; more match: narrow the search", present.Count(len(f.apps)))
		}
	}
	f.setAppOptions()
	f.describe()
	f.redraw()
}

func (m *Model) onProfiles(msg profilesMsg) {
	f := msg.Value.form
	if f != m.create {
		return
	}
	if msg.Err != nil {
		f.profilesState = "could not load them: " + safe.Line(msg.Err.Error(), 60)
	} else {
		cur := f.profiles
		f.profiles = nil
		for _, p := range msg.Value.res.Items {
			o := profileOption(p.ID, string(p.Name))
			if model.Deref(p.IsDefault) {
				o.Label += " · default"
			}
			f.profiles = append(f.profiles, o)
		}
		// The clone's profile stays offered even when it is not listed.
		for _, c := range cur {
			if !containsOption(f.profiles, c.Value) {
				f.profiles = append([]option{c}, f.profiles...)
			}
		}
		f.profilesState = present.Plural(len(f.profiles), "option profile")
		if msg.Value.res.More {
			f.profilesState += ", more on the platform"
		}
	}
	if f.profilePick != nil {
		auto := f.v.ProfileID == "" && f.initial.ProfileID == ""
		f.profilePick.Options(f.profileOptions()...)
		if auto {
			// The picker chose the first profile: not the user's input, so
			// leaving the form untouched asks nothing.
			f.initial.ProfileID = f.v.ProfileID
		}
	}
	f.describe()
	f.redraw()
}

// redrawMsg reaches the huh form only to make it draw again.
type redrawMsg struct{}

// redraw shows changes made to the huh fields outside their Update
// (descriptions, a picker's options): a huh group draws its fields only
// when it handles a message. In the review it re-reads the review.
func (f *createForm) redraw() {
	if f.ed == nil {
		return
	}
	if f.ed.Stage() == form.Editing {
		f.ed.Update(redrawMsg{})
	}
	f.ed.Refresh()
}

func containsOption(os []option, v string) bool {
	for _, o := range os {
		if o.Value == v {
			return true
		}
	}
	return false
}

// setAppOptions gives the picker the current entries (on the event loop,
// like every other change to the huh fields).
func (f *createForm) setAppOptions() {
	if f.appPick != nil {
		f.appPick.Options(f.appOptions()...)
	}
}

// createMsg handles any message for the open create form: keys, and the
// huh form's own messages.
func (m *Model) createMsg(msg tea.Msg) tea.Cmd {
	f := m.create
	if f == nil {
		return nil
	}
	if _, ok := msg.(cursor.BlinkMsg); ok {
		return nil // no blinking: an idle form sends nothing (goldens, waits)
	}
	kp, isKey := msg.(tea.KeyPressMsg)
	if f.ed == nil { // loading the source, or it failed
		if isKey && key.Matches(kp, m.Keys.Form.Leave) {
			m.closeCreate("Clone cancelled: nothing was sent.")
		}
		return nil
	}
	if f.discard != nil && isKey {
		if f.discardKey(kp, m.Now()) {
			m.closeCreate("Discarded: nothing was sent.")
		}
		return nil
	}
	f.fit(m.formArea())
	act, cmd := f.ed.Update(msg)
	if _, ok := msg.(tea.PasteMsg); ok {
		f.describe()
		isKey = true
	}
	left := f.track()
	if isKey && f.ed.Stage() == form.Editing {
		f.redraw() // show the descriptions describe set after the key
	}
	switch act {
	case form.Leave:
		if f.changed() {
			f.askDiscard(m.Common, f.discardSpec())
			return cmd
		}
		m.closeCreate("Nothing was sent.")
		return nil
	case form.Send:
		f.recheck()
		return tea.Batch(cmd, m.createCmd(f))
	}
	// Leaving the search field searches, when its text changed.
	if left == "appQuery" && strings.TrimSpace(fromVisible(f.v.AppQuery)) != f.appsQuery {
		return tea.Batch(cmd, m.searchAppsCmd(f))
	}
	return cmd
}

func (m *Model) closeCreate(note string) {
	m.create, m.mode = nil, modeList
	m.setNote(note, false)
}

// createCmd sends the create, then reads the new schedule so its row
// shows what the server stored.
func (m *Model) createCmd(f *createForm) tea.Cmd {
	s, name := f.out, f.out.NameValue()
	m.writing = "Creating WAS schedule " + strconv.Quote(safe.Line(name, 40))
	w := m.Client.WAS
	return task.Run(m.ID(), 0, m.writing, func(ctx context.Context) (created, error) {
		c, err := w.CreateOutcome(ctx, s)
		if err != nil {
			return created{form: f, Name: name}, err
		}
		out := created{form: f, Name: name, C: c}
		if out.S, err = w.Get(ctx, c.ID); err == nil {
			out.Read = true
		}
		return out, nil
	})
}

func (m *Model) onCreated(msg createdMsg) tea.Cmd {
	v, err := msg.Value, msg.Err
	m.writing = ""
	f := v.form
	var unknown *client.UnknownOutcomeError
	switch {
	case err != nil && errors.As(err, &unknown):
		if f == m.create {
			m.create, m.mode = nil, modeList
		}
		m.setNote(fmt.Sprintf("Create of %q: outcome unknown (%s): %s. Not sent again; reloading the list.",
			safe.Line(v.Name, 40), safe.Line(unknown.Err.Error(), 0), safe.Line(unknown.Search, 0)), true)
		return m.reload(false)
	case err != nil:
		if f == m.create && f.ed != nil {
			// Refused: back to the review, every value kept.
			f.ed.Sent("Create refused: "+safe.Line(err.Error(), 0)+" — nothing was created.", true)
			return nil
		}
		m.setNote(fmt.Sprintf("Create of %q refused: %s — nothing was created.", safe.Line(v.Name, 40), safe.Line(err.Error(), 0)), true)
		return nil
	}
	if f == m.create {
		m.create, m.mode = nil, modeList
	}
	found := ""
	if v.C.Found {
		found = " " + v.C.Note()
	}
	if !v.Read {
		m.setNote(fmt.Sprintf("Created WAS schedule %d (%s); reading it back failed, reloading the list.%s", v.C.ID, safe.Line(v.Name, 40), found), false)
		return m.reload(false)
	}
	r := newRow(v.S)
	note := fmt.Sprintf("Created WAS schedule %d (%s).%s", r.id, r.name, found)
	if len(m.criteria) > 0 {
		// Whether it matches the server-side filter is the server's to say.
		m.setNote(note+" Reloading the list (server filter on).", false)
		return m.reload(false)
	}
	m.appendRows([]*row{r})
	m.goTo = r.id
	if warn := launchMismatch(f, v.S, m.Loc()); warn != "" {
		m.setNote(note+" "+warn, true)
	} else {
		m.setNote(note, false)
	}
	return m.refilter()
}

// launchMismatch compares the server's next launch with the preview's
// first (operator-ux §10.6): a difference is reported, never corrected.
// Both are shown in loc, the display zone.
func launchMismatch(f *createForm, s model.WasScanSchedule, loc *time.Location) string {
	next, ok := s.NextLaunch()
	if f == nil || !ok {
		return ""
	}
	runs, err := model.WASNextLaunches(f.out.Scheduling, f.now(), 1)
	if err != nil || len(runs) == 0 || runs[0].Equal(next) {
		return ""
	}
	return fmt.Sprintf("Warning: the server's next launch (%s) differs from the preview's (%s).",
		present.DateTime(next.In(loc)), present.DateTime(runs[0].In(loc)))
}

// createView renders the form: a heading, then the editor or the discard
// question.
func (f *createForm) view(st *common.Styles, w, h int) string {
	return f.editorView(st, f.title(), func() string { return shown(f.v.Name, 0) }, func() string { return createTitle(f.focused()) }, w, h)
}

// createHelp is the create form's keys.
func (m *Model) createHelp() []key.Binding {
	if f := m.create; f != nil {
		return f.help(m.Keys.Form.Leave)
	}
	return nil
}

// Focus names where the create form is (stage and focused field), ""
// elsewhere: end-to-end tests wait for each move, as huh moves the focus
// through commands.
func (m *Model) Focus() string {
	f := m.create
	if m.mode != modeCreate || f == nil {
		return ""
	}
	if f.ed == nil {
		return "loading"
	}
	return fmt.Sprint(f.ed.Stage()) + ":" + f.focused()
}
