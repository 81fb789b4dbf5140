package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
)

// updateFlags are the flags of `was update`; only those given are sent.
type updateFlags struct {
	name, delay, recipients, message          string
	notify, reschedule, sendMail, sendOneMail bool
	dryRun                                    bool
}

// flagForField maps model.ValidateWASUpdate's field names to the flags.
var flagForField = map[string]string{
	"name": "--name", "notification.delay": "--notify-delay", "notification.recipients": "--recipients",
}

func newWASUpdateCmd(a *cli) *cobra.Command {
	var u updateFlags
	cmd := &cobra.Command{
		Use:   "update ID",
		Short: "Update a WAS schedule's name and notification settings",
		Long: `Update a WAS scan schedule. Only the flags given are sent; everything else stays.

--recipients replaces the whole list (the API's set), so qsched reads the current
list first and prints what changed. --notify-delay takes days: 4d, "4 days" or 4.`,
		Example: `  qsched was update 1688 --notify=true --notify-delay 4d \
    --recipients alice@example.com,bob@example.com \
    --notify-message 'Scan soon'
  qsched was update 1688 --send-mail=true --send-one-mail=true`,
		Args: cobra.ExactArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			partial, changed, err := u.partial(cmd)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if u.dryRun {
				req, err := client.NewWASUpdateRequest(id, partial)
				if err != nil {
					return err
				}
				return printRequests(a, out, "update", req)
			}
			c, s, err := a.connect()
			if err != nil {
				return err
			}
			if s.ReadOnly {
				return usageErr(client.ErrReadOnly)
			}
			ctx := cmd.Context()
			var before []string
			if cmd.Flags().Changed("recipients") {
				cur, err := c.WAS.Get(ctx, id)
				if err != nil {
					return err
				}
				if cur.Notification != nil {
					before = cur.Notification.Recipients.Emails()
				}
			}
			if err := c.WAS.Update(ctx, id, partial); err != nil {
				return err
			}
			return printUpdated(a, cmd, id, changed, before, partial)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&u.name, "name", "", "new schedule name")
	f.BoolVar(&u.notify, "notify", false, "notification active (true or false)")
	f.BoolVar(&u.reschedule, "notify-reschedule", false, "notify when the scan is rescheduled (true or false)")
	f.StringVar(&u.delay, "notify-delay", "", "notify this many days before the scan, e.g. 4d")
	f.StringVar(&u.recipients, "recipients", "", "comma-separated e-mail addresses; replaces the whole list")
	f.StringVar(&u.message, "notify-message", "", "notification message")
	f.BoolVar(&u.sendMail, "send-mail", false, "send mail when a scan finishes (true or false)")
	f.BoolVar(&u.sendOneMail, "send-one-mail", false, "one mail for all web apps of a Multi-Scan (true or false)")
	f.BoolVar(&u.dryRun, "dry-run", false, "print the request and send nothing")
	return cmd
}

// partial builds the update from the flags given (model.WASUpdateFromEdit,
// the builder the update form uses too), and names what changes.
func (u *updateFlags) partial(cmd *cobra.Command) (model.WasScanSchedule, []string, error) {
	var e model.WASEdit
	var changed []string
	set := func(flag string) bool {
		if cmd.Flags().Changed(flag) {
			changed = append(changed, flag)
			return true
		}
		return false
	}
	if set("name") {
		e.Name = &u.name
	}
	if set("notify") {
		e.Active = &u.notify
	}
	if set("notify-reschedule") {
		e.Reschedule = &u.reschedule
	}
	if set("notify-delay") {
		e.Delay = &u.delay
	}
	if set("recipients") {
		e.Recipients = &u.recipients
	}
	if set("notify-message") {
		e.Message = &u.message
	}
	if set("send-mail") {
		e.SendMail = &u.sendMail
	}
	if set("send-one-mail") {
		e.SendOneMail = &u.sendOneMail
	}
	if len(changed) == 0 {
		return model.WasScanSchedule{}, nil, usagef("nothing to update: give at least one of --name, --notify, --notify-reschedule, --notify-delay, --recipients, --notify-message, --send-mail, --send-one-mail")
	}
	p, v := model.WASUpdateFromEdit(e)
	if len(v) > 0 {
		problems := make([]string, len(v))
		for i, fe := range v {
			flag, ok := flagForField[fe.Field]
			if !ok {
				flag = fe.Field
			}
			problems[i] = flag + ": " + fe.Problem
		}
		return p, nil, usageErr(fmt.Errorf("%s", strings.Join(problems, "\n")))
	}
	return p, changed, nil
}

func printUpdated(a *cli, cmd *cobra.Command, id int64, changed, before []string, p model.WasScanSchedule) error {
	out := cmd.OutOrStdout()
	var after []string
	if p.Notification != nil {
		after = p.Notification.Recipients.Emails()
	}
	if a.json {
		doc := map[string]any{"id": id, "updated": changed}
		if cmd.Flags().Changed("recipients") {
			doc["recipients"] = map[string][]string{"before": before, "after": after}
		}
		return writeJSON(out, doc)
	}
	fmt.Fprintf(out, "Updated WAS schedule %d: %s\n", id, strings.Join(changed, ", "))
	if cmd.Flags().Changed("recipients") {
		removed, added := model.RecipientsDiff(before, after)
		fmt.Fprintf(out, "recipients: %s → %s\n", present.OrNone(present.List(before)), present.OrNone(present.List(after)))
		for _, r := range removed {
			fmt.Fprintf(out, "  - %s\n", safe.Text(r))
		}
		for _, r := range added {
			fmt.Fprintf(out, "  + %s\n", safe.Text(r))
		}
	}
	return nil
}
