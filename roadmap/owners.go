package roadmap

import (
	"cmp"
	"slices"
	"strings"
)

// An initiative's owner field holds one or more names separated by commas
// ("sam, kim"). This file is the one home of that rule: how the field is
// stored (NormalizeOwner), read (Owners) and matched (HasOwner).

// NormalizeOwner returns the owner field in its stored form: each name
// trimmed of surrounding space, empty names dropped, the names kept in
// their order and joined by ", ". A name given twice (compared as HasOwner
// does, ignoring case) is kept once, in its first spelling: "sam,kim, Sam"
// becomes "sam, kim". It does not validate the text (CleanLine does).
func NormalizeOwner(s string) string {
	if !strings.Contains(s, ",") {
		return strings.TrimSpace(s)
	}
	return strings.Join(Owners(s), ", ")
}

// Owners returns the names in an owner field, in order, each trimmed, with
// empty names and repeats (ignoring case) left out; nil when there is none.
func Owners(s string) []string {
	var names []string
	for name := range strings.SplitSeq(s, ",") {
		name = strings.TrimSpace(name)
		if name == "" || hasName(names, name) {
			continue
		}
		names = append(names, name)
	}
	return names
}

// HasOwner reports whether name (trimmed) is one of the names in the owner
// field owner, ignoring case and comparing whole names: "sam" matches
// "Sam" and "sam, kim" but never "samantha". An empty name matches nothing.
func HasOwner(owner, name string) bool {
	name = strings.TrimSpace(name)
	if name == "" {
		return false
	}
	for o := range strings.SplitSeq(owner, ",") {
		if strings.EqualFold(strings.TrimSpace(o), name) {
			return true
		}
	}
	return false
}

// OwnerShares returns the initiative's owners (Owners) and the part of
// its effort that falls to each of them: the effort split evenly among
// them (the whole effort when it has no owner). The field is split once
// for both.
func (in *Initiative) OwnerShares() (names []string, share float64) {
	names = Owners(in.Owner)
	return names, in.Effort.Value / float64(max(1, len(names)))
}

func hasName(names []string, name string) bool {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// ownerKey is the key under which two spellings of a name are the same
// person (as HasOwner compares them), for maps of people.
func ownerKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// People returns everyone the roadmap names: the owners of its
// initiatives and the people with a capacity figure, each once (as
// HasOwner compares names, in the first spelling met), in name order
// ignoring case.
func (r *Roadmap) People() []string {
	// Most owner fields repeat: only each distinct spelling is split.
	seen := map[string]bool{}
	var fields []string
	for i := range r.Initiatives {
		if o := r.Initiatives[i].Owner; o != "" && !seen[o] {
			seen[o] = true
			fields = append(fields, o)
		}
	}
	fields = append(fields, r.Capacity.People()...)
	out := Owners(strings.Join(fields, ","))
	slices.SortStableFunc(out, compareNames)
	return out
}

// compareNames orders people's names ignoring case.
func compareNames(a, b string) int { return cmp.Compare(ownerKey(a), ownerKey(b)) }
