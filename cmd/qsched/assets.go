package main

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/present"
)

// The pickers of the schedule builder, headless: agents, CAR tags and the
// script catalog, so that a script can build a schedule body without the
// TUI.

// assetJSON is the documented JSON form of one `assets search` item. A
// schedule's assets[] entry is {"UUId": agentUuid, "id": assetId}.
type assetJSON struct {
	AgentUUID     string   `json:"agentUuid"`
	AssetID       int64    `json:"assetId"`
	HostName      string   `json:"hostName"`
	DNSHostName   string   `json:"dnsHostName"`
	OS            string   `json:"os"`
	Address       string   `json:"address"`
	Tags          []string `json:"tags"`
	LastCheckedIn *string  `json:"lastCheckedIn"` // RFC 3339 in the display zone; null when unknown
}

func newAssetsCmd(a *cli) *cobra.Command {
	assets := &cobra.Command{Use: "assets", Short: "Cloud Agent hosts, the targets of script schedules (Asset Management)"}
	var tag string
	search := &cobra.Command{
		Use:   "search [TEXT]",
		Short: "Every Cloud Agent host matching TEXT, paged to the end",
		Long: `Search the Cloud Agent hosts (POST /qps/rest/2.0/search/am/hostasset, always with
tagName EQUALS "Cloud Agent"), every page. TEXT is what the builder's picker reads:
words search the asset name, an IP address the address, dns:NAME the DNS host name,
tag:NAME (quoted when it has spaces) a tag; --tag TAG is the same as tag:TAG. Without
TEXT every agent is listed. A schedule's assets[] entry is {"UUId": AGENT UUID, "id": ASSET ID}.`,
		Args: cobra.ArbitraryArgs,
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			format, err := a.format()
			if err != nil {
				return err
			}
			q, err := model.ParseAssetQuery(strings.Join(args, " "))
			if err != nil {
				return usagef("TEXT: %v", err)
			}
			if cmd.Flags().Changed("tag") {
				switch {
				case strings.TrimSpace(tag) == "":
					return usagef("--tag: is empty")
				case q.Tag != "":
					return usagef("--tag: a tag is given twice (tag: in TEXT and --tag)")
				}
				q.Tag = strings.TrimSpace(tag)
			}
			c, st, err := a.connect()
			if err != nil {
				return err
			}
			list, err := c.Assets.All(cmd.Context(), q)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			items := make([]assetJSON, len(list))
			for i, h := range list {
				items[i] = assetJSON{AgentUUID: h.AgentInfo.AgentID, AssetID: h.ID, HostName: h.Name, DNSHostName: h.DNSHostName,
					OS: h.OS, Address: h.Address, Tags: h.TagNames()}
				if t := h.AgentInfo.LastCheckedIn.Time; !t.IsZero() {
					v := t.In(st.Zone).Format(time.RFC3339)
					items[i].LastCheckedIn = &v
				}
			}
			if a.json {
				return writeJSON(out, items)
			}
			// The ids a schedule needs come first, so that a narrow
			// terminal cuts the tags and the check-in, never them.
			// On a narrow terminal the check-in, the address, the tags and
			// the OS are left out, in that order.
			t := &table{header: []string{"HOST NAME", "ASSET ID", "AGENT UUID", "OS", "ADDRESS", "LAST CHECK-IN", "TAGS"}, flex: []int{6, 3, 0}, drop: []int{5, 4, 6, 3}}
			for i, h := range list {
				seen := "-"
				if tm := h.AgentInfo.LastCheckedIn.Time; !tm.IsZero() {
					seen = present.DateTime(tm.In(st.Zone))
				}
				t.add(hostName(h), fmt.Sprint(h.ID), h.AgentInfo.AgentID, h.OS, h.Address, seen, strings.Join(items[i].Tags, ", "))
			}
			return t.write(out, format, a.termWidth(out))
		}),
	}
	search.Flags().StringVar(&tag, "tag", "", "only agents carrying this tag (its exact name)")
	addOutputFlag(search, a)
	assets.AddCommand(search)
	return assets
}

// hostName is the asset's name, else its DNS host name.
func hostName(h model.HostAsset) string {
	if h.Name != "" {
		return h.Name
	}
	return h.DNSHostName
}

// tagJSON is the documented JSON form of one `tags list` item. A
// schedule's assetTags[] entry is {"UUId": tagUuid, "id": tagId} (U41).
type tagJSON struct {
	Name    string `json:"name"`
	TagUUID string `json:"tagUuid"`
	TagID   int64  `json:"tagId"`
	ID      int64  `json:"id"`
}

func newTagsCmd(a *cli) *cobra.Command {
	tags := &cobra.Command{Use: "tags", Short: "Asset tags on which CAR is enabled"}
	list := &cobra.Command{
		Use:   "list [TEXT]",
		Short: "The CAR-enabled asset tags whose name contains TEXT (all without it)",
		Long: `List the asset tags on which CAR is enabled (POST /sm/v1/assettags/search, every page),
those whose name contains TEXT ignoring case. A schedule's assetTags[] entry is
{"UUId": TAG UUID, "id": TAG ID}: the tagId, not the item's id
(an assumption: Qualys does not document it).`,
		Args: cobra.ArbitraryArgs,
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			format, err := a.format()
			if err != nil {
				return err
			}
			c, _, err := a.connect()
			if err != nil {
				return err
			}
			list, err := c.Scripts.Tags(cmd.Context(), strings.Join(args, " "))
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if a.json {
				items := make([]tagJSON, len(list))
				for i, t := range list {
					items[i] = tagJSON{Name: t.Name, TagUUID: t.TagUUID, TagID: t.TagID, ID: t.ID}
				}
				return writeJSON(out, items)
			}
			t := &table{header: []string{"NAME", "TAG UUID", "TAG ID"}, flex: []int{0}}
			for _, tg := range list {
				t.add(tg.Name, tg.TagUUID, fmt.Sprint(tg.TagID))
			}
			return t.write(out, format, a.termWidth(out))
		}),
	}
	addOutputFlag(list, a)
	tags.AddCommand(list)
	return tags
}

// scriptJSON is the documented JSON form of one `scripts list` item.
type scriptJSON struct {
	ID       model.FlexID `json:"id"`
	Title    string       `json:"title"`
	Platform string       `json:"platform"`
	Type     string       `json:"type"`
	Params   []string     `json:"params"`
}

func newScriptsCatalogCmd(a *cli) *cobra.Command {
	ep := client.EndpointOf(client.CARScripts)
	cmd := &cobra.Command{
		Use:   "list [TEXT]",
		Short: "The script catalog: scripts whose title contains TEXT (all without it)",
		Long: fmt.Sprintf(`List the scripts a schedule can run, those whose title contains TEXT ignoring case.
No script listing is documented: qsched tries %s %s (a path
not confirmed by Qualys documentation).
When the platform refuses it (HTTP 404, 405 or 501), qsched says so on one line and
exits 1 with nothing on stdout: put the script's id and title in the body yourself.`, ep.Method, ep.Path),
		Args: cobra.ArbitraryArgs,
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			format, err := a.format()
			if err != nil {
				return err
			}
			c, _, err := a.connect()
			if err != nil {
				return err
			}
			list, err := c.Scripts.ScriptCatalog(cmd.Context(), strings.Join(args, " "))
			if errors.Is(err, client.ErrNoScriptSearch) {
				// One line, without the server's answer: the status says
				// enough, and the refusal is expected on some platforms.
				status := http.StatusNotFound
				var ce *client.Error
				if errors.As(err, &ce) {
					status = ce.Status
				}
				return &exitError{code: exitAPI, err: fmt.Errorf("%w (HTTP %d)", client.ErrNoScriptSearch, status)}
			}
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if a.json {
				items := make([]scriptJSON, len(list))
				for i, s := range list {
					items[i] = scriptJSON{ID: s.ID, Title: s.Title, Platform: s.Platform, Type: s.Type, Params: []string{}}
					for _, p := range s.Params {
						items[i].Params = append(items[i].Params, p.Key)
					}
				}
				return writeJSON(out, items)
			}
			t := &table{header: []string{"ID", "TITLE", "PLATFORM", "TYPE", "PARAMETERS"}, flex: []int{1, 4}}
			for _, s := range list {
				var keys []string
				for _, p := range s.Params {
					keys = append(keys, p.Key)
				}
				t.add(string(s.ID), s.Title, s.Platform, s.Type, strings.Join(keys, ", "))
			}
			if format == present.FormatCSV {
				// The note goes to stderr, so that stdout stays CSV.
				if err := t.writeCSV(out); err != nil {
					return err
				}
				out = cmd.ErrOrStderr()
			} else if err := t.render(out, a.termWidth(out)); err != nil {
				return err
			}
			_, err = fmt.Fprintf(out, "Listed with %s %s (a path not documented by Qualys).\n", ep.Method, ep.Path)
			return err
		}),
	}
	addOutputFlag(cmd, a)
	return cmd
}
