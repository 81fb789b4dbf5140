package sim

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/qsched/qsched/model"
)

// Seeded script schedules (Options.ScriptSchedules): what an operator
// finds on a subscription that has used CAR for a few weeks. Each one is
// built from a template below, with the details (times, days, owner, the
// picked agents, when it was created) drawn from Options.Seed, then stored
// as a create would have stored it: the JSON a client sends (Raw) and its
// decoded form. Every one passes the checks of a create (checkCARSchedule,
// model.ScriptSchedule.CheckText) except the start date, which may lie in
// the past: they were created 1 to 20 days before Now, and the active
// recurring ones have runs between then and Now (car_runs.go makes them at
// the first CAR request). Targets are the seeded agents and tags, so runs
// reach real hosts.

// carSeed is one template of a seeded script schedule.
type carSeed struct {
	title, description string
	script             int64    // a catalog id
	params             []string // values of the script's Params, in order
	typ                model.ScheduleType
	tags               []string // tag names
	allTags            bool     // every tag required (allTagsForAssetsEnabled)
	hosts              string   // explicit assets: agents whose name starts so …
	nHosts             int      // … this many of them
	exclude            int      // agents reached by the tags that are excluded
	inactive           bool
	rebootSeconds      int    // 0: no reboot
	rebootUnit         string // the unit the delay was typed in
	hourly             int    // HOURLY: the interval
	days               []int  // WEEKLY: these days (nil: drawn)
	every              int    // MONTHLY: every N months
	future             bool   // ONE_TIME: still to come (else it has run)
	bypass, fim        bool   // executionPolicyBypassEnabled, shareScriptResultWithFim
}

// carSeeds are the templates, in the order they are used: the first five
// hold every schedule type, so that five seeded schedules show them all.
var carSeeds = []carSeed{
	{title: "Nightly patch inventory – domain controllers", description: "Collects the installed updates on every domain controller for the morning compliance report.",
		script: 226301, typ: model.Daily, tags: []string{"Domain Controllers"}, bypass: true},
	{title: "Weekly SMBv1 enforcement – file servers", description: "Disables SMBv1 again where a vendor installer re-enabled it. Reboots in the Saturday window.",
		script: 226355, typ: model.Weekly, days: []int{6}, tags: []string{"File servers"}, rebootSeconds: 1800, rebootUnit: "MINUTES", bypass: true},
	{title: "OpenSSL 3 upgrade – staging wave", description: "One-off upgrade of the OpenSSL packages on staging before the production wave (CHG-20431).",
		script: 226433, params: []string{"stable"}, typ: model.OneTime, future: true, tags: []string{"OpenSSL 3 upgrade", "Staging"}, allTags: true},
	{title: "Disk space check – build agents", description: "Warns before the CI build agents run out of disk space (threshold 85 %).",
		script: 226495, params: []string{"85"}, typ: model.Hourly, hourly: 4, tags: []string{"Build agents"}},
	{title: "Monthly local admin password rotation", description: "Rotates the local administrator password on production Windows servers; the new passwords go to the vault.",
		script: 226402, params: []string{"24"}, typ: model.Monthly, every: 1, tags: []string{"Windows Servers", "Production"}, allTags: true, bypass: true},
	{title: "Quarterly Java runtime inventory", description: "Lists the Java runtimes on the Linux application servers for the licence review.",
		script: 226450, typ: model.Monthly, every: 3, tags: []string{"Application servers", "Linux"}, allTags: true},
	{title: "Log4j 1.x cleanup – Linux web tier", description: "Removes the Log4j 1.x JAR files left under /opt after the remediation project.",
		script: 226471, params: []string{"/opt"}, typ: model.OneTime, tags: []string{"Web servers", "Linux"}, allTags: true},
	{title: "Rotate Apache logs – web servers", description: "Rotates and compresses the Apache logs. Two hosts under investigation are excluded.",
		script: 226488, typ: model.Daily, tags: []string{"Web servers"}, exclude: 2},
	{title: "Agent restart – pilot hosts", description: "Restarts the Qualys Cloud Agent on the pilot hosts after each agent upgrade. Paused until the next upgrade.",
		script: 226302, typ: model.Weekly, hosts: "web-", nHosts: 4, inactive: true, bypass: true},
	{title: "Flush DNS cache – Mac fleet", description: "Flushes the DNS cache on the laptops after the weekly resolver change.",
		script: 226545, typ: model.Weekly, tags: []string{"Laptops"}, fim: true},
	{title: "Defender real-time protection check", description: "Turns Windows Defender real-time protection back on where it was switched off.",
		script: 226461, typ: model.Hourly, hourly: 12, tags: []string{"Domain Controllers", "File servers"}, bypass: true},
	{title: "Homebrew updates – engineering Macs", description: "Updates the Homebrew packages on engineering laptops.\nPaused: the new Xcode breaks two formulae.",
		script: 226520, typ: model.Weekly, tags: []string{"macOS", "Engineering"}, allTags: true, inactive: true},
	{title: "Enforce TLS 1.2 minimum – PCI scope", description: "Sets TLS 1.2 as the minimum protocol on the PCI Windows servers (audit finding 7.3).",
		script: 226480, typ: model.OneTime, tags: []string{"PCI", "Windows Servers"}, allTags: true, rebootSeconds: 900, rebootUnit: "MINUTES", bypass: true},
	{title: "Kernel module inventory – Kubernetes nodes", description: "Lists the loaded kernel modules on the Kubernetes nodes for drift detection.",
		script: 226530, typ: model.Daily, tags: []string{"Kubernetes nodes"}, fim: true},
	{title: "Clear Windows Update cache before patch night", description: "Clears the Windows Update cache on the servers patched in the Saturday window.",
		script: 226310, typ: model.Monthly, every: 1, tags: []string{"Maintenance window Saturday", "Windows Servers"}, allTags: true, rebootSeconds: 7200, rebootUnit: "HOURS", bypass: true},
	{title: "SSH configuration audit – DMZ", description: "Collects sshd_config from the Linux hosts in the DMZ for the hardening review.",
		script: 226512, typ: model.Weekly, tags: []string{"DMZ", "Linux"}, allTags: true},
	{title: "Remove unapproved browser extensions – pilot ring", description: "Removes browser extensions not on the allow list from the pilot workstations.",
		script: 226560, params: []string{"uBlock0@raymondhill.net,{446900e4-71c2-419f-a6a7-df9c091e268b}"}, typ: model.Weekly, tags: []string{"Workstations", "Pilot ring"}, allTags: true, inactive: true, bypass: true},
	{title: "Export local administrators – SOX hosts", description: "Exports the local administrators group of the SOX Windows hosts for the quarterly access review.",
		script: 226462, typ: model.Monthly, every: 1, tags: []string{"SOX", "Windows"}, allTags: true},
	{title: "Collect open ports – cache servers", description: "Records the listening ports of the cache servers.",
		script: 226417, typ: model.Daily, tags: []string{"Cache servers"}},
	{title: "Cron hygiene – Linux production", description: "Removes world-writable cron files on production Linux servers.",
		script: 226418, typ: model.Weekly, tags: []string{"Linux Servers", "Production"}, allTags: true},
}

// Start times the seeded schedules are drawn from.
var carSeedTimes = []string{"01:00:00", "02:00:00", "02:30:00", "03:15:00", "04:00:00", "21:00:00", "22:30:00", "23:45:00"}

// seedCAR stores n script schedules drawn from the seed; the caller has
// seeded the agents.
func (s *Server) seedCAR(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rng := rand.New(rand.NewPCG(s.opts.Seed, 0xca75eed))
	now := s.opts.Now().UTC()
	for i := range n {
		t := carSeeds[i%len(carSeeds)]
		title := t.title
		if round := i / len(carSeeds); round > 0 {
			title = fmt.Sprintf("%s (wave %d)", t.title, round+1)
		}
		for k := 2; s.titleTaken(title, -1); k++ {
			title = fmt.Sprintf("%s #%d", t.title, k)
		}
		created, sched := s.seedCARSchedule(rng, t, now)
		sched.Title = title
		raw, err := json.Marshal(sched)
		if err != nil {
			panic("sim: seeded script schedule: " + err.Error())
		}
		// Stored as a create stores it: the body, and what it decodes to,
		// which sched already is (seedCARSchedule builds it in the decoded
		// form; TestSeededScriptSchedulesAreValid decodes every Raw, which
		// is slower than the rest of the seed together, the demo's
		// start-up included).
		if bad := checkCARSchedule(sched, now, false); bad != "" {
			panic("sim: seeded script schedule " + title + ": " + bad)
		}
		if bad := sched.CheckText(); len(bad) > 0 {
			panic("sim: seeded script schedule " + title + ": " + bad.Error())
		}
		s.storeCAR(CARRecord{User: s.opts.Username, Created: created, Raw: raw, Schedule: sched})
	}
}

// seedCARSchedule draws one schedule of template t (its title aside) and
// when it was created.
func (s *Server) seedCARSchedule(rng *rand.Rand, t carSeed, now time.Time) (time.Time, model.ScriptSchedule) {
	sc := catalogScript(t.script)
	ref := model.ScriptRef{ID: model.IDOf(sc.ID), Title: sc.Title}
	for i, key := range sc.Params {
		ref.Params = append(ref.Params, model.ScriptParam{Key: key, Value: t.params[i]})
	}
	owner := s.opts.Username
	if rng.IntN(3) == 0 {
		owner = owners[rng.IntN(len(owners))].Username
	}
	sched := model.ScriptSchedule{
		Activate: !t.inactive, Description: t.description, Scripts: []model.ScriptRef{ref},
		User:         model.User{ID: nameUUID("user:" + owner), Name: owner},
		StartTime:    carSeedTimes[rng.IntN(len(carSeedTimes))],
		ScheduleType: t.typ,
	}
	today := now.Truncate(24 * time.Hour)
	// created: a time of day on the day `ago` days before today, never
	// after now; start: a day after created (at most today).
	at := func(ago int) time.Time {
		return today.AddDate(0, 0, -ago).Add(time.Duration(8*3600+rng.IntN(10*3600)) * time.Second)
	}
	var created, start time.Time
	switch t.typ {
	case model.OneTime:
		if t.future {
			created, start = at(rng.IntN(3)+1), today.AddDate(0, 0, 1+rng.IntN(6))
		} else {
			created = at(3 + rng.IntN(15))
			start = created.Truncate(24*time.Hour).AddDate(0, 0, 1+rng.IntN(2))
		}
	case model.Monthly:
		// A run day 1 to 5 days ago, in the start's month: the monthly
		// count starts there, so the schedule has run once.
		run := today.AddDate(0, 0, -1-rng.IntN(5))
		start = run.AddDate(0, 0, -rng.IntN(min(run.Day(), 10)))
		created = start.AddDate(0, 0, -1-rng.IntN(3)).Add(time.Duration(8*3600+rng.IntN(10*3600)) * time.Second)
		sched.RecurrenceDate, sched.RecurrenceMonth = model.Ptr(run.Day()), model.Ptr(t.every)
		sched.MonthlyScheduleType = model.Ptr(model.MonthlyDateOfMonthJob)
	default:
		// Weekly needs a week behind it so that every weekday has come.
		created = at(8 + rng.IntN(13))
		start = created.Truncate(24*time.Hour).AddDate(0, 0, 1)
	}
	if created.After(now) {
		created = now
	}
	created = created.Truncate(time.Second)
	sched.StartDate = start.Format(model.DateLayout)
	switch t.typ {
	case model.OneTime:
		if t.future {
			sched.EndDate = model.Ptr(sched.StartDate) // as qsched's builder sends it
		}
	default:
		sched.EndDate = model.Ptr(start.AddDate(0, 0, []int{90, 180, 365}[rng.IntN(3)]).Format(model.DateLayout))
	}
	switch t.typ {
	case model.Hourly:
		sched.HourlyInterval = model.Ptr(t.hourly)
	case model.Weekly:
		sched.DaysOfWeek = seedDays(rng)
		if t.days != nil {
			sched.DaysOfWeek = slices.Clone(t.days)
		}
	}
	if t.rebootSeconds > 0 {
		sched.RebootAfterScriptExecution = model.Ptr(true)
		sched.RebootDelayInSeconds, sched.RebootDelayTimeUnit = model.Ptr(t.rebootSeconds), model.Ptr(t.rebootUnit)
	} else if rng.IntN(2) == 0 {
		sched.RebootAfterScriptExecution = model.Ptr(false)
	}
	if t.bypass {
		sched.ExecutionPolicyBypassEnabled = model.Ptr(true)
	}
	if t.fim {
		sched.ShareScriptResultWithFim = model.Ptr(true)
	}
	s.seedTargets(rng, t, &sched)
	// As the JSON decodes: empty target lists are [], not nil.
	for _, l := range []*[]model.Asset{&sched.Assets, &sched.AssetTags, &sched.ExcludedAssets} {
		if *l == nil {
			*l = []model.Asset{}
		}
	}
	return created, sched
}

// seedDays draws one to three weekdays (1 = Monday … 7 = Sunday), ascending.
func seedDays(rng *rand.Rand) []int {
	days := rng.Perm(7)[:1+rng.IntN(3)]
	for i := range days {
		days[i]++
	}
	slices.Sort(days)
	return days
}

// seedTargets sets the assets, tags and exclusions of template t.
func (s *Server) seedTargets(rng *rand.Rand, t carSeed, sched *model.ScriptSchedule) {
	for _, name := range t.tags {
		sched.AssetTags = append(sched.AssetTags, tagNamed(name).Ref())
	}
	if len(t.tags) > 0 {
		sched.AllTagsForAssetsEnabled = model.Ptr(t.allTags)
	}
	if t.nHosts > 0 {
		var pool []Agent
		for _, a := range s.agents {
			if strings.HasPrefix(a.Name, t.hosts) {
				pool = append(pool, a)
			}
		}
		for _, i := range rng.Perm(len(pool))[:min(t.nHosts, len(pool))] {
			sched.Assets = append(sched.Assets, model.Asset{UUId: pool[i].AgentUUID, ID: model.IDOf(pool[i].ID)})
		}
	}
	if t.exclude > 0 {
		reached := s.targets(*sched)
		for _, i := range rng.Perm(len(reached))[:min(t.exclude, len(reached))] {
			a, _ := s.agentByID(reached[i])
			sched.ExcludedAssets = append(sched.ExcludedAssets, model.Asset{UUId: a.AgentUUID, ID: model.IDOf(a.ID)})
		}
	}
}

// catalogScript returns the catalog script with this id; it panics on an
// id not in the catalog, which is a bug in the seed.
func catalogScript(id int64) CatalogScript {
	i := slices.IndexFunc(catalog, func(c CatalogScript) bool { return c.ID == id })
	if i < 0 {
		panic(fmt.Sprintf("sim: no catalog script %d", id))
	}
	return catalog[i]
}
