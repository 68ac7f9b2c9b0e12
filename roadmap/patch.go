package roadmap

import (
	"cmp"
	"maps"
	"slices"
	"sort"
	"strconv"
)

// Patch is a change to some fields of an initiative; nil fields stay as
// they are. AddDeps and RemoveDeps change the dependencies relative to the
// current ones, so concurrent edits of other fields do not undo them.
type Patch struct {
	Title       *string
	Description *string
	Domain      *string
	Level       *int
	Quarter     *Quarter
	Owner       *string
	Effort      *Effort
	DependsOn   *[]int64 // replaces the dependencies
	AddDeps     []int64
	RemoveDeps  []int64
}

// Empty reports whether the patch changes nothing.
func (p Patch) Empty() bool {
	return p.Title == nil && p.Description == nil && p.Domain == nil && p.Level == nil &&
		p.Quarter == nil && p.Owner == nil && p.Effort == nil && p.DependsOn == nil &&
		len(p.AddDeps) == 0 && len(p.RemoveDeps) == 0
}

// Apply returns in with the patch applied. It does not validate; call
// Normalize on the result.
func (p Patch) Apply(in Initiative) Initiative {
	if p.Title != nil {
		in.Title = *p.Title
	}
	if p.Description != nil {
		in.Description = *p.Description
	}
	if p.Domain != nil {
		in.Domain = *p.Domain
	}
	if p.Level != nil {
		in.Level = *p.Level
	}
	if p.Quarter != nil {
		in.Quarter = *p.Quarter
	}
	if p.Owner != nil {
		in.Owner = *p.Owner
	}
	if p.Effort != nil {
		in.Effort = *p.Effort
	}
	deps := slices.Clone(in.DependsOn)
	if p.DependsOn != nil {
		deps = slices.Clone(*p.DependsOn)
	}
	deps = append(deps, p.AddDeps...)
	if len(p.RemoveDeps) > 0 {
		deps = slices.DeleteFunc(deps, func(id int64) bool { return slices.Contains(p.RemoveDeps, id) })
	}
	in.DependsOn = SortIDs(deps)
	return in
}

// FieldChange is one field of an initiative changing value, as text.
type FieldChange struct {
	Field string
	Old   string
	New   string
}

// Diff lists the fields that differ between two versions of an
// initiative, in a fixed order. Timestamps and the version are not fields.
func Diff(old, new Initiative) []FieldChange {
	var out []FieldChange
	add := func(field, a, b string) {
		if a != b {
			out = append(out, FieldChange{field, a, b})
		}
	}
	add("title", old.Title, new.Title)
	add("description", old.Description, new.Description)
	add("domain", old.Domain, new.Domain)
	add("level", itoa(old.Level), itoa(new.Level))
	add("quarter", old.Quarter.String(), new.Quarter.String())
	add("status", string(old.Status), string(new.Status))
	add("owner", old.Owner, new.Owner)
	add("effort", old.Effort.String(), new.Effort.String())
	add("depends_on", FormatIDs(old.DependsOn, ","), FormatIDs(new.DependsOn, ","))
	return out
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// Put inserts or replaces an initiative in the roadmap, keeping it sorted
// by id. It is for computing "what if" on a roadmap the caller owns.
func (r *Roadmap) Put(in Initiative) {
	if i, ok := r.byID[in.ID]; ok {
		r.Initiatives[i] = in
		r.dom[i] = r.domainOf(in.Domain)
		r.reindexDeps()
		return
	}
	r.Initiatives = append(r.Initiatives, in)
	r.dom = append(r.dom, r.domainOf(in.Domain))
	if n := len(r.Initiatives); n > 1 && r.Initiatives[n-2].ID > in.ID {
		sort.Slice(r.Initiatives, func(i, j int) bool { return r.Initiatives[i].ID < r.Initiatives[j].ID })
		r.reindex()
		return
	}
	r.byID[in.ID] = len(r.Initiatives) - 1
	r.reindexDeps() // a new id may resolve a dependency that was unknown
}

// With returns a new roadmap: r with the initiatives of put in place of
// those of their ids (or added), and without those of the ids in remove.
// r is left as it is, so that it can still be read while the new one is
// made: the initiatives are copied, and the indexes built again only as
// far as the change needs (a new or removed initiative, or changed
// dependencies). The result is what New gives for the same initiatives.
func (r *Roadmap) With(put []Initiative, remove []int64) *Roadmap {
	out := &Roadmap{Model: r.Model, Baseline: r.Baseline, Assessment: r.Assessment, Capacity: r.Capacity, Initiatives: slices.Clone(r.Initiatives),
		byID: maps.Clone(r.byID), dom: slices.Clone(r.dom), deps: r.deps, depStart: r.depStart}
	n := len(r.Initiatives)
	reindex, redeps, appended := false, false, false
	for _, in := range put {
		i, ok := out.byID[in.ID]
		switch {
		case ok:
			redeps = redeps || !slices.Equal(in.DependsOn, out.Initiatives[i].DependsOn)
			out.Initiatives[i] = in
			out.dom[i] = out.domainOf(in.Domain)
		case len(out.Initiatives) == 0 || out.Initiatives[len(out.Initiatives)-1].ID < in.ID:
			// A new id after all others (as the store gives them) keeps
			// every index as it is.
			out.byID[in.ID] = len(out.Initiatives)
			out.Initiatives = append(out.Initiatives, in)
			out.dom = append(out.dom, out.domainOf(in.Domain))
			appended = true
		default:
			out.Initiatives = append(out.Initiatives, in)
			reindex = true
		}
	}
	if len(remove) > 0 {
		before := len(out.Initiatives)
		out.Initiatives = slices.DeleteFunc(out.Initiatives, func(in Initiative) bool { return slices.Contains(remove, in.ID) })
		reindex = reindex || len(out.Initiatives) != before
	}
	switch {
	case reindex:
		byID := func(a, b Initiative) int { return cmp.Compare(a.ID, b.ID) }
		if !slices.IsSortedFunc(out.Initiatives, byID) {
			slices.SortFunc(out.Initiatives, byID)
		}
		out.reindex()
	case redeps || appended && slices.Contains(r.deps, -1): // a new id may resolve an unknown one
		out.reindexDeps()
	case appended:
		// Only new initiatives at the end: their dependencies are
		// appended to copies.
		out.deps, out.depStart = slices.Clip(r.deps), slices.Clip(r.depStart)
		for i := n; i < len(out.Initiatives); i++ {
			for _, id := range out.Initiatives[i].DependsOn {
				j, ok := out.byID[id]
				if !ok {
					j = -1
				}
				out.deps = append(out.deps, int32(j))
			}
			out.depStart = append(out.depStart, int32(len(out.deps)))
		}
	}
	return out
}

// Remove deletes an initiative from a roadmap the caller owns.
func (r *Roadmap) Remove(id int64) {
	i, ok := r.byID[id]
	if !ok {
		return
	}
	r.Initiatives = slices.Delete(r.Initiatives, i, i+1)
	r.reindex()
}
