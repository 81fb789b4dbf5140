package scriptform

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/components/picker"
	"github.com/qsched/qsched/ui/components/table"
	"github.com/qsched/qsched/ui/safe"
)

// The builder's pickers. huh fields cannot host a custom component, so
// the script and the three target fields stay text fields (what is typed
// there is the draft, and is what is sent), and ctrl+f on one of them
// opens a picker over the form: a search on the platform whose selection
// is written back into the field as "UUID id" lines (or the script id
// and title) when the picker is accepted. Lines typed by hand stay as
// they are; lines the picker knew and the user unselected are removed.
// The names of what was picked are kept in the builder's label cache
// (not in the draft) for the field hints and the review.

// pickKinds maps a field to the picker it opens.
var pickKinds = map[string]string{
	"scriptId": "script", "scriptTitle": "script",
	"assets": "assets", "assetTags": "assetTags", "excluded": "excluded",
}

// errNoClient is the search's answer when the builder has no connection.
var errNoClient = errors.New("no connection to the platform")

// noScriptSearch is the one line the builder shows once the platform has
// refused the script search.
const noScriptSearch = "script search refused by the platform (POST /sm/v1/scripts/search, a path not confirmed by Qualys documentation): type the id and title"

// targetText returns the draft field a target picker edits.
func (m *Model) targetText(field string) *string {
	switch field {
	case "assets":
		return &m.draft.Assets
	case "assetTags":
		return &m.draft.AssetTags
	case "excluded":
		return &m.draft.Excluded
	}
	return nil
}

// lineKey reads one "UUID id" line as ParseAssets does; ok is false for
// a blank or invalid line.
func lineKey(line string) (string, bool) {
	a, err := ParseAssets(line)
	if err != nil || len(a) != 1 {
		return "", false
	}
	return assetKey(a[0]), true
}

func assetKey(a model.Asset) string { return a.UUId + " " + string(a.ID) }

// openPicker opens the picker of field (a key of pickKinds).
func (m *Model) openPicker(field string) tea.Cmd {
	kind := pickKinds[field]
	if kind == "script" && m.scriptNote != "" {
		return nil // refused already: the hint says why
	}
	cl := m.c.Client
	spec := picker.Spec{Owner: Owner}
	switch kind {
	case "script":
		spec.Title, spec.Noun, spec.Single = "Script", "scripts", true
		spec.Hint = "words search the script titles"
		spec.Columns = []table.Column{
			{Title: "Title", Width: 20, Flex: 1, Priority: 9},
			{Title: "Id", Width: 8, Priority: 8},
			{Title: "Platform", Width: 9, Priority: 5},
			{Title: "Type", Width: 10, Priority: 4},
		}
		spec.Search = scriptSearch(cl)
		if id := strings.TrimSpace(m.draft.ScriptID); id != "" {
			spec.Selected = []picker.Row{{Key: id, Label: m.draft.ScriptTitle}}
		}
	case "assetTags":
		spec.Title, spec.Noun = "Asset tags", "tags"
		spec.Hint = "words search the tag names (tags on which CAR is enabled)"
		spec.Columns = []table.Column{
			{Title: "Tag", Width: 20, Flex: 1, Priority: 9},
			{Title: "Tag id", Width: 10, Priority: 5},
		}
		spec.Search = tagSearch(cl)
	default:
		spec.Title, spec.Noun = fieldName(field), "agents"
		spec.Hint = `words: host name · an IP: address · dns:NAME · tag:NAME (tag:"Web servers")`
		spec.Columns = []table.Column{
			{Title: "Host", Width: 16, Flex: 3, Priority: 9},
			{Title: "OS", Width: 12, Flex: 1, Priority: 5},
			{Title: "Address", Width: 15, Priority: 6},
			{Title: "Tags", Width: 10, Flex: 2, Priority: 3},
			{Title: "Last check-in", Width: 16, Priority: 4},
		}
		spec.Search = agentSearch(cl, m.c.Loc())
	}
	if p := m.targetText(field); p != nil {
		for _, line := range strings.Split(*p, "\n") {
			if k, ok := lineKey(line); ok {
				spec.Selected = append(spec.Selected, picker.Row{Key: k, Label: m.labels[k]})
			}
		}
	}
	m.pick, m.pickField = picker.New(m.c, spec), field
	m.pickBefore = m.pick.Selected()
	m.pick.SetSize(m.c.Width, max(m.c.Height-2, 1))
	return m.pick.Init()
}

// updatePicker gives msg to the open picker and acts on its answer.
func (m *Model) updatePicker(msg tea.Msg) tea.Cmd {
	act, cmd := m.pick.Update(msg)
	if pickKinds[m.pickField] == "script" && errors.Is(m.pick.Err(), client.ErrNoScriptSearch) {
		m.scriptNote = noScriptSearch
		m.pick = nil
		m.describe()
		return m.refreshForm()
	}
	switch act {
	case picker.Cancel:
		m.pick = nil
	case picker.Done:
		sel := m.pick.Selected()
		field := m.pickField
		m.pick = nil
		for _, r := range sel {
			if r.Label != "" {
				m.labels[r.Key] = r.Label
			}
		}
		if pickKinds[field] == "script" {
			if len(sel) == 1 {
				m.draft.ScriptID, m.draft.ScriptTitle = sel[0].Key, sel[0].Label
				m.reload["scriptId"]()
				m.reload["scriptTitle"]()
			}
		} else if p := m.targetText(field); p != nil {
			*p = applySelection(*p, m.pickBefore, sel)
			m.reload[field]()
		}
		m.keepNames()
		cmd = tea.Batch(cmd, m.edited()) // saves the draft, names included
		return tea.Batch(cmd, m.refreshForm())
	}
	return cmd
}

// keepNames puts the names of the targets in the fields into the draft,
// so that a restored draft names them too.
func (m *Model) keepNames() {
	names := map[string]string{}
	for _, text := range []string{m.draft.Assets, m.draft.AssetTags, m.draft.Excluded} {
		for _, line := range strings.Split(text, "\n") {
			if k, ok := lineKey(line); ok && m.labels[k] != "" {
				names[k] = m.labels[k]
			}
		}
	}
	m.draft.Names = names
	if len(names) == 0 {
		m.draft.Names = nil
	}
}

// refreshMsg makes huh lay its group out again: a group renders the
// fields' values and descriptions when it handles a message, so values
// and hints changed outside of huh show only after one.
type refreshMsg struct{}

func (m *Model) refreshForm() tea.Cmd {
	_, cmd := m.ed.Update(refreshMsg{})
	return cmd
}

// applySelection rewrites a target field: lines of rows the picker had
// selected and no longer has are dropped, every other line is kept as
// typed, and newly selected rows are added at the end.
func applySelection(text string, before, after []picker.Row) string {
	in := func(rows []picker.Row, k string) bool {
		for _, r := range rows {
			if r.Key == k {
				return true
			}
		}
		return false
	}
	var out []string
	have := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if k, ok := lineKey(line); ok {
			if in(before, k) && !in(after, k) {
				continue
			}
			have[k] = true
		}
		out = append(out, line)
	}
	for _, r := range after {
		if !have[r.Key] {
			out = append(out, r.Key)
			have[r.Key] = true
		}
	}
	return strings.Join(out, "\n")
}

// targetHint is a target field's description: how to pick, and the names
// of what is in it as far as the builder knows them.
func (m *Model) targetHint(field string) string {
	how := "ctrl+f searches agents, or type agent UUID and asset id lines"
	switch field {
	case "assetTags":
		how = "ctrl+f searches tags, or type tag UUID and id lines (optional)"
	case "excluded":
		how = "ctrl+f searches agents, or type UUID and id lines (optional)"
	}
	p := m.targetText(field)
	if p == nil {
		return how
	}
	var names []string
	n := 0
	for _, line := range strings.Split(*p, "\n") {
		if k, ok := lineKey(line); ok {
			n++
			if l := m.labels[k]; l != "" {
				names = append(names, safe.Line(l, 40))
			}
		}
	}
	if n == 0 {
		return how
	}
	if len(names) < n {
		names = append(names, fmt.Sprintf("%d without a name", n-len(names)))
	}
	return fmt.Sprintf("%d: %s · ctrl+f changes", n, strings.Join(names, ", "))
}

// scriptHint is the script id's description.
func (m *Model) scriptHint() string {
	if m.scriptNote != "" {
		return m.scriptNote
	}
	return "ctrl+f searches the platform's scripts, or type the id"
}

// agentSearch searches the Cloud Agent hosts (ParseAssetQuery's syntax),
// stopping at the limit.
func agentSearch(cl *client.Client, loc *time.Location) picker.SearchFunc {
	return func(ctx context.Context, text string, limit int) (picker.Result, error) {
		var res picker.Result
		if cl == nil {
			return res, errNoClient
		}
		q, err := model.ParseAssetQuery(text)
		if err != nil {
			return res, err
		}
		for page, err := range cl.Assets.SearchUpTo(ctx, q, limit) {
			if err != nil {
				return res, err
			}
			for _, a := range page.Assets {
				if len(res.Rows) == limit {
					res.More = true
					return res, nil
				}
				res.Rows = append(res.Rows, agentRow(a, loc))
			}
			if len(res.Rows) == limit && page.More {
				res.More = true
				return res, nil
			}
		}
		res.Total = len(res.Rows)
		return res, nil
	}
}

// hostName is how an agent is named: its name, else its DNS name, else
// its address.
func hostName(a model.HostAsset) string {
	for _, s := range []string{a.Name, a.DNSHostName, a.Address} {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return fmt.Sprintf("asset %d", a.ID)
}

func agentRow(a model.HostAsset, loc *time.Location) picker.Row {
	seen := "never"
	if t := a.AgentInfo.LastCheckedIn.Time; !t.IsZero() {
		seen = t.In(loc).Format("2006-01-02 15:04")
	}
	name := hostName(a)
	return picker.Row{
		Key:   assetKey(a.CARAsset()),
		Label: name,
		Cells: []string{safe.Line(name, 0), safe.Line(a.OS, 0), safe.Line(a.Address, 0), safe.Line(strings.Join(a.TagNames(), ", "), 0), seen},
	}
}

// tagSearch searches the tags on which CAR is enabled.
func tagSearch(cl *client.Client) picker.SearchFunc {
	return func(ctx context.Context, text string, limit int) (picker.Result, error) {
		if cl == nil {
			return picker.Result{}, errNoClient
		}
		tags, err := cl.Scripts.Tags(ctx, text)
		if err != nil {
			return picker.Result{}, err
		}
		res := picker.Result{Total: len(tags), More: len(tags) > limit}
		for _, t := range tags[:min(len(tags), limit)] {
			res.Rows = append(res.Rows, picker.Row{
				Key: assetKey(t.Ref()), Label: t.Name,
				Cells: []string{safe.Line(t.Name, 0), strconv.FormatInt(t.TagID, 10)},
			})
		}
		return res, nil
	}
}

// scriptSearch searches the platform's scripts (U36: unconfirmed; its
// refusal is client.ErrNoScriptSearch).
func scriptSearch(cl *client.Client) picker.SearchFunc {
	return func(ctx context.Context, text string, limit int) (picker.Result, error) {
		if cl == nil {
			return picker.Result{}, errNoClient
		}
		scripts, err := cl.Scripts.ScriptCatalog(ctx, text)
		if err != nil {
			return picker.Result{}, err
		}
		res := picker.Result{Total: len(scripts), More: len(scripts) > limit}
		for _, s := range scripts[:min(len(scripts), limit)] {
			res.Rows = append(res.Rows, picker.Row{
				Key: string(s.ID), Label: s.Title,
				Cells: []string{safe.Line(s.Title, 0), safe.Line(string(s.ID), 0), safe.Line(s.Platform, 0), safe.Line(s.Type, 0)},
			})
		}
		return res, nil
	}
}
