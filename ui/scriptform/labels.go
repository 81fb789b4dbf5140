package scriptform

import (
	"regexp"
	"strings"

	"github.com/qsched/qsched/model"
)

// The builder names problems by the form's labels ("End date"), not by
// the API's fields (endDate), which the model's messages use.

// labelled is one problem as the form names it: "End date: 2030-04-01 is
// before Start date 2030-05-02". A problem that is no field's keeps the
// API's name.
func labelled(p model.FieldError, descs []described) string {
	label := fieldName(p.Field) // a field without a description, by its key
	for _, d := range descs {
		if fieldProblems(model.ValidationErrors{p}, d.prefixes...) != "" {
			label = fieldName(d.key)
			break
		}
	}
	return label + ": " + asLabels(p.Problem, descs)
}

// asLabels replaces the API field names in a problem's text (the
// camel-case or dotted ones: a plain word such as "user" is left alone)
// with the form's labels.
func asLabels(text string, descs []described) string {
	for _, d := range descs {
		for _, pre := range d.prefixes {
			if pre == strings.ToLower(pre) && !strings.ContainsAny(pre, ".[") {
				continue
			}
			re := regexp.MustCompile(`\b` + regexp.QuoteMeta(pre) + `\b`)
			text = re.ReplaceAllLiteralString(text, fieldName(d.key))
		}
	}
	return text
}
