package model

import (
	"slices"
	"testing"
)

func TestCompareNatural(t *testing.T) {
	got := []string{"scan 10", "Scan 2", "scan 1", "alpha", "Beta", "scan 2", "scan 02b", "", "zeta9", "zeta10", "99999999999999999999999 a", "3 b"}
	slices.SortFunc(got, CompareNatural)
	want := []string{"", "3 b", "99999999999999999999999 a", "alpha", "Beta", "scan 1", "Scan 2", "scan 2", "scan 02b", "scan 10", "zeta9", "zeta10"}
	if !slices.Equal(got, want) {
		t.Fatalf("sorted\n got %q\nwant %q", got, want)
	}
	for _, p := range [][2]string{{"a", "a"}, {"A1", "A1"}} {
		if CompareNatural(p[0], p[1]) != 0 {
			t.Errorf("%q vs %q: want 0", p[0], p[1])
		}
	}
	if CompareNatural("a", "A") == 0 || CompareNatural("a", "A") != -CompareNatural("A", "a") {
		t.Error("names equal but for case must still have a total, antisymmetric order")
	}
}
