package scriptform

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/ui/task"
)

const (
	wideUUID = "c0c60099-1d2e-4f3a-9b8c-fe60854074db"
	wideID   = "44000277"
)

// The review's target lines keep "UUID id" whole on one line: a long
// name is cut to the room beside them, or put on a line of its own.
func TestReviewTargetLinesKeepTheIDsTogether(t *testing.T) {
	for _, w := range []int{80, 56} {
		d := validWeekly()
		d.Assets = wideUUID + " " + wideID
		d.Names = map[string]string{wideUUID + " " + wideID: "a-very-long-host-name.eu-west.internal.example.com"}
		m := newModel(t, d, Options{})
		m.SetSize(w, 60)
		review(m)
		v := plain(m)
		if !strings.Contains(v, wideUUID+" "+wideID) {
			t.Fatalf("width %d: the ids are split:\n%s", w, v)
		}
		if !strings.Contains(v, "asset    a-very-long") {
			t.Fatalf("width %d: the name is gone:\n%s", w, v)
		}
		for _, l := range strings.Split(v, "\n") {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: line of %d cells: %q", w, ansi.StringWidth(l), l)
			}
		}
	}
}

// The Created screen wraps at spaces only: the new schedule's UUID is
// never split, on its line or in the note about a lost answer.
func TestCreatedNeverSplitsTheID(t *testing.T) {
	for _, w := range []int{40, 56, 70, 80} {
		m := newModel(t, validWeekly(), Options{})
		m.SetSize(w, 20)
		toSending(t, m)
		gen := m.gen.Next()
		m.Update(CreatedMsg{Task: task.Task{Gen: gen}, Value: client.Created[string]{ID: wideUUID, Found: true}})
		v := plain(m)
		if strings.Count(v, wideUUID) != 2 {
			t.Fatalf("width %d: the id is not whole twice:\n%s", w, v)
		}
		for _, l := range strings.Split(v, "\n") {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: line of %d cells: %q", w, ansi.StringWidth(l), l)
			}
		}
	}
}

func TestWrapWordsKeepsEveryCharacter(t *testing.T) {
	s := "id " + wideUUID + " and more words here"
	for _, w := range []int{1, 10, 20, 36, 50} {
		got := wrapWords(s, w)
		if w >= len(wideUUID) && strings.Join(strings.Fields(got), " ") != s {
			t.Fatalf("width %d split a word: %q", w, got)
		}
		if strings.ReplaceAll(strings.ReplaceAll(got, "\n", ""), " ", "") != strings.ReplaceAll(s, " ", "") {
			t.Fatalf("width %d lost characters: %q", w, got)
		}
		for _, l := range strings.Split(got, "\n") {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: %q", w, l)
			}
		}
	}
}
