package calendar

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/common"
	"github.com/qsched/qsched/ui/present"
	"github.com/qsched/qsched/ui/safe"
	"github.com/qsched/qsched/ui/task"
)

// schedules are both lists, as loaded.
type schedules struct {
	was     []model.WasScanSchedule
	scripts []model.CARSearchItem
}

// loadMsg is the result of load.
type loadMsg = task.DoneMsg[schedules]

// builtMsg carries a calendar computed off the update loop.
type builtMsg struct {
	gen uint64
	cal model.Calendar
}

// load reads every WAS and script schedule in one task (esc cancels it).
func (m *Model) load() tea.Cmd {
	cl := m.c.Client
	if cl == nil {
		return nil
	}
	m.loading, m.loadErr = true, ""
	return task.RunOn(m.ID(), "load", m.gen.Next(), "Loading schedules for the calendar", func(ctx context.Context) (schedules, error) {
		var s schedules
		var err error
		if s.was, err = cl.WAS.All(ctx, nil); err != nil {
			return s, err
		}
		for it, err := range cl.Scripts.Schedules(ctx, "") {
			if err != nil {
				return s, err
			}
			s.scripts = append(s.scripts, it)
		}
		return s, nil
	})
}

func (m *Model) onLoad(msg loadMsg) tea.Cmd {
	if !m.gen.Current(msg.Task) {
		return nil
	}
	m.loading = false
	if msg.Err != nil {
		m.loadErr = safe.Line(msg.Err.Error(), 0)
		if m.cal != nil {
			m.note = "Could not reload (the runs shown are from the last load): " + m.loadErr
		}
		return nil
	}
	m.data, m.loaded = msg.Value, true
	return m.build()
}

// build computes the calendar of the loaded schedules from now, in a
// command: ten thousand schedules take a noticeable fraction of a second.
func (m *Model) build() tea.Cmd {
	m.buildGen++
	m.building = true
	gen, data, loc := m.buildGen, m.data, m.c.Loc()
	from, to := model.CalendarWindow(m.c.Now(), m.days, loc)
	return common.Wrap(m.ID(), func() tea.Msg {
		return builtMsg{gen: gen, cal: model.BuildCalendar(from, to, loc, data.was, data.scripts)}
	})
}

func (m *Model) onBuilt(msg builtMsg) {
	if msg.gen != m.buildGen {
		return // a newer build is on its way
	}
	m.building = false
	m.cal = &msg.cal
	if n := len(msg.cal.Skipped); n > 0 {
		s := msg.cal.Skipped[0]
		m.note = present.Plural(n, "schedule") + " left out, their recurrence unreadable: " +
			present.CalendarKind(s.Kind) + " " + safe.Line(s.ID, 0) + ": " + safe.Line(s.Reason, 0)
	}
	m.refilter()
}
