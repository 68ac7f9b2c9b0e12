package roadmap

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeOwner(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"sam", "sam"},
		{"  sam  ", "sam"},
		{"sam,kim", "sam, kim"},
		{"sam ,  kim", "sam, kim"},
		{"kim, sam", "kim, sam"},           // order kept
		{"sam,,kim,", "sam, kim"},          // empty names dropped
		{", ,", ""},                        // nothing but commas
		{"sam, kim, Sam", "sam, kim"},      // a repeat is kept once, first spelling
		{"SAM, sam", "SAM"},                // ignoring case
		{"sam, samantha", "sam, samantha"}, // whole names: not repeats
		{"Ana María , José", "Ana María, José"},
		{"sam kim", "sam kim"}, // a space does not separate names
	} {
		if got := NormalizeOwner(c.in); got != c.want {
			t.Errorf("NormalizeOwner(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestOwners(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" , ", nil},
		{"sam", []string{"sam"}},
		{"sam, kim", []string{"sam", "kim"}},
		{"sam,kim,sam", []string{"sam", "kim"}},
	} {
		if got := Owners(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Owners(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHasOwner(t *testing.T) {
	for _, c := range []struct {
		owner, name string
		want        bool
	}{
		{"sam", "sam", true},
		{"Sam", "sam", true},
		{"sam", "SAM", true},
		{"sam, kim", "sam", true},
		{"sam, kim", "kim", true},
		{"sam,kim", "kim", true}, // stored before owners were normalised
		{"sam, kim", " kim ", true},
		{"samantha", "sam", false},
		{"sam, kim", "sa", false},
		{"sam, kim", "sam, kim", false}, // one name at a time
		{"sam kim", "sam", false},
		{"", "sam", false},
		{"sam", "", false},
		{"", "", false},
		{"sam, , kim", "", false},
	} {
		if got := HasOwner(c.owner, c.name); got != c.want {
			t.Errorf("HasOwner(%q, %q) = %v, want %v", c.owner, c.name, got, c.want)
		}
	}
}

func TestOwnerShare(t *testing.T) {
	for _, c := range []struct {
		owner  string
		effort float64
		want   float64
	}{
		{"", 6, 6},
		{"sam", 6, 6},
		{"sam, kim", 6, 3},
		{"sam, kim, ana", 6, 2},
		{"sam, kim", 0, 0},
	} {
		in := Initiative{Owner: c.owner, Effort: Effort{Value: c.effort, Set: true}}
		if _, got := in.OwnerShares(); got != c.want {
			t.Errorf("OwnerShares(%q, %v) = %v, want %v", c.owner, c.effort, got, c.want)
		}
	}
}

// TestNormalizeOwnerInNormalize: every write path (add, edit, CSV import)
// goes through Initiative.Normalize, which stores the owner normalised and
// checks the normalised length.
func TestNormalizeOwnerInNormalize(t *testing.T) {
	in := Initiative{Title: "T", Domain: "automation", Level: 1, Owner: " sam,kim,,Sam "}
	got, err := in.Normalize(testModel)
	if err != nil || got.Owner != "sam, kim" {
		t.Fatalf("Normalize owner = %q, %v; want \"sam, kim\"", got.Owner, err)
	}
	// 51 names of one letter: 101 characters once each comma gains its space.
	var names []string
	for i := range 51 {
		names = append(names, string(rune('A'+i%26))+string(rune('a'+i/26)))
	}
	in.Owner = strings.Join(names, ",")
	if _, err := in.Normalize(testModel); err == nil || !strings.Contains(err.Error(), "owner is") {
		t.Fatalf("Normalize of a long owner list: err = %v, want the length error", err)
	}
}

// FuzzOwners: NormalizeOwner is idempotent, keeps every name HasOwner
// finds, and its names are exactly Owners.
func FuzzOwners(f *testing.F) {
	for _, s := range []string{"", "sam", "sam,kim", " sam , , Kim,SAM", "samantha, sam", ",", "é, É"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeOwner(s)
		if again := NormalizeOwner(n); again != n {
			t.Fatalf("NormalizeOwner not idempotent: %q → %q → %q", s, n, again)
		}
		names := Owners(s)
		if !slices.Equal(Owners(n), names) {
			t.Fatalf("Owners(%q) = %q, Owners(%q) = %q", s, names, n, Owners(n))
		}
		if strings.Join(names, ", ") != n && strings.Contains(s, ",") {
			t.Fatalf("NormalizeOwner(%q) = %q, names %q", s, n, names)
		}
		for _, name := range names {
			if name == "" || name != strings.TrimSpace(name) || strings.Contains(name, ",") {
				t.Fatalf("Owners(%q) holds %q", s, name)
			}
			if !HasOwner(s, name) || !HasOwner(n, name) {
				t.Fatalf("HasOwner(%q/%q, %q) = false", s, n, name)
			}
			if utf8.ValidString(name) && !HasOwner(n, strings.ToUpper(name)) && strings.EqualFold(strings.ToUpper(name), name) {
				t.Fatalf("HasOwner(%q, upper %q) = false", n, name)
			}
		}
	})
}

func TestRoadmapPeople(t *testing.T) {
	r := newRoadmap(nil,
		effortOf(ini(1, "automation", 1, Planned, ""), 1, "sam, Kim"),
		effortOf(ini(2, "automation", 1, Planned, ""), 1, "kim"),
		effortOf(ini(3, "automation", 1, Dropped, ""), 1, "ana"),
		ini(4, "automation", 1, Planned, ""),
	)
	r.Capacity = NewCapacity([]CapacityFigure{{Owner: "Lee", Effort: 5}, {Owner: "SAM", Effort: 3}})
	mustEqual(t, "people", r.People(), []string{"ana", "Kim", "Lee", "sam"})
	mustEqual(t, "nobody", newRoadmap(nil).People(), []string(nil))
}
