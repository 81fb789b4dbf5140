package was

// Selected returns the marked ids in ascending order.
func (m *Model) Selected() []int64 {
	ts := m.sel.Targets()
	out := make([]int64, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}
