package tui

import (
	"math"
	"slices"

	"github.com/charmbracelet/x/ansi"

	"maturity/roadmap"
)

// How the initiatives table shares its width among its columns. Each
// column needs the width of its widest cell and of its header; the
// sorted column's header has a sort arrow, the others none (reserving
// the arrow's 2 cells in every column left them blank while a column was
// cut). When every column's need and the title's minimum fit, each
// column gets its need and the title the rest. When not, the columns that
// may be cut start at their narrowest (cutTo) and the room above the
// title's minimum completes first the columns that lack least; when even
// that does not fit, the least important column goes.

// titleMin is the narrowest the title gets while other columns remain:
// 20 cells, or a fifth of a wide table.
func titleMin(width int) int { return max(20, width/5) }

// shareWidths picks, for a table width cells wide (the gutter excluded),
// the columns of cols that fit and their widths. needs[i] is what column
// i needs to show in full; the column that takes the rest (the title)
// needs nothing.
func shareWidths(cols []column, needs []int, width int) (idx, widths []int) {
	for i := range cols {
		idx = append(idx, i)
	}
	for {
		gaps := len(idx) - 1
		floor := 0 // what the columns other than the title take at their narrowest
		for _, i := range idx {
			if !cols[i].rest {
				floor += narrowest(cols[i], needs[i])
			}
		}
		room := width - gaps - floor // for the title and the columns' cut parts
		if room >= titleMin(width) || len(idx) <= 2 {
			return idx, share(cols, needs, idx, max(room-titleMin(width), 0), width-gaps)
		}
		// Drop the least important column still shown.
		worst := 0
		for j, i := range idx {
			if cols[i].priority > cols[idx[worst]].priority {
				worst = j
			}
		}
		idx = append(idx[:worst], idx[worst+1:]...)
	}
}

// narrowest is the width a column is cut to when the table is narrow:
// its need, or less for a column that may be cut.
func narrowest(c column, need int) int {
	if c.cutTo > 0 {
		return min(need, c.cutTo)
	}
	return need
}

// share gives the columns idx their widths: each its narrowest, then the
// spare cells to the columns cut, those that lack least first, then the
// rest of total to the title.
func share(cols []column, needs []int, idx []int, spare, total int) []int {
	widths := make([]int, len(idx))
	for j, i := range idx {
		if !cols[i].rest {
			widths[j] = narrowest(cols[i], needs[i])
		}
	}
	for spare > 0 {
		best := -1
		for j, i := range idx {
			if lack := needs[i] - widths[j]; !cols[i].rest && lack > 0 && (best < 0 || lack < needs[idx[best]]-widths[best]) {
				best = j
			}
		}
		if best < 0 {
			break
		}
		give := min(spare, needs[idx[best]]-widths[best])
		widths[best] += give
		spare -= give
	}
	used := 0
	for _, w := range widths {
		used += w
	}
	for j, i := range idx {
		if cols[i].rest {
			widths[j] = max(total-used, 1)
		}
	}
	return widths
}

// columnNeeds measures what each column needs to show its widest cell
// and its header (without a sort arrow) in full. Most are known from the
// model and the snapshot; the owners, the efforts and the statuses are
// read row by row.
func columnNeeds(cols []column, s *snapshot) []int {
	needs := make([]int, len(cols))
	for i, c := range cols {
		needs[i] = ansi.StringWidth(c.title)
		if c.need != nil {
			needs[i] = max(needs[i], c.need(s))
		}
	}
	return needs
}

// sortedNeeds returns needs with column sorted (-1 for none) widened to
// its header with a sort arrow, as the header shows it. needs itself is
// left as it is.
func sortedNeeds(cols []column, needs []int, sorted int) []int {
	if sorted < 0 {
		return needs
	}
	out := slices.Clone(needs)
	out[sorted] = max(out[sorted], ansi.StringWidth(cols[sorted].title+sortArrow))
	return out
}

// sortArrow is what the sorted column's header ends with (ascending; ↓
// descending, as wide).
const sortArrow = " ↑"

// The needs of the columns that have one.

func idNeed(s *snapshot) int {
	var top int64
	for i := range s.r.Initiatives {
		top = max(top, s.r.Initiatives[i].ID)
	}
	return len("#") + digits(top)
}

// digits counts the digits of n, and its sign.
func digits(n int64) int {
	d := 1
	if n < 0 {
		d, n = 2, -n
	}
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}

func domainNeed(s *snapshot) int {
	n := 0
	for _, d := range s.r.Model.Domains {
		n = max(n, ansi.StringWidth(d.Key))
	}
	return n
}

func levelNeed(s *snapshot) int {
	n := 0
	for _, d := range s.r.Model.Domains {
		for _, l := range d.Levels {
			if l.Level > 0 {
				n = max(n, digits(int64(l.Level))+1+ansi.StringWidth(s.r.Model.LevelName(d.Key, l.Level)))
			}
		}
	}
	return n
}

func quarterNeed(s *snapshot) int {
	n := ansi.StringWidth(roadmap.Backlog.Label())
	for _, q := range s.columns {
		n = max(n, ansi.StringWidth(q.Label()))
	}
	return n
}

// statusNeed is the widest status an initiative has, with the ready mark
// when it is ready.
func statusNeed(s *snapshot) int {
	n, mark, top := 0, ansi.StringWidth(readyMark), 0
	for _, st := range roadmap.Statuses {
		top = max(top, len(st)+mark)
	}
	for i := range s.r.Initiatives {
		in := &s.r.Initiatives[i]
		w := len(in.Status) // a status is one of roadmap.Statuses, in ASCII
		if w+mark > n && s.ready[in.ID] {
			w += mark
		}
		if n = max(n, w); n == top {
			break // none is wider
		}
	}
	return n
}

func ownerNeed(s *snapshot) int {
	n, last := 0, ""
	for i := range s.r.Initiatives {
		in := &s.r.Initiatives[i]
		if in.Owner == last {
			continue
		}
		last = in.Owner
		n = max(n, textWidth(in.Owner))
	}
	return n
}

func effortNeed(s *snapshot) int {
	n := 0
	for i := range s.r.Initiatives {
		e := s.r.Initiatives[i].Effort
		if !e.Set {
			continue
		}
		if e.Value == math.Trunc(e.Value) && math.Abs(e.Value) < 1e15 {
			// A whole number, as most are: its digits, without formatting it.
			n = max(n, digits(int64(e.Value)))
			continue
		}
		n = max(n, len(e.String()))
	}
	return n
}

// warnNeed counts the digits of the number of warnings, which no
// initiative has more of: the header is wider up to a million.
func warnNeed(s *snapshot) int { return digits(int64(len(s.warnings))) }

// textWidth is the cells a field of the user's takes on screen: as many
// as its bytes for printable ASCII, as most are.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' {
			return ansi.StringWidth(roadmap.Printable(s))
		}
	}
	return len(s)
}
