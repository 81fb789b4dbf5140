// Package hostiletest renders every view of the TUI with hostile server
// text planted in every free-text field, and checks each frame: no line
// wider than the terminal, no control byte from the data.
package hostiletest_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client/sim"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/app"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/events"
	"github.com/qsched/qsched/ui/scriptform"
	"github.com/qsched/qsched/ui/scripts"
	"github.com/qsched/qsched/ui/uitest"
	"github.com/qsched/qsched/ui/was"
)

// The values. XML 1.0 cannot carry C0 controls, so WAS text uses the C1
// forms (CSI U+009B, OSC U+009D … ST U+009C); JSON (CAR) carries ESC-based
// OSC 52 and OSC 8 sequences and C0 controls as well.
const (
	wasName = "Evil\u009b2J \u009d52;c;aGk=\u009c \u009d8;;http://evil.example\u009clink\u009d8;;\u009c " +
		"\u202egnp.exe\u2066iso\u2069\u200b\u2060\ufeff \u2028line\nbreak " +
		"\U0001F469\u200D\U0001F469\u200D\U0001F467 end"
	wasName2 = "Evil two \u0085nel \u009b31mred\u009b0m \u202dlro\u202c \u00adshy"
	mailbox  = "a\u009b2Jb@x.com"
	mailbox2 = "ops\u200d@example.com"
	appSufx  = " \u202eppa\u009b2J\u200b\u2028"
	codeSufx = "\u009b2J\u202e"
	// errText is what the rewriter answers to an activation.
	errText = "\u202edeifirev\u200b Refused \u009b2J \u009d52;c;aGk=\u009c \u2028next\nline"

	carTitle = "\x1b]52;c;aGk=\x07 \x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ \x1b[2J\x07\x08 " +
		"\u009b2J \u202egnp\u200d\n\r\x01\x7f\u0085 \U0001F469\u200D\U0001F469\u200D\U0001F467 title"
	carDesc = "desc \x1b]52;c;aGk=\x07 \u009d52;c;aGk=\u009c \u202e"
	// draftTitle survives the form's text input as typed (it drops C0
	// and C1 controls, not format characters), so that the server can
	// refuse it as a duplicate of a stored title.
	// hostName and tagName replace an agent's and a tag's names in the
	// host-asset answers.
	hostName   = "web-01\u202egnp.exe\u009b2J"
	tagName    = "Web \u2066servers\u0085"
	draftTitle = "Draft \u202egnp.exe\u2066 \u200bzw \U0001F469\u200D\U0001F469\u200D\U0001F467 \u2028sep"
)

// The simulator's web application names, each planted with appSufx in
// every XML answer.
var appNames = []string{"Shop frontend", "Payments API", "Customer portal", "Partner SSO", "Marketing site",
	"Support desk", "HR self-service", "Inventory service", "Mobile backend", "Status page", "Docs portal",
	"Admin console", "Reporting", "Search API", "Legacy billing", "Careers", "Webmail", "Data lake UI",
	"Intranet", "Build dashboard"}

func TestHostileTextInEveryView(t *testing.T) {
	ctx := context.Background()
	simClk := uitest.NewClock(uitest.Epoch(), 0) // moved only at the end, to run a script schedule
	s := sim.New(sim.Options{WASSchedules: 6, Seed: 21, Now: simClk.Now, TokenTTL: 1000 * time.Hour})
	rw := &rewriter{sim: s, json: hostileRuns}
	for _, n := range appNames {
		rw.replace = append(rw.replace, [2]string{"<![CDATA[" + n + "]]>", "<![CDATA[" + n + appSufx + "]]>"})
	}
	rw.fail = func(r *http.Request) (int, []byte) {
		if r.Method != http.MethodPost || !strings.Contains(r.URL.Path, "/activate/was/") {
			return 0, nil
		}
		b, err := model.EncodeResponse(model.ServiceResponse{ResponseCode: model.CodeOtherError + codeSufx,
			ErrorDetails: &model.ErrorDetails{ErrorMessage: errText}}, "http://"+r.Host)
		if err != nil {
			t.Error(err)
		}
		return http.StatusBadRequest, b
	}
	// Agents: a host name and a tag name with bidi and C1 controls (XML
	// carries no C0 controls but ESC's C1 twin, CSI U+009B, it does).
	rw.replace = append(rw.replace,
		[2]string{"<![CDATA[web-01.example.com]]>", "<![CDATA[" + hostName + "]]>"},
		[2]string{"<![CDATA[Web servers]]>", "<![CDATA[" + tagName + "]]>"})
	ev := events.New()
	t.Cleanup(ev.Close)
	c := newClient(t, rw, ev)

	// WAS: two names, the recipients, and a 1 MB message.
	all := s.WASSchedules()
	id, id2 := all[0].IDValue(), all[1].IDValue()
	bigMessage := strings.Repeat("m\u009b\u202e\u200d\n", 1<<20/10) + "end"
	// (A start still to come, so that the clone form can send it as read.)
	if err := c.WAS.Update(ctx, id, model.WasScanSchedule{Name: model.TextPtr(wasName), Notification: &model.WASNotification{
		Recipients: model.SetRecipients([]string{mailbox, mailbox2}), Message: model.TextPtr(bigMessage)},
		Scheduling: &model.WASScheduling{StartDate: model.Ptr(uitest.Epoch().AddDate(0, 1, 0).Format(model.WASTimeLayout))}}); err != nil {
		t.Fatal(err)
	}
	if err := c.WAS.Update(ctx, id2, model.WasScanSchedule{Name: model.TextPtr(wasName2)}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.WASSchedule(id); got.NameValue() != wasName || len(string(*got.Notification.Message)) != len(bigMessage) {
		t.Fatalf("the simulator did not store the values as sent: %q", got.NameValue())
	}

	// CAR: a title with ESC sequences and C0 controls, and one the draft
	// will duplicate.
	for _, title := range []string{carTitle, draftTitle} {
		body, _ := json.Marshal(map[string]any{
			"activate": true, "assetTags": []any{}, "excludedAssets": []any{},
			"assets":      []any{map[string]any{"UUId": "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81", "id": 44496319}},
			"description": carDesc, "title": title, "user": map[string]any{"id": "", "name": ""},
			"scripts":   []any{map[string]any{"id": 226213, "title": "script \x1b]8;;http://evil\x1b\\x\x1b]8;;\x1b\\ \u202e"}},
			"startDate": "2026-05-02", "endDate": "2026-06-30", "startTime": "02:00:00", "scheduleType": "DAILY",
		})
		sched, err := model.DecodeScriptSchedule(body)
		if err != nil {
			t.Fatal(err)
		}
		// qsched would not send these texts: another tool wrote them.
		s.PlantCARSchedule(sched)
	}

	// A saved draft with hostile text in every free-text field.
	drafts := &scriptform.DraftStore{Dir: t.TempDir(), Now: func() time.Time { return uitest.Epoch() }}
	d := scriptform.NewDraft(uitest.Epoch(), "demo \u202e\u009b2J")
	d.Title = draftTitle
	d.Description = carDesc
	d.UserID = "ddf20f3a-cfd3-4fd1-8a11-0c9e1f2a3b4c"
	d.ScriptChoice, d.ScriptID, d.ScriptTitle = scriptform.OtherScript, "226213", "script \u202e\u009d8;;http://evil\u009cx"
	d.Params = "key=\u009b2J\u202ev\u200b"
	d.Assets = "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81 44496319\n"
	if err := drafts.Save("hostile", d); err != nil {
		t.Fatal(err)
	}

	routes := app.DefaultRoutes(scripts.Options{User: "demo", Drafts: drafts}, was.Options{Platform: "demo"})
	r := newRig(t, c, ev, routes, common.WASScreen)

	// The list.
	r.requireSeen("start", `Evil\u009b2J`, `Evil two \u0085`)

	// Details of the first schedule, which the local filter puts under
	// the cursor, scrolled to the end.
	r.press("/")
	r.typeText("Evil\\u009b")
	r.press("enter")
	r.at("details")
	r.press("enter")
	for range 12 {
		r.press("pgdown")
	}
	r.requireSeen("details", `Evil\u009b2J`, `ops\u200d@example.com`, `a\u009b2Jb@x.com`, `m\u009b\u202e\u200d\u000am`,
		"more bytes)", `\u202eppa\u009b2J`)
	r.press("esc")

	// The update form, an edit, its review and typed confirmation
	// (cancelled), and the question before esc discards the edit. (The
	// tokens leave out the backslash: the form shows values escaped
	// twice.)
	r.at("update form")
	r.press("u")
	r.requireSeen("update form", `u009b2J`)
	r.typeText("!")
	r.at("update review")
	r.press("ctrl+s")
	r.requireSeen("update review", `u009b2J`)
	r.at("update confirm")
	r.press("s")
	r.requireSeen("update confirm", "Update WAS schedule", `u009b2J`)
	r.clk.Advance(time.Second)
	r.press("n") // back to the review
	r.at("update discard")
	r.press("esc")
	r.requireSeen("update discard", "Discard your changes", `u009b2J`)
	r.clk.Advance(time.Second)
	r.press("y")

	// The clone form of the same schedule: its name, recipients and
	// message in the fields, the review with the next launches and the
	// problems that keep it from being sent, and the
	// question before esc discards the copy.
	r.at("clone form")
	r.press("c")
	r.requireSeen("clone form", `u009b2J`, "(copy)")
	r.press("ctrl+u") // the name holds controls, which a create refuses
	r.typeText("Clone of evil")
	r.at("clone review")
	r.press("ctrl+s")
	for range 4 {
		r.press("pgdown")
	}
	// qsched does not send the copied message's and recipient's control
	// characters: the review names each problem, shows the values safely,
	// and s sends nothing.
	r.requireSeen("clone review", "Next 10 launches", "Message: holds control character U+009B", `Recipients: "a\u009b2Jb@x.com" is not a valid e-mail address`)
	r.at("clone refuses to send")
	r.press("s")
	r.requireSeen("clone refuses to send", "Not sent")
	r.at("clone discard")
	r.press("esc")
	r.requireSeen("clone discard", "Discard this copy", "Clone of evil")
	r.clk.Advance(time.Second)
	r.press("y")

	// The create form's web app picker, whose names the rewriter plants.
	r.at("create form")
	r.press("n")
	for range 5 {
		r.press("tab")
	}
	r.requireSeen("create form", `\u202eppa\u009b2J`, "web apps found")
	r.press("esc")

	// Deactivate by ids (sent); activate (refused with a hostile error,
	// kept with the marked row).
	r.at("deactivate confirm")
	r.press("d")
	r.requireSeen("deactivate confirm", "Deactivate 1 WAS schedule", `Evil\u009b2J`)
	r.confirm()
	r.at("activate confirm")
	r.press("space", "+")
	r.requireSeen("activate confirm", "Activate 1 WAS schedule", `Evil\u009b2J`)
	r.at("activate refused")
	r.confirm()
	r.requireSeen("activate refused", `\u202edeifirev`)

	// Deactivate by a server-side filter: name CONTAINS Evil.
	r.press("esc")
	r.at("server filter")
	r.press("f", "down", "enter", "enter")
	r.typeText("Evil")
	r.press("enter")
	r.at("by-filter confirm")
	r.press("D")
	r.requireSeen("by-filter confirm", "Deactivate every schedule matching", `Evil\u009b2J`)
	r.confirm()

	// Full help over the WAS screen.
	r.at("help")
	r.press("?")
	r.requireSeen("help", "Keys — WAS schedules")
	r.press("esc")

	// The API log: every call, the refused activation's detail. The log
	// shows no server text but the result code, which the client only
	// takes when it is made of letters and underscores (so the planted
	// code is not shown at all).
	r.at("api log")
	r.press("@")
	for range 40 {
		r.press("up")
	}
	r.press("end")
	for range 40 {
		r.press("up")
	}
	r.requireSeen("api log", "status 400 ")

	// The script list, with the saved draft on offer.
	r.at("script list")
	r.press("1")
	r.requireSeen("script list", `\u001b]52;c;aGk=\u0007`, `Draft \u202egnp.exe`)

	// The builder on the draft and its review; the title check fails, and
	// qsched refuses to send control and bidi characters: the review lists
	// each problem beside the hostile values, and s sends nothing.
	r.at("builder form")
	r.press("o")
	r.requireSeen("builder form", `Draft \u202egnp.exe`)
	r.press("tab", "tab", "tab", "tab") // down to the user name (hints under problems take room)
	r.requireSeen("builder form", `demo \u202e2J`)
	s.AddFault(sim.Fault{Endpoint: "POST /sm/v1/scheduler/search", Status: http.StatusBadRequest})
	r.at("builder review")
	r.press("ctrl+s")
	for range 30 {
		r.press("pgdown")
	}
	r.requireSeen("builder review", `Draft \u202egnp.exe`, `\u202ev\u200b`, "could not check the title")
	for range 30 {
		r.press("pgup")
	}
	r.requireSeen("builder review", "Fix these before submitting", "Title: holds bidi control U+202E", "Parameters: holds control character U+009B")
	r.at("builder refuses to send")
	r.press("s")
	r.requireSeen("builder refuses to send", "Not sent: 6 problems to fix first: Title: holds bidi control U+202E")
	s.ClearFaults()
	// Back in the form, the agent picker on the draft's asset, with a
	// hostile host name (after the review: moving through the parameters
	// field would drop the C1 control the review must report).
	r.at("agent picker")
	r.press("b")
	for range 8 { // to the assets
		r.press("enter")
	}
	r.press("ctrl+f")
	r.typeText("web-01")
	r.requireSeen("agent picker", `web-01\u202egnp.exe\u009b2J`, `Selected (1): web-01\u202egnp.exe\u009b2J`)
	r.at("agent picker closed")
	r.press("enter")
	r.requireSeen("agent picker closed", `1: web-01\u202egnp.exe\u009b2J · ctrl+f changes`)
	r.at("script list again")
	r.press("esc")
	r.at("help scripts")
	r.press("?")
	r.requireSeen("help scripts", "Keys — Script schedules")
	r.press("esc")

	// Script schedule details: a schedule that ran on web-01, whose host
	// name (in the asset search and in the run) and output are hostile;
	// then its edit and its delete confirmation.
	once := model.ScriptSchedule{
		Activate: true, Title: "Runs " + carTitle, Description: carDesc, User: model.User{Name: "demo"},
		Scripts:   []model.ScriptRef{{ID: "226213", Title: "script \u202e"}},
		Assets:    []model.Asset{{UUId: "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81", ID: "44496319"}},
		StartDate: "2026-03-30", StartTime: "10:00:00", EndDate: model.Ptr("2026-03-30"), ScheduleType: model.OneTime,
	}
	s.PlantCARSchedule(once) // another tool wrote these texts
	simClk.Advance(2 * time.Hour)
	r.clk.Advance(2 * time.Hour)
	r.at("script details")
	r.press("esc", "esc") // the status line's message, then the builder (its draft is kept)
	r.press("r", "/")
	r.typeText("Runs")
	r.press("enter", "enter", "enter") // keep the filter, open the details, expand the run
	for range 12 {
		r.press("pgdown")
	}
	r.requireSeen("script details", `web-01\u202egnp.exe\u009b2J`, `host \u001b]52;c;aGk=\u0007`, `out \u001b[2J`, "more line", `\u202egnp`)
	r.press("esc", "esc") // the status line's message first, then the details
	r.at("script edit")
	r.press("e")
	r.requireSeen("script edit", "Edit script schedule")
	r.at("script edit review")
	r.press("ctrl+s")
	// The form's text inputs drop C0 and C1 controls, so the review says
	// that the title and description would change.
	r.requireSeen("script edit review", "What changes (2 fields)", `Title: Runs \u001b]52;c;aGk=`)
	r.at("script edit discard")
	r.press("esc")
	r.requireSeen("script edit discard", "Discard your changes", `\u001b]52;c;aGk=`)
	r.clk.Advance(time.Second)
	r.press("y")
	r.at("script delete confirm")
	r.press("X")
	r.requireSeen("script delete confirm", "Delete the script schedule", "not confirmed by Qualys documentation", `\u001b]52;c;aGk=`)
	r.clk.Advance(time.Second)
	r.press("n")

	t.Logf("%d frames checked", r.count)
}

// hostileRuns plants a hostile host name and output (ESC sequences, C0
// controls, bidi, invalid UTF-8, many lines) in every asset job.
func hostileRuns(r *http.Request, body []byte) []byte {
	if r.URL.Path != "/sm/v1/assetjobs/search" {
		return body
	}
	var env map[string]any
	if json.Unmarshal(body, &env) != nil {
		return body
	}
	b, _ := env["body"].(map[string]any)
	list, _ := b["list"].([]any)
	out := "out \x1b[2J\x1b]52;c;aGk=\x07 \u202egnp\r\n\xff\xfe\x01" + strings.Repeat("\nline \x1b]8;;http://evil\x1b\\x", 40)
	for _, it := range list {
		m, _ := it.(map[string]any)
		if a, ok := m["asset"].(map[string]any); ok {
			a["name"] = "host \x1b]52;c;aGk=\x07 \u202e"
		}
		m["scriptResult"] = base64.StdEncoding.EncodeToString([]byte(out))
	}
	nb, err := json.Marshal(env)
	if err != nil {
		return body
	}
	return nb
}
