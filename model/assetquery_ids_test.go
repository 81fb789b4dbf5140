package model

import "testing"

// IDs add one id IN criterion after the others.
func TestAssetQueryIDs(t *testing.T) {
	cs := AssetQuery{IDs: []int64{44496319, 7}}.Criteria()
	last := cs[len(cs)-1]
	if len(cs) != 2 || last.Field != "id" || last.Operator != OpIn || last.Value != "44496319,7" {
		t.Fatalf("criteria: %+v", cs)
	}
}
