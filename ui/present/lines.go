package present

// LabelWidth is the width of the label column of Lines.
const LabelWidth = 18

// Lines lays fields out as text lines: "Label:            value", and each
// new section as an empty line and "— Section". Values are not cut; a
// view cuts or wraps lines to its width.
func Lines(fs []Field) []string {
	var out []string
	section := ""
	for _, f := range fs {
		if f.Section != section {
			section = f.Section
			out = append(out, "", "— "+section)
		}
		out = append(out, Line(f))
	}
	return out
}

// Line is one field as Lines shows it.
func Line(f Field) string {
	label := f.Label + ":"
	for len(label) < LabelWidth {
		label += " "
	}
	return label + " " + f.Value
}
