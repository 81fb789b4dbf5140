// Package present is how qsched words things, shared by the headless
// commands and the TUI: counts, yes/no, verbs, filters, durations, dates
// and the fields of a WAS schedule. It returns plain strings (no styles),
// and every value that came from a server has been through ui/safe.
//
// Formats, one per kind:
//
//	count      12,400 (thousands separators, golang.org/x/text/message)
//	yes/no     yes, no
//	duration   the largest whole unit: "45 s", "10 min", "2 h", "3 d"; "90 min" for 1h30m
//	date-time  DateTimeLayout, "2006-01-02 15:04 MST", in the zone given (the display zone in qsched's output)
//	date       DateLayout, "2006-01-02"
//	run time   model.DescribeRun: "Mon 2006-01-02 15:04 MST (in 3 h)"
//	filter     criteria joined with " AND ", each as FIELD OPERATOR VALUE
package present
