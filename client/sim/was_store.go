package sim

import (
	"slices"
	"time"

	"github.com/qsched/qsched/model"
)

// wasStore holds the WAS schedules, in ascending id order.
type wasStore struct {
	recs    map[int64]*wasRecord
	ids     []int64 // sorted
	nextID  int64
	webApps map[int64]*webApp
	profile map[int64]string
}

type wasRecord struct {
	s    model.WasScanSchedule // stored without nextLaunchDate
	next *time.Time            // next launch when active
}

type webApp struct {
	id      int64
	name    string
	url     string
	tags    []model.WASTag
	deleted bool
}

// appList returns the web apps in ascending id order.
func (st *wasStore) appList() []*webApp {
	out := make([]*webApp, 0, len(st.webApps))
	for _, a := range st.webApps {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *webApp) int { return int(a.id - b.id) })
	return out
}

func (st *wasStore) add(r *wasRecord) {
	id := *r.s.ID
	st.recs[id] = r
	i, _ := slices.BinarySearch(st.ids, id)
	st.ids = slices.Insert(st.ids, i, id)
	st.nextID = max(st.nextID, id+1)
}

func (st *wasStore) remove(id int64) {
	delete(st.recs, id)
	if i, ok := slices.BinarySearch(st.ids, id); ok {
		st.ids = slices.Delete(st.ids, i, i+1)
	}
}

// view is the schedule as the API returns it: nextLaunchDate only while
// active and not finished (U19), invalid when its web app is gone.
func (st *wasStore) view(r *wasRecord, now time.Time) model.WasScanSchedule {
	s := r.s
	s.Invalid = model.Ptr(st.invalid(r))
	if s.IsActive() && r.next != nil {
		if r.next.Before(now) {
			r.next = nextLaunch(s, now)
		}
		if r.next != nil {
			s.NextLaunchDate = model.Ptr(r.next.UTC().Format(model.WASTimeLayout))
		}
	}
	return s
}

func (st *wasStore) invalid(r *wasRecord) bool {
	if t := r.s.Target; t != nil && t.WebApp != nil {
		a := st.webApps[t.WebApp.ID]
		return a == nil || a.deleted
	}
	return false
}
