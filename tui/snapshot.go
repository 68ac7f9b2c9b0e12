package tui

import (
	"maturity/internal/progname"
	"maturity/report"
	"maturity/roadmap"
	"maturity/store"
)

// snapshot is the roadmap as loaded plus everything computed from it. The
// views only read it; a change makes a new snapshot (in a command, off the
// Update path), so no view ever sees half of one.
type snapshot struct {
	r        *roadmap.Roadmap
	today    roadmap.Quarter
	state    roadmap.State
	proj     roadmap.Projection
	warnings []roadmap.Warning // errors first
	byInit   map[int64]warnMark
	errors   int                   // how many warnings are errors
	sorted   []*roadmap.Initiative // roadmap order
	order    []int32               // where sorted points: indexes into r.Initiatives
	// ready holds the ids of the initiatives that could be marked done
	// now (roadmap.Ready).
	ready map[int64]bool
	// columns are the quarters the board shows: every quarter from the
	// earliest scheduled one (or today's, if earlier) to the latest.
	columns []roadmap.Quarter
	// colLevels[i] is the levels at the end of columns[i]: reached, for
	// a past quarter, projected for the others (columnLevels).
	colLevels []roadmap.Levels
	abbrev    []string // a short name per domain, for column headers
	// loads is what each column has booked against its capacity, and
	// who the board can be narrowed to (capacity_load.go). Computed with
	// the rest: right after a save (withRows) it still describes the
	// roadmap before the change, as the levels do, until settle.
	loads
	// command writes a maturity command as the user types it for this
	// roadmap (Options.Command), for the hints that name one.
	command func(args string) string

	assessed []roadmap.Assessed
	// dates says when each level of each domain was reached or is
	// expected (model order).
	dates [][roadmap.MaxLevel + 1]roadmap.LevelDate
	// standing is where the roadmap stands, as the report says it: the
	// stage, each domain's row and the summary's sentences.
	standing report.Standing

	// version is the state of the database the rows are of.
	version store.Version
	// settled is set when every field is computed from r. Right after a
	// save it is not (withRows): the rows, their order and the columns
	// are new, the rest still describes the roadmap before the change,
	// until settle replaces the snapshot.
	settled bool
}

// newSnapshotWith computes everything the views show; the assessments
// date the levels they set.
func newSnapshotWith(r *roadmap.Roadmap, today roadmap.Quarter, assessed []roadmap.Assessed) *snapshot {
	s := &snapshot{r: r, today: today, assessed: assessed, settled: true}
	s.state = r.State()
	s.proj = r.Project(today)
	s.warnings = r.CheckWith(today, s.proj)
	// Only counts and the worst severity per initiative: grouping copies
	// of the warnings themselves took a third of the first frame at 100k.
	s.byInit = make(map[int64]warnMark)
	for _, w := range s.warnings {
		id := w.Subject.ID()
		if id == 0 {
			continue
		}
		c := s.byInit[id]
		c.n++
		if w.Severity == roadmap.SeverityError {
			c.worst = 2
		} else {
			c.worst = max(c.worst, 1)
		}
		s.byInit[id] = c
	}
	s.errors, _ = roadmap.CountBySeverity(s.warnings)
	s.order = r.Order()
	s.sorted = r.InOrder(s.order)
	s.ready = map[int64]bool{}
	for i := range r.Initiatives {
		if in := &r.Initiatives[i]; r.Ready(in, s.state.Levels) {
			s.ready[in.ID] = true
		}
	}

	s.columns = r.Span(today)
	s.abbrev = abbreviations(r.Model)
	s.dates = r.LevelDates(assessed, s.proj)
	s.standing = report.NewStanding(r, s.state, s.proj, s.warnings, s.dates, today)
	s.colLevels = columnLevels(s.proj, s.dates, today, s.columns)
	s.loads = newLoads(r, s.columns)
	return s
}

// columnLevels returns the levels at the end of each column: for a
// quarter before today's, the levels reached by then, read from dates
// (pastLevels); for today's and later ones, the projection.
func columnLevels(p roadmap.Projection, dates [][roadmap.MaxLevel + 1]roadmap.LevelDate, today roadmap.Quarter, columns []roadmap.Quarter) []roadmap.Levels {
	out := make([]roadmap.Levels, len(columns))
	for i, q := range columns {
		if q.Before(today) && len(dates) > 0 {
			out[i] = pastLevels(dates, q)
		} else {
			out[i] = p.LevelsAt(q)
		}
	}
	return out
}

// pastLevels returns, per domain, the highest level reached by the end
// of quarter q, as dates have it: the levels reached now, each from the
// moment it was last reached. A level reached then and lost since (an
// initiative reopened, an answer changed) does not count.
func pastLevels(dates [][roadmap.MaxLevel + 1]roadmap.LevelDate, q roadmap.Quarter) roadmap.Levels {
	until := roadmap.AsOfEnd(q).Until
	out := make(roadmap.Levels, len(dates))
	for d := range dates {
		for l := 0; l <= roadmap.MaxLevel; l++ {
			if ld := dates[d][l]; !ld.Reached || !ld.At.IsZero() && !ld.At.Before(until) {
				break
			}
			out[d] = l
		}
	}
	return out
}

// abbreviations gives each domain the shortest prefix of its name, at
// least one letter, that no other domain shares.
func abbreviations(m *roadmap.Model) []string {
	out := make([]string, len(m.Domains))
	for n := 1; n <= 4; n++ {
		seen := map[string]int{}
		for i, d := range m.Domains {
			r := []rune(d.Name)
			out[i] = string(r[:min(n, len(r))])
			seen[out[i]]++
		}
		unique := true
		for _, c := range seen {
			unique = unique && c == 1
		}
		if unique {
			break
		}
	}
	return out
}

// domainIndex returns the model index of an initiative's domain.
func (s *snapshot) domainIndex(in *roadmap.Initiative) int {
	d, ok := s.r.Model.DomainIndex(in.Domain)
	if !ok {
		return -1
	}
	return d
}

// warnMark is what the views show of an initiative's warnings.
type warnMark struct {
	n     int // how many
	worst int // 2 error, 1 warning, 0 none
}

// worst returns the severity mark for an initiative: 2 error, 1 warning,
// 0 none.
func (s *snapshot) worst(id int64) int { return s.byInit[id].worst }

// hintCommand writes a maturity command for this roadmap as the user
// would type it (Options.Command), for a hint.
func (s *snapshot) hintCommand(args string) string {
	if s.command == nil {
		return progname.Command(args)
	}
	return s.command(args)
}
