package main

import "github.com/spf13/cobra"

// examples are the EXAMPLES of each command's --help that does not set its
// own, by command path: one place, so that every command shows how it is
// used (a test checks none is left without).
var examples = map[string]string{
	"qsched": `  qsched --demo                      # the TUI on a simulated platform
  qsched --profile prod --read-only  # a configured platform, no writes
  qsched was list --json | jq length`,
	"qsched assets": `  qsched assets search web-01`,
	"qsched assets search": `  qsched assets search web-0
  qsched assets search 10.10.0.5
  qsched assets search dns:db- --tag "Production" --json`,
	"qsched audit": `  qsched audit --since 24h
  qsched audit --actor alice --json`,
	"qsched calendar": `  qsched calendar
  qsched calendar --days 30 --kind was --tz Europe/Berlin
  qsched calendar --owner alice --json | jq 'map(select(.overlap))'`,
	"qsched config":      `  qsched config init`,
	"qsched config init": `  qsched config init && $EDITOR ~/.config/qsched/config.yaml`,
	"qsched scripts":     `  qsched scripts schedule list`,
	"qsched scripts list": `  qsched scripts list
  qsched scripts list patch --json`,
	"qsched scripts schedule": `  qsched scripts schedule list
  qsched scripts schedule template --type weekly > weekly.json`,
	"qsched scripts schedule activate": `  qsched scripts schedule activate ID  # previews, sends nothing
  qsched scripts schedule activate ID ID2 --yes`,
	"qsched scripts schedule deactivate": `  qsched scripts schedule deactivate ID --yes
  qsched scripts schedule deactivate ID --dry-run`,
	"qsched scripts schedule delete": `  qsched scripts schedule delete ID          # names the title, sends nothing
  qsched scripts schedule delete ID --yes`,
	"qsched scripts schedule clone": `  qsched scripts schedule clone ID --title "Patch check (copy)" --dry-run`,
	"qsched scripts schedule create": `  qsched scripts schedule template --type daily > daily.json
  qsched scripts schedule create -f daily.json --dry-run
  qsched scripts schedule create -f daily.json --json`,
	"qsched scripts schedule get": `  qsched scripts schedule get ID
  qsched scripts schedule get ID --json | jq .schedule > body.json`,
	"qsched scripts schedule list": `  qsched scripts schedule list --tz Europe/Berlin
  qsched scripts schedule list --json`,
	"qsched scripts schedule preview": `  qsched scripts schedule preview -f weekly.json --runs 20 --tz UTC`,
	"qsched scripts schedule runs": `  qsched scripts schedule runs ID
  qsched scripts schedule runs ID --limit 3 --json`,
	"qsched scripts schedule update": `  qsched scripts schedule update ID -f body.json --dry-run
  qsched scripts schedule update ID -f body.json`,
	"qsched serve": `  qsched serve --listen :2222 --authorized-keys ~/.ssh/operators`,
	"qsched sim": `  qsched sim
  qsched sim --latency 800ms --fail-rate 0.1 --faults 503,drop,commit-drop`,
	"qsched tags": `  qsched tags list`,
	"qsched tags list": `  qsched tags list
  qsched tags list web --json`,
	"qsched undo": `  qsched undo --last            # says what it would set back, sends nothing
  qsched undo --last --yes
  qsched undo 3f9c2a71d04be815 --dry-run`,
	"qsched was": `  qsched was list --filter 'active EQUALS true'`,
	"qsched was activate": `  qsched was activate 1688 700504 --yes
  qsched was activate --filter 'name CONTAINS nightly'  # previews`,
	"qsched was deactivate": `  qsched was deactivate --filter 'name CONTAINS nightly' --yes
  qsched was deactivate 1688 --dry-run`,
	"qsched was count": `  qsched was count --filter 'active EQUALS false'`,
	"qsched was get": `  qsched was get 1688
  qsched was get 1688 --json`,
	"qsched was list": `  qsched was list --filter 'name CONTAINS weekly' \
    --filter 'active EQUALS true'
  qsched was list --json`,
}

// addExamples sets the EXAMPLES of every command that has none.
func addExamples(root *cobra.Command) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Example == "" {
			c.Example = examples[c.CommandPath()]
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
