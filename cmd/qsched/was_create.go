package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/safe"
)

// readWASCreate reads a create body (a ServiceRequest in XML or JSON) from
// a file or stdin and checks it: a file that cannot be read as a request
// is one line naming the file; every validation problem is one line naming
// the field. Nothing is sent while any problem remains.
func readWASCreate(a *cli, path string) (model.WasScanSchedule, error) {
	if path == "" {
		return model.WasScanSchedule{}, usagef("-f is required: a ServiceRequest file in XML or JSON, or - for standard input")
	}
	var r io.Reader = a.stdin
	name := "standard input"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return model.WasScanSchedule{}, usagef("-f: cannot open %s", path)
		}
		defer f.Close()
		r, name = f, path
	}
	b, err := io.ReadAll(io.LimitReader(r, maxBodyBytes+1))
	if err != nil {
		return model.WasScanSchedule{}, usagef("-f: cannot read %s", name)
	}
	if len(b) > maxBodyBytes {
		return model.WasScanSchedule{}, usagef("%s: larger than %d bytes", name, maxBodyBytes)
	}
	s, err := model.DecodeWASCreate(b)
	if err != nil {
		return s, usagef("%s: %v", name, err)
	}
	if v := model.ValidateWASCreate(s); len(v) > 0 {
		return s, usageErr(v)
	}
	return s, nil
}

// sendWASCreate prints the request (--dry-run) or sends it and prints the
// new id.
func sendWASCreate(a *cli, cmd *cobra.Command, s model.WasScanSchedule, dryRun bool, c *client.Client, st client.Settings, extra map[string]any) error {
	out := cmd.OutOrStdout()
	if dryRun {
		req, err := client.NewWASCreateRequest(s)
		if err != nil {
			return err
		}
		return printRequests(a, out, "create", req)
	}
	res, err := c.WAS.CreateOutcome(cmd.Context(), s)
	if err != nil {
		return err
	}
	id := res.ID
	if a.json {
		doc := map[string]any{"id": id, "name": s.NameValue()}
		if res.Found {
			doc["note"] = res.Note()
		}
		for k, v := range extra {
			doc[k] = v
		}
		return writeJSON(out, doc)
	}
	_, err = fmt.Fprintf(out, "Created WAS schedule %d (%s) on %s.\n%s", id, safe.Text(s.NameValue()), target(st), noteLine(res.Note()))
	return err
}

func newWASCreateCmd(a *cli) *cobra.Command {
	var (
		file   string
		dryRun bool
	)
	cmd := &cobra.Command{
		Use:   "create -f FILE|-",
		Short: "Create a WAS scan schedule from a ServiceRequest body (XML or JSON)",
		Long: `Create a WAS scan schedule. FILE holds the body of POST /qps/rest/3.0/create/was/wasscanschedule:
<ServiceRequest><data><WasScanSchedule>…, or its JSON form
{"ServiceRequest":{"data":{"WasScanSchedule":{…}}}}. It is checked against the request schema
and validated before anything is sent; every problem is one line naming the field. The request
sent is rebuilt from what was read, in XML; --dry-run prints it. A create is never retried:
when its outcome is unknown, search for the name before trying again.`,
		Example: `  qsched was create -f weekly.xml --dry-run
  qsched was create -f new.json --json`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			s, err := readWASCreate(a, file)
			if err != nil {
				return err
			}
			if dryRun {
				return sendWASCreate(a, cmd, s, true, nil, client.Settings{}, nil)
			}
			c, st, err := a.connectToWrite()
			if err != nil {
				return err
			}
			return sendWASCreate(a, cmd, s, false, c, st, nil)
		}),
	}
	cmd.Flags().StringVarP(&file, "file", "f", "", "ServiceRequest body in XML or JSON, or - for standard input")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the request and send nothing")
	return cmd
}

func newWASCloneCmd(a *cli) *cobra.Command {
	var (
		name   string
		dryRun bool
	)
	cmd := &cobra.Command{
		Use:   "clone ID --name NEW",
		Short: "Create a copy of a WAS scan schedule under a new name",
		Long: `Read schedule ID and create a new schedule with the same settings and the name NEW.
Read-only elements (id, owner, dates, counts, last scan) are not copied. The service refuses a
start date in the past, so clone a schedule whose start is still to come. --dry-run reads the
source and prints the create request without sending it.`,
		Example: `  qsched was clone 1688 --name 'Weekly scan – shop (copy)' --dry-run`,
		Args:    cobra.ExactArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("name") {
				return usagef("--name is required: the new schedule's name")
			}
			if v := model.ValidateWASCreate(model.WasScanSchedule{Name: model.TextPtr(name)}).For("name"); len(v) > 0 {
				return usagef("--name: %s", v[0].Problem)
			}
			c, st, err := a.connect()
			if err != nil {
				return err
			}
			if st.ReadOnly && !dryRun {
				return usageErr(client.ErrReadOnly)
			}
			src, err := c.WAS.Get(cmd.Context(), id)
			if err != nil {
				return err
			}
			if strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(src.NameValue())) {
				return usagef("--name: must differ from the name of schedule %d (%s)", id, safe.Text(src.NameValue()))
			}
			s := model.WASForCreate(src, name)
			if v := model.ValidateWASCreate(s); len(v) > 0 {
				return usageErr(fmt.Errorf("schedule %d cannot be copied as it is:\n%w", id, v))
			}
			return sendWASCreate(a, cmd, s, dryRun, c, st, map[string]any{"source": id})
		}),
	}
	cmd.Flags().StringVar(&name, "name", "", "name of the new schedule (must differ from the source's)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "read the source, print the create request and send nothing")
	return cmd
}
