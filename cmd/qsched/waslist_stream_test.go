package main

import (
	"bytes"
	"errors"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/qsched/qsched/client"
	"github.com/qsched/qsched/model"
)

func pagesOf(err error, pages ...[]model.WasScanSchedule) iter.Seq2[client.Page, error] {
	return func(yield func(client.Page, error) bool) {
		for _, p := range pages {
			if !yield(client.Page{Schedules: p}, nil) {
				return
			}
		}
		if err != nil {
			yield(client.Page{}, err)
		}
	}
}

func schedulesFor(ids ...int64) []model.WasScanSchedule {
	out := make([]model.WasScanSchedule, len(ids))
	for i, id := range ids {
		out[i] = model.WasScanSchedule{ID: model.Ptr(id), Name: model.TextPtr("scan <" + string(rune('a'+i)) + "> \u202e"), Active: model.Ptr(i%2 == 0)}
		if i%2 == 0 {
			out[i].NextLaunchDate = model.Ptr("2030-01-0" + string(rune('1'+i)) + "T02:00:00Z")
		}
	}
	return out
}

// The streamed list is byte for byte what writeJSON writes of the whole
// list: empty, one page, several pages; next launches in the display zone.
func TestStreamWASListIsTheWholeListsJSON(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	for _, pages := range [][][]model.WasScanSchedule{
		nil,
		{schedulesFor(1)},
		{schedulesFor(1, 2, 3), nil, schedulesFor(4, 5)},
	} {
		var all []wasScheduleJSON
		for _, p := range pages {
			for _, s := range p {
				all = append(all, wasSummary(s, tokyo))
			}
		}
		if all == nil {
			all = []wasScheduleJSON{}
		}
		var want, got bytes.Buffer
		if err := writeJSON(&want, all); err != nil {
			t.Fatal(err)
		}
		if err := streamWASList(&got, pagesOf(nil, pages...), tokyo); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("streamed:\n%s\nwant:\n%s", got.String(), want.String())
		}
		if len(all) > 0 && !strings.Contains(got.String(), `"nextLaunch": "2030-01-01T11:00:00+09:00"`) {
			t.Fatalf("next launch not in the display zone:\n%s", got.String())
		}
	}
}

// A page that fails after others were written leaves a valid array of
// what was read, and the error is returned.
func TestStreamWASListClosesTheArrayOnFailure(t *testing.T) {
	boom := errors.New("boom")
	var got bytes.Buffer
	if err := streamWASList(&got, pagesOf(boom, schedulesFor(1, 2)), time.UTC); !errors.Is(err, boom) {
		t.Fatalf("error %v", err)
	}
	var want bytes.Buffer
	_ = writeJSON(&want, []wasScheduleJSON{wasSummary(schedulesFor(1, 2)[0], time.UTC), wasSummary(schedulesFor(1, 2)[1], time.UTC)})
	if got.String() != want.String() {
		t.Fatalf("got:\n%s\nwant:\n%s", got.String(), want.String())
	}
}

// A failure before any schedule leaves stdout empty, as before streaming:
// not an empty array that would read as "no schedules".
func TestStreamWASListWritesNothingWhenTheFirstPageFails(t *testing.T) {
	var got bytes.Buffer
	if err := streamWASList(&got, pagesOf(errors.New("boom")), time.UTC); err == nil || got.Len() != 0 {
		t.Fatalf("error %v, stdout %q", err, got.String())
	}
}
