package sim

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/qsched/qsched/model"
)

// Agent is a seeded Cloud Agent host, as Asset Management lists it.
type Agent struct {
	ID            int64  // HostAsset id: the asset id of a CAR assets[] entry
	AgentUUID     string // agentInfo.agentId: the UUId of a CAR assets[] entry
	Name          string // the host name, e.g. web-01.example.com
	DNSHostName   string
	Address       string // IPv4
	OS            string
	AgentVersion  string
	Status        string // STATUS_ACTIVE, or STATUS_INACTIVE after 2 days without check-in
	LastCheckedIn time.Time
	Tags          []model.TagSimple // by tagId; "Cloud Agent" first
}

// Agents returns the seeded agents in ascending asset id order (a copy).
func (s *Server) Agents() []Agent {
	out := slices.Clone(s.agents)
	for i := range out {
		out[i].Tags = slices.Clone(out[i].Tags)
	}
	return out
}

// The agents the seed documents name, with the agent UUIDs qsched's tests
// use; they are always web-01.example.com and web-02.example.com.
var seedDocAgents = []struct {
	id   int64
	uuid string
}{{44496319, "2dabc804-fcea-4c1e-9b7a-3f2d5c6e7a81"}, {49526617, "7bb9c14f-ccd0-49d6-8e2f-1a2b3c4d5e6f"}}

// agentFamily is a group of hosts named pattern with 1-based numbers.
type agentFamily struct {
	pattern string // fmt pattern of the host name
	n       int
	role    string   // a roleTagNames entry
	oses    []string // drawn from
	sites   []string // location tags drawn from
	envs    bool     // servers get an environment tag
}

var (
	linuxServer = []string{"Ubuntu 22.04.4 LTS", "Ubuntu 24.04.1 LTS", "Red Hat Enterprise Linux 9.4", "Red Hat Enterprise Linux 8.10", "Amazon Linux 2023", "Debian GNU/Linux 12"}
	winServer   = []string{"Microsoft Windows Server 2019 Standard", "Microsoft Windows Server 2022 Datacenter", "Microsoft Windows Server 2016 Standard"}
	winDesktop  = []string{"Microsoft Windows 11 Enterprise 23H2", "Microsoft Windows 10 Enterprise 22H2", "Microsoft Windows 11 Pro 24H2"}
	macDesktop  = []string{"macOS 14.6 Sonoma", "macOS 15.1 Sequoia", "macOS 13.7 Ventura"}
	mostlyLinux = append(append([]string{}, linuxServer...), linuxServer[0], winServer[1])
	mixed       = append(append([]string{}, linuxServer...), winServer...)
	datacenters = siteTagNames
)

// agentFamilies: 2,250 hosts.
var agentFamilies = []agentFamily{
	{"web-%02d.example.com", 160, "Web servers", mostlyLinux, datacenters, true},
	{"app-%02d.example.com", 240, "Application servers", mixed, datacenters, true},
	{"db-%02d.example.com", 90, "Database servers", mixed, datacenters, true},
	{"mail-%02d.example.com", 12, "Mail servers", mixed, datacenters[:3], true},
	{"dc-%02d.corp.example.com", 10, "Domain Controllers", winServer, datacenters[:3], true},
	{"file-%02d.corp.example.com", 28, "File servers", winServer, datacenters[:3], true},
	{"build-%02d.ci.example.net", 60, "Build agents", linuxServer, datacenters[3:], true},
	{"cache-%02d.example.com", 40, "Cache servers", linuxServer, datacenters, true},
	{"k8s-node-%03d.example.net", 360, "Kubernetes nodes", linuxServer, datacenters[3:], true},
	{"ws-%04d.corp.example.com", 1100, "Workstations", winDesktop, officeTagNames, false},
	{"mac-%03d.corp.example.com", 150, "Laptops", macDesktop, officeTagNames, false},
}

var agentVersions = []string{"6.1.0.28", "6.2.0.41", "5.9.0.14", "6.3.0.12"}

// seedAgents builds the agents deterministically from seed; check-ins lie
// before now.
func seedAgents(seed uint64, now time.Time) []Agent {
	rng := rand.New(rand.NewPCG(seed, 0xa6e7))
	used := map[int64]bool{}
	for _, d := range seedDocAgents {
		used[d.id] = true
	}
	var out []Agent
	for fi, f := range agentFamilies {
		for i := 1; i <= f.n; i++ {
			host := fmt.Sprintf(f.pattern, i)
			a := Agent{Name: host, DNSHostName: host, OS: f.oses[rng.IntN(len(f.oses))],
				Address:      fmt.Sprintf("10.%d.%d.%d", 10+fi, (i-1)/254, (i-1)%254+1),
				AgentVersion: agentVersions[rng.IntN(len(agentVersions))], AgentUUID: randUUID(rng)}
			if k := len(out); k < len(seedDocAgents) {
				a.ID, a.AgentUUID = seedDocAgents[k].id, seedDocAgents[k].uuid
			} else {
				for a.ID == 0 || used[a.ID] {
					a.ID = 44000000 + rng.Int64N(6000000)
				}
				used[a.ID] = true
			}
			switch r := rng.IntN(50); {
			case r < 45:
				a.LastCheckedIn = now.Add(-time.Duration(rng.IntN(6*3600)) * time.Second)
			case r < 49:
				a.LastCheckedIn = now.Add(-time.Duration(1+rng.IntN(7)) * 24 * time.Hour)
			default:
				a.LastCheckedIn = now.Add(-time.Duration(30+rng.IntN(60)) * 24 * time.Hour)
			}
			a.LastCheckedIn = a.LastCheckedIn.UTC().Truncate(time.Second)
			a.Status = "STATUS_ACTIVE"
			if now.Sub(a.LastCheckedIn) > 48*time.Hour {
				a.Status = "STATUS_INACTIVE"
			}
			a.Tags = agentTags(rng, f, a.OS)
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b Agent) int { return cmpInt(a.ID, b.ID) })
	return out
}

// agentTags: Cloud Agent, the OS tags, the role, an environment (servers),
// a location, a patch group and up to two others.
func agentTags(rng *rand.Rand, f agentFamily, os string) []model.TagSimple {
	names := []string{tagCloudAgent}
	switch {
	case slices.Contains(winServer, os):
		names = append(names, "Windows", "Windows Servers")
	case slices.Contains(winDesktop, os):
		names = append(names, "Windows", "Windows Workstations")
	case slices.Contains(macDesktop, os):
		names = append(names, "macOS")
	default:
		names = append(names, "Linux", "Linux Servers")
	}
	names = append(names, f.role)
	if f.envs {
		names = append(names, []string{"Production", "Production", "Production", "Staging", "Development", "QA"}[rng.IntN(6)])
	}
	names = append(names, f.sites[rng.IntN(len(f.sites))], patchTagNames[rng.IntN(len(patchTagNames))])
	for range rng.IntN(3) {
		if g := generalTagNames[rng.IntN(len(generalTagNames))]; !slices.Contains(names, g) {
			names = append(names, g)
		}
	}
	out := make([]model.TagSimple, len(names))
	for i, n := range names {
		t := tagNamed(n)
		out[i] = model.TagSimple{ID: t.TagID, Name: t.Name}
	}
	return out
}

// randUUID draws a version-4 UUID from rng.
func randUUID(rng *rand.Rand) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], rng.Uint64())
	binary.BigEndian.PutUint64(b[8:], rng.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// agentByID finds an agent by asset id (agents are sorted by id).
func (s *Server) agentByID(id int64) (Agent, bool) {
	i, ok := slices.BinarySearchFunc(s.agents, id, func(a Agent, id int64) int { return cmpInt(a.ID, id) })
	if !ok {
		return Agent{}, false
	}
	return s.agents[i], true
}
