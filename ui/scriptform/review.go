package scriptform

import (
	"fmt"
	"strings"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/safe"
)

// PreviewRuns is how many next runs the review lists.
const PreviewRuns = 10

// Summary describes a schedule in a few lines for the review and the
// confirmation: what runs, where, when, and whether a reboot follows.
func Summary(s model.ScriptSchedule) []string {
	var when string
	switch s.ScheduleType {
	case model.OneTime:
		when = fmt.Sprintf("once on %s at %s", s.StartDate, s.StartTime)
	case model.Hourly:
		when = fmt.Sprintf("every %d h from %s %s", model.Deref(s.HourlyInterval), s.StartDate, s.StartTime)
	case model.Daily:
		when = fmt.Sprintf("daily at %s from %s", s.StartTime, s.StartDate)
	case model.Weekly:
		days := make([]string, 0, len(s.DaysOfWeek))
		for _, d := range s.DaysOfWeek {
			if d >= 1 && d <= 7 {
				days = append(days, weekdays[d-1][:3])
			}
		}
		when = fmt.Sprintf("weekly on %s at %s from %s", strings.Join(days, ", "), s.StartTime, s.StartDate)
	case model.Monthly:
		when = fmt.Sprintf("monthly on day %d every %d month(s) at %s from %s", model.Deref(s.RecurrenceDate), model.Deref(s.RecurrenceMonth), s.StartTime, s.StartDate)
	}
	if s.EndDate != nil && s.ScheduleType != model.OneTime {
		when += " until " + *s.EndDate
	}
	active := "inactive"
	if s.Activate {
		active = "active"
	}
	var scripts []string
	for _, sc := range s.Scripts {
		t := fmt.Sprintf("%s (%s)", sc.Title, sc.ID)
		if n := len(sc.Params); n > 0 {
			t += fmt.Sprintf(" with %d parameter(s)", n)
		}
		scripts = append(scripts, t)
	}
	reboot := "no reboot"
	if s.RebootOn() {
		reboot = fmt.Sprintf("REBOOT %s after the script", time.Duration(model.Deref(s.RebootDelayInSeconds))*time.Second)
	}
	return []string{
		fmt.Sprintf("%s · %s · %s", s.ScheduleType, when, active),
		"Script: " + strings.Join(scripts, ", "),
		fmt.Sprintf("Targets: %d asset(s), %d asset tag(s), %d excluded%s", len(s.Assets), len(s.AssetTags), len(s.ExcludedAssets), map[bool]string{true: ", all tags required"}[model.Deref(s.AllTagsForAssetsEnabled)]),
		fmt.Sprintf("Options: %s · policy bypass %s · share with FIM %s", reboot, onOff(model.Deref(s.ExecutionPolicyBypassEnabled)), onOff(model.Deref(s.ShareScriptResultWithFim))),
	}
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// NextRunLines lists the next runs shown in loc, with weekday names
// (whether or not the schedule is active: this is a preview).
func NextRunLines(s model.ScriptSchedule, loc *time.Location, now time.Time) []string {
	runs, err := model.Preview(s, loc, now, PreviewRuns)
	if err != nil {
		return []string{"cannot compute: " + err.Error()}
	}
	if len(runs) == 0 {
		return []string{"none: the schedule ends before it runs again"}
	}
	out := make([]string, len(runs))
	for i, t := range runs {
		out[i] = model.DescribeRun(t, now)
	}
	return out
}

// Body returns the exact JSON that is sent.
func Body(s model.ScriptSchedule) string {
	req, err := client.NewScriptScheduleCreateRequest(s)
	if err != nil {
		return "cannot build the request: " + safe.Line(err.Error(), 0)
	}
	// The same JSON document, with controls, bidi and zero-width
	// characters written as \u escapes: none reaches the terminal raw.
	return string(safe.JSON(req.Body()))
}

// Curl returns the equivalent curl command, with the exact body sent. The
// token is never shown: it reads <token>.
func Curl(gatewayURL string, s model.ScriptSchedule) string {
	req, err := client.NewScriptScheduleCreateRequest(s)
	if err != nil {
		return "cannot build the request: " + safe.Line(err.Error(), 0)
	}
	body := strings.ReplaceAll(string(safe.JSON(req.Body())), "'", `'\''`)
	return fmt.Sprintf("curl -X %s '%s%s' \\\n  -H 'Authorization: Bearer <token>' \\\n  -H 'Content-Type: %s' \\\n  -d '%s'",
		req.Method(), strings.TrimRight(gatewayURL, "/"), req.Path(), req.Header().Get("Content-Type"), body)
}
