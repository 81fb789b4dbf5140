package scriptform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDraftStoreRoundTrip(t *testing.T) {
	st := DraftStore{Dir: filepath.Join(t.TempDir(), "qsched", "drafts", "d"), Now: func() time.Time { return testNow }}
	if _, ok, err := st.Load("a"); ok || err != nil {
		t.Fatalf("empty store: %v %v", ok, err)
	}
	if list, err := st.List(); len(list) != 0 || err != nil {
		t.Fatalf("empty store lists %v, %v", list, err)
	}
	d := validWeekly()
	if err := st.Save("a", d); err != nil {
		t.Fatal(err)
	}
	got, ok, err := st.Load("a")
	if err != nil || !ok || got.ID != "a" || got.Draft.Title != d.Title || len(got.Draft.Days) != 2 || !got.SavedAt.Equal(testNow) {
		t.Fatalf("load: %+v %v %v", got, ok, err)
	}
	if fi, err := os.Stat(filepath.Join(st.Dir, "a.json")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("draft file: %v %v", fi, err)
	}
	if err := st.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.Load("a"); ok {
		t.Fatal("draft still there after Delete")
	}
}

// Several drafts are kept side by side and listed newest first; one that
// cannot be read is named while the others are still listed; an empty
// one is not offered.
func TestDraftStoreKeepsSeveralDrafts(t *testing.T) {
	now := testNow
	st := DraftStore{Dir: t.TempDir(), Now: func() time.Time { return now }}
	for i, title := range []string{"Oldest", "Middle", "Newest"} {
		d := validWeekly()
		d.Title = title
		now = testNow.Add(time.Duration(i) * time.Minute)
		if err := st.Save(st.NewID(), d); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Save("empty", NewDraft(testNow, "demo")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(st.Dir, "broken.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	list, err := st.List()
	if err == nil || !strings.HasPrefix(err.Error(), "draft broken: ") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("the unreadable draft is not named in one line: %v", err)
	}
	var titles []string
	for _, sd := range list {
		titles = append(titles, sd.Draft.Title)
	}
	if strings.Join(titles, ",") != "Newest,Middle,Oldest" {
		t.Fatalf("listed %v", titles)
	}
	if err := st.Delete(list[1].ID); err != nil {
		t.Fatal(err)
	}
	if list, _ = st.List(); len(list) != 2 || list[1].Draft.Title != "Oldest" {
		t.Fatalf("after deleting the middle one: %+v", list)
	}
}

// Ids name files only inside the store's directory.
func TestDraftStoreRefusesForeignIDs(t *testing.T) {
	st := DraftStore{Dir: t.TempDir()}
	for _, id := range []string{"", "../x", "a/b", `a\b`, strings.Repeat("a", 65), "a.json"} {
		if err := st.Save(id, validWeekly()); err == nil {
			t.Errorf("Save(%q) accepted", id)
		}
		if err := st.Delete(id); err == nil {
			t.Errorf("Delete(%q) accepted", id)
		}
	}
	if id := st.NewID(); !validID.MatchString(id) || id == st.NewID() {
		t.Fatalf("NewID %q", id)
	}
}

// The one draft file of earlier versions (<dir>.json) is moved into the
// directory and listed.
func TestDraftStoreAdoptsTheOldSingleDraft(t *testing.T) {
	base := t.TempDir()
	st := DraftStore{Dir: filepath.Join(base, "demo"), Now: func() time.Time { return testNow }}
	old := DraftStore{Dir: base}
	d := validWeekly()
	d.Title = "From the old version"
	if err := old.Save("demo", d); err != nil { // writes <base>/demo.json
		t.Fatal(err)
	}
	list, err := st.List()
	if err != nil || len(list) != 1 || list[0].Draft.Title != d.Title {
		t.Fatalf("old draft not listed: %+v %v", list, err)
	}
	if _, err := os.Stat(filepath.Join(base, "demo.json")); !os.IsNotExist(err) {
		t.Fatalf("old file still there: %v", err)
	}
	if again, _ := st.List(); len(again) != 1 || again[0].ID != list[0].ID {
		t.Fatalf("listed again: %+v", again)
	}
}
