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
		for r.next.Before(now) {
			n, ok := rollForward(s, *r.next)
			if !ok {
				r.next = nil
				break
			}
			r.next = &n
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

// rollForward moves a past launch to the next one. This is the simulator's
// own coarse arithmetic (whole days in UTC); it deliberately shares nothing
// with the client's preview code, so that tests comparing the two mean
// something.
func rollForward(s model.WasScanSchedule, t time.Time) (time.Time, bool) {
	sc := s.Scheduling
	if sc == nil || sc.OccurrenceType == nil {
		return t, false
	}
	switch *sc.OccurrenceType {
	case model.OccurrenceDaily:
		n := 1
		if sc.Occurrence != nil && sc.Occurrence.Daily != nil && sc.Occurrence.Daily.EveryNDays > 0 {
			n = sc.Occurrence.Daily.EveryNDays
		}
		return t.AddDate(0, 0, n), true
	case model.OccurrenceWeekly:
		n := 1
		if sc.Occurrence != nil && sc.Occurrence.Weekly != nil && sc.Occurrence.Weekly.EveryNWeeks > 0 {
			n = sc.Occurrence.Weekly.EveryNWeeks
		}
		return t.AddDate(0, 0, 7*n), true
	case model.OccurrenceMonthly:
		return t.AddDate(0, 1, 0), true
	}
	return t, false
}
