package sim

import (
	"crypto/sha256"
	"fmt"

	"github.com/qsched/qsched/model"
)

// The asset tags of the simulated subscription. Every one is CAR-enabled
// (POST /sm/v1/assettags/search lists them all) and host assets carry them
// by tagId, the Asset Management tag id, which is also the id a schedule's
// assetTags entry carries (U41). The list is fixed, whatever the seed, so
// that tests and other tools can name tags: "Cloud Agent" is always
// CARTags()[0] with tagId 7271003.

// customerID is the numeric customer id of the simulated subscription.
const customerID = 95128

// The tag names, grouped by how seeded agents get them (agents.go).
var (
	tagCloudAgent = model.AMAgentTag
	osTagNames    = []string{"Windows", "Windows Servers", "Windows Workstations", "Linux", "Linux Servers", "macOS"}
	roleTagNames  = []string{"Web servers", "Application servers", "Database servers", "Mail servers", "Domain Controllers",
		"File servers", "Build agents", "Cache servers", "Kubernetes nodes", "Workstations", "Laptops"}
	envTagNames     = []string{"Production", "Staging", "Development", "QA"}
	siteTagNames    = []string{"DC Frankfurt", "DC Virginia", "DC Singapore", "AWS us-east-1", "AWS eu-west-1", "Azure West Europe", "GCP us-central1"}
	officeTagNames  = []string{"Office Berlin", "Office New York", "Office London", "Remote"}
	patchTagNames   = []string{"Patch group A", "Patch group B", "Patch group C", "Patch group D"}
	generalTagNames = []string{"PCI", "HIPAA", "SOX", "Internet-facing", "DMZ", "Critical assets", "Crown jewels",
		"Maintenance window Saturday", "Maintenance window Sunday", "Reboot allowed", "No reboot", "Finance", "HR",
		"Engineering", "Sales", "Marketing", "Support", "Legacy", "End of life OS", "Pilot ring", "Broad ring",
		"Log4j remediation", "OpenSSL 3 upgrade", "Shared services"}
	tagColors = []string{"#1E88E5", "#43A047", "#E53935", "#FB8C00", "#8E24AA", "#00ACC1", "#6D4C41", "#546E7A", "#FDD835", "#D81B60"}
)

// carTags is every tag, in the order the tag search lists them.
var carTags = func() []model.CARTag {
	var names []string
	names = append(names, tagCloudAgent)
	for _, g := range [][]string{osTagNames, roleTagNames, envTagNames, siteTagNames, officeTagNames, patchTagNames, generalTagNames} {
		names = append(names, g...)
	}
	out := make([]model.CARTag, len(names))
	for i, n := range names {
		out[i] = model.CARTag{
			CustomerUUID: customerUUID, CustomerID: customerID, Name: n,
			TagID:   7271003 + int64(i)*41, // the Asset Management tag id
			ID:      3001 + int64(i),       // CAR's own id of the item: never a tagId
			TagUUID: nameUUID("tag:" + n), BackgroundColor: tagColors[i%len(tagColors)],
		}
	}
	return out
}()

// CARTags returns the simulator's CAR-enabled asset tags (a copy).
func CARTags() []model.CARTag { return append([]model.CARTag(nil), carTags...) }

// tagsByName indexes carTags.
var tagsByName = func() map[string]model.CARTag {
	m := make(map[string]model.CARTag, len(carTags))
	for _, t := range carTags {
		m[t.Name] = t
	}
	return m
}()

// tagNamed returns the tag with this exact name; it panics on a name not
// in the list, which is a bug in the seed.
func tagNamed(name string) model.CARTag {
	t, ok := tagsByName[name]
	if !ok {
		panic("sim: no tag named " + name)
	}
	return t
}

// tagByRef returns the tag a schedule's assetTags entry names: tagId and
// tagUuid must both be the tag's.
func tagByRef(a model.Asset) (model.CARTag, bool) {
	id, ok := a.ID.Int()
	if !ok {
		return model.CARTag{}, false
	}
	for _, t := range carTags {
		if t.TagID == id && t.TagUUID == a.UUId {
			return t, true
		}
	}
	return model.CARTag{}, false
}

// nameUUID is a version-4-shaped UUID derived from a name, stable across
// runs and seeds.
func nameUUID(name string) string {
	b := sha256.Sum256([]byte("qsched-sim/" + name))
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
