package present

import (
	"strings"

	"github.com/qsched/qsched/model"
	"github.com/qsched/qsched/ui/safe"
)

// Criteria shows a filter: each criterion as FIELD OPERATOR VALUE, made
// safe, joined with " AND "; "" when there is none.
func Criteria(cs []model.Criterion) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = safe.Text(c.String())
	}
	return strings.Join(parts, " AND ")
}
