package roadmap

import (
	"io"
	"slices"
)

// RowSource is a roadmap CSV being read: which columns it has, and its
// rows in file order. CSVReader reads one from a file; CSVImport.Source
// gives one over rows in memory.
type RowSource interface {
	HasColumn(name string) bool
	// NextRow returns the next row, or io.EOF after the last.
	NextRow() (CSVRow, error)
}

// ImportOptions lift two of the import's refusals.
type ImportOptions struct {
	// Overwrite applies a row to an initiative that changed since the
	// file was exported (its version column is older than the stored one).
	Overwrite bool
	// AllowDuplicates creates a row without an id even when an initiative
	// with the same title, domain and level exists.
	AllowDuplicates bool
}

// ImportSink receives the changes of an import, one call per row that
// changes something, in file order, as StreamImport finds them. The
// initiatives passed are valid only during the call: a sink copies what
// it keeps. An error from the sink stops the import.
type ImportSink interface {
	// Create is a new initiative; ID 0 means the store assigns one.
	Create(line int, in *Initiative) error
	// Update is a change to an existing initiative.
	Update(c Change) error
}

// Change is an update of one initiative: Old is the initiative in the
// roadmap the import runs on, New is the initiative as the import leaves
// it, Line is the row's line in the file.
type Change struct {
	Line     int
	Old, New *Initiative
}

// ImportCounts is how many rows of an import create, update and match an
// initiative exactly.
type ImportCounts struct {
	Created, Updated, Unchanged int
}

// importEntry is what an import remembers of a row that names an id.
type importEntry struct {
	line int32
	node int32 // the row's node in the import graph, -1 for none yet
}

// StreamImport merges the rows of a roadmap CSV into the roadmap, reading
// them one at a time and telling sink about each change, so that neither
// the rows nor the changes need to be held in memory: a row whose id
// exists updates that initiative (columns missing from the file keep their
// values), a row with a new id creates an initiative with that id (and the
// version the file gives, so that a file exported elsewhere keeps its
// versions), and a row without an id creates one with a new id. Every row
// is validated, dependencies must name initiatives that exist after the
// import, and the result must have no dependency cycle; those last two are
// known only at the end of the file, after the sink has seen every change,
// so a caller applies the changes in a transaction that it rolls back
// when StreamImport fails. Two refusals protect newer work, unless opts
// lifts them: a row that would change an initiative whose stored version
// is newer than the row's version column (the initiative changed since
// the file was exported), and a row without an id whose title, domain and
// level are those of an existing initiative (the same file imported
// twice). The first problem fails the whole import with "line N: ...".
// The roadmap itself is not changed.
func (r *Roadmap) StreamImport(src RowSource, opts ImportOptions, sink ImportSink) (ImportCounts, error) {
	var counts ImportCounts
	has := map[string]bool{}
	for _, c := range CSVHeader {
		has[c] = src.HasColumn(c)
	}
	g := &importGraph{r: r, seen: map[int64]importEntry{}}
	var same map[dupKey]int64 // built at the first row without an id
	var next Initiative       // what is passed to the sink, reused from row to row
	for {
		row, err := src.NextRow()
		if err == io.EOF {
			break
		}
		if err != nil {
			return counts, err
		}
		fail := func(format string, args ...any) error {
			return at(row.Line, format, args...)
		}
		id := row.Initiative.ID
		var old *Initiative
		if row.HasID {
			if prev, dup := g.seen[id]; dup {
				return counts, fail("id %d appears twice (first on line %d)", id, prev.line)
			}
			old, _ = r.Get(id)
		}
		if old != nil {
			if next, err = overlay(*old, row.Initiative, has).Normalize(r.Model); err != nil {
				return counts, fail("%v", err)
			}
			g.seen[id] = importEntry{line: int32(row.Line), node: -1}
			if len(Diff(*old, next)) == 0 {
				counts.Unchanged++
				continue
			}
			if v := row.Initiative.Version; v > 0 && v < old.Version && !opts.Overwrite {
				return counts, fail("#%d changed since this file was exported (version %d, now %d); --overwrite to apply anyway",
					id, v, old.Version)
			}
			if has["depends_on"] && !slices.Equal(old.DependsOn, next.DependsOn) {
				g.replace(id, row.Line, next.DependsOn)
			}
			counts.Updated++
			if err := sink.Update(Change{Line: row.Line, Old: old, New: &next}); err != nil {
				return counts, err
			}
			continue
		}
		for _, c := range []string{"title", "domain", "level"} {
			if !has[c] {
				return counts, fail("a new initiative needs a %s column", c)
			}
		}
		next = row.Initiative
		if next.Status == "" {
			next.Status = Planned
		}
		if next, err = next.Normalize(r.Model); err != nil {
			return counts, fail("%v", err)
		}
		if row.HasID && next.ID >= MaxID {
			return counts, fail("id %d is too large for a new initiative: at most %d, so that add can always create one more", next.ID, int64(MaxID-1))
		}
		if !row.HasID && !opts.AllowDuplicates {
			if same == nil {
				same = make(map[dupKey]int64, len(r.Initiatives))
				for i := range r.Initiatives {
					same[keyOf(&r.Initiatives[i])] = r.Initiatives[i].ID
				}
			}
			if match, ok := same[keyOf(&next)]; ok {
				in, _ := r.Get(match)
				return counts, fail("a row without an id matches %s (%s): the same title, domain and level; --allow-duplicates to create another",
					in.Ref(), r.Model.TargetName(in))
			}
		}
		g.add(row.HasID, id, row.Line, next.DependsOn)
		counts.Created++
		if err := sink.Create(row.Line, &next); err != nil {
			return counts, err
		}
	}
	if err := g.checkDependencies(); err != nil {
		return counts, err
	}
	return counts, g.checkCycles()
}

// dupKey is what makes two initiatives look like the same one.
type dupKey struct {
	title, domain string
	level         int
}

func keyOf(in *Initiative) dupKey { return dupKey{in.Title, in.Domain, in.Level} }

// overlay copies the fields whose columns are present from row onto old.
func overlay(old, row Initiative, cols map[string]bool) Initiative {
	in := old
	if cols["title"] {
		in.Title = row.Title
	}
	if cols["description"] {
		in.Description = row.Description
	}
	if cols["domain"] {
		in.Domain = row.Domain
	}
	if cols["level"] {
		in.Level = row.Level
	}
	if cols["quarter"] {
		in.Quarter = row.Quarter
	}
	if cols["status"] {
		in.Status = row.Status
	}
	if cols["owner"] {
		in.Owner = row.Owner
	}
	if cols["effort"] {
		in.Effort = row.Effort
	}
	if cols["depends_on"] {
		in.DependsOn = slices.Clone(row.DependsOn)
	}
	return in
}

// ImportPlan is every change of an import, held in memory: for small
// imports and tests. Large ones stream (StreamImport).
type ImportPlan struct {
	ImportCounts
	Create []*Initiative
	Update []Change
}

// PlanImport runs StreamImport and returns its changes, without changing
// the roadmap.
func (r *Roadmap) PlanImport(src RowSource, opts ImportOptions) (*ImportPlan, error) {
	p := &ImportPlan{}
	counts, err := r.StreamImport(src, opts, p.Sink())
	if err != nil {
		return nil, err
	}
	p.ImportCounts = counts
	return p, nil
}

// Sink returns a sink that adds the changes it is told of to the plan.
func (p *ImportPlan) Sink() ImportSink { return planSink{p} }

// planSink collects the changes into a plan.
type planSink struct{ p *ImportPlan }

func (s planSink) Create(_ int, in *Initiative) error {
	c := *in
	s.p.Create = append(s.p.Create, &c)
	return nil
}

func (s planSink) Update(c Change) error {
	n := *c.New
	c.New = &n
	s.p.Update = append(s.p.Update, c)
	return nil
}
