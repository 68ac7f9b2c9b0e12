package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"maturity/roadmap"
	"maturity/store"
)

type levelJSON struct {
	Level int    `json:"level"`
	Name  string `json:"name"`
}

type blockerJSON struct {
	Domain   string    `json:"domain"`
	Requires levelJSON `json:"requires"`
	Now      levelJSON `json:"now"`
}

type domainStateJSON struct {
	Domain    string        `json:"domain"`
	Name      string        `json:"name"`
	Level     levelJSON     `json:"level"`
	Baseline  int           `json:"baseline"`
	Evidenced *levelJSON    `json:"evidenced"` // null when the domain has no criteria
	Next      *nextJSON     `json:"next"`
	Done      int           `json:"done"`
	Total     int           `json:"total"`
	Criteria  *criteriaJSON `json:"criteria"` // of the next level; null when it has none
	Blockers  []blockerJSON `json:"blockers"`
}

// criteriaJSON counts the criteria of a level that are met.
type criteriaJSON struct {
	Met   int `json:"met"`
	Total int `json:"total"`
}

// nextJSON is a domain's next level and when the plan expects it.
type nextJSON struct {
	levelJSON
	expectedJSON
}

// expectedJSON says when the plan reaches a level not reached yet: the
// quarter, or why no quarter does; for a level reached, every field is
// null.
type expectedJSON struct {
	Expected   *string        `json:"expected"` // the sentence: "in 2027-Q1", "not planned: …"
	ExpectedIn *string        `json:"expected_in"`
	Unplanned  *unplannedJSON `json:"unplanned"`
}

// unplannedJSON is why the plan never reaches a level: cause "deadlock",
// "backlog" (with the initiative) or "untargeted" (with the level).
type unplannedJSON struct {
	Cause      string `json:"cause"`
	Initiative int64  `json:"initiative,omitempty"`
	Domain     string `json:"domain,omitempty"`
	Level      int    `json:"level,omitempty"`
}

func toExpectedJSON(w roadmap.Reach, today roadmap.Quarter) expectedJSON {
	text := w.Text(today)
	j := expectedJSON{Expected: &text}
	if w.Planned && !w.Now {
		q := w.Quarter.String()
		j.ExpectedIn = &q
	}
	switch u := w.Why; {
	case u == nil:
	case u.Deadlock:
		j.Unplanned = &unplannedJSON{Cause: "deadlock"}
	case u.Backlog != nil:
		j.Unplanned = &unplannedJSON{Cause: "backlog", Initiative: u.Backlog.ID}
	case u.Untargeted.Domain != "":
		j.Unplanned = &unplannedJSON{Cause: "untargeted", Domain: u.Untargeted.Domain, Level: u.Untargeted.Level}
	}
	return j
}

type levelsJSON struct {
	Domains []domainStateJSON `json:"domains"`
	Stage   levelJSON         `json:"stage"`
}

func (a *App) levelsCommand() *cobra.Command {
	var format string
	var history bool
	cmd := &cobra.Command{
		Use:   "levels [--history]",
		Short: "Show the level each domain has reached, progress to the next, and what blocks it",
		Long: `levels shows, for each domain, the level reached, the level its criteria
support (evidenced; see 'assess'), the next level, how many of its
initiatives are done, how many of its criteria are met, and the
cross-domain prerequisites that block it; then the overall stage.

With --history it lists, for each domain, the date each level was reached
(from when initiatives were finished and from assessments) and, for the
levels not reached yet, the quarter the plan expects them in.`,
		Example: "  maturity levels\n  maturity levels --history --format json",
		Args:    args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			if history {
				return a.levelHistory(cmd, format)
			}
			r, err := a.loadSummary(cmd.Context())
			if err != nil {
				return err
			}
			m := r.Model
			st := r.State()
			today := a.Quarter()
			p := r.Project(today)
			if format == "json" {
				out := levelsJSON{Stage: levelJSON{st.Stage, m.StageName(st.Stage)}}
				for di, d := range st.Domains {
					j := domainStateJSON{Domain: d.Domain, Name: m.Domain(d.Domain).Name,
						Level: levelJSON{d.Level, m.LevelName(d.Domain, d.Level)}, Baseline: d.Baseline,
						Done: d.Done, Total: d.Total, Blockers: []blockerJSON{}}
					if !d.AtTop() {
						j.Next = &nextJSON{levelJSON{d.Next, m.LevelName(d.Domain, d.Next)}, toExpectedJSON(p.When(di, d.Next), today)}
					}
					if d.HasCriteria {
						j.Evidenced = &levelJSON{d.Evidenced, m.LevelName(d.Domain, d.Evidenced)}
					}
					if d.Criteria > 0 {
						j.Criteria = &criteriaJSON{d.CriteriaMet, d.Criteria}
					}
					for _, b := range d.Blockers {
						j.Blockers = append(j.Blockers, blockerJSON{Domain: b.Domain,
							Requires: levelJSON{b.Level, m.LevelName(b.Domain, b.Level)},
							Now:      levelJSON{b.Now, m.LevelName(b.Domain, b.Now)}})
					}
					out.Domains = append(out.Domains, j)
				}
				return writeJSON(a.Stdout, out)
			}
			rows := make([][]string, 0, len(st.Domains))
			for di, d := range st.Domains {
				next, progress, expected, blockers, evidenced, criteria := "-", "-", "-", "", "-", "-"
				if !d.AtTop() {
					next = fmt.Sprintf("%d %s", d.Next, m.LevelName(d.Domain, d.Next))
					progress = fmt.Sprintf("%d/%d", d.Done, d.Total)
					expected = p.When(di, d.Next).Text(today)
					blockers = m.BlockerText(d.Blockers)
				}
				if d.HasCriteria {
					evidenced = fmt.Sprintf("%d %s", d.Evidenced, m.LevelName(d.Domain, d.Evidenced))
				}
				if d.Criteria > 0 {
					criteria = fmt.Sprintf("%d/%d met", d.CriteriaMet, d.Criteria)
				}
				rows = append(rows, []string{d.Domain, fmt.Sprintf("%d %s", d.Level, m.LevelName(d.Domain, d.Level)),
					evidenced, next, progress, criteria, expected, blockers})
			}
			if err := writeTable(a.Stdout, []string{"DOMAIN", "LEVEL", "EVIDENCED", "NEXT", "PROGRESS", "CRITERIA", "EXPECTED", "BLOCKED BY"}, rows); err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.Stdout, "\nOverall stage: %d %s\n", st.Stage, m.StageName(st.Stage))
			return err
		}),
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().BoolVar(&history, "history", false, "when each level was reached, and when the plan expects the rest")
	return cmd
}

type levelDateJSON struct {
	Level    int     `json:"level"`
	Name     string  `json:"name"`
	Reached  bool    `json:"reached"`
	At       *string `json:"reached_at"`
	Assessed bool    `json:"by_assessment"`
	expectedJSON
}

type domainHistoryJSON struct {
	Domain string          `json:"domain"`
	Levels []levelDateJSON `json:"levels"`
}

// levelHistory prints when each level was reached or is expected.
func (a *App) levelHistory(cmd *cobra.Command, format string) error {
	st, err := a.Store(cmd.Context())
	if err != nil {
		return err
	}
	r, as, err := st.LoadWithAssessments(cmd.Context())
	if err != nil {
		return err
	}
	today := a.Quarter()
	dates := r.LevelDates(store.Assessed(as), r.Project(today))
	m := r.Model
	if format == "json" {
		out := make([]domainHistoryJSON, len(m.Domains))
		for d, dom := range m.Domains {
			out[d] = domainHistoryJSON{Domain: dom.Key}
			for l, ld := range dates[d] {
				j := levelDateJSON{Level: l, Name: dom.Levels[l].Name, Reached: ld.Reached, Assessed: ld.Assessed}
				if ld.Reached && !ld.At.IsZero() {
					s := ld.At.UTC().Format(time.RFC3339)
					j.At = &s
				}
				if !ld.Reached {
					j.expectedJSON = toExpectedJSON(ld.Expected, today)
				}
				out[d].Levels = append(out[d].Levels, j)
			}
		}
		return writeJSON(a.Stdout, out)
	}
	var b strings.Builder
	for d, dom := range m.Domains {
		if d > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s\n", dom.Key)
		rows := make([][]string, 0, roadmap.MaxLevel+1)
		for l, ld := range dates[d] {
			when := ld.Text(l, today)
			if ld.Reached && ld.Assessed {
				when += " (assessed)"
			}
			rows = append(rows, []string{"  " + fmt.Sprint(l), dom.Levels[l].Name, when})
		}
		if err := writeTableNoHeader(&b, rows); err != nil {
			return err
		}
	}
	_, err = fmt.Fprint(a.Stdout, b.String())
	return err
}

// planOutJSON is plan's JSON: the levels of every quarter, and the next
// levels whose planned work can never finish, with why.
type planOutJSON struct {
	Quarters   []planJSON      `json:"quarters"`
	NotReached []unreachedJSON `json:"not_reached"`
}

// unreachedJSON is a level the plan's own work never reaches.
type unreachedJSON struct {
	Domain string `json:"domain"`
	levelJSON
	expectedJSON
}

type planJSON struct {
	Quarter string            `json:"quarter"`
	Levels  []domainLevelJSON `json:"levels"`
	Stage   levelJSON         `json:"stage"`
}

type domainLevelJSON struct {
	Domain string `json:"domain"`
	Level  int    `json:"level"`
	Name   string `json:"name"`
}

func (a *App) planCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Project each domain's level at the end of every quarter of the plan",
		Long: `plan shows, for each quarter from the current one (or the earliest scheduled,
if earlier) to the last scheduled one, the level each domain will have at
the end of that quarter if every initiative scheduled in or before it is
done. A level marked ↑ is reached in that quarter.`,
		Args: args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			r, err := a.loadSummary(cmd.Context())
			if err != nil {
				return err
			}
			m := r.Model
			p := r.Project(a.Quarter())
			if format == "json" {
				out := planOutJSON{Quarters: []planJSON{toPlanJSON(m, "now", p.Now)}, NotReached: []unreachedJSON{}}
				for i, q := range p.Quarters {
					out.Quarters = append(out.Quarters, toPlanJSON(m, q.String(), p.At[i]))
				}
				for _, u := range planEnd(m, p) {
					out.NotReached = append(out.NotReached, unreachedJSON{Domain: u.domain, levelJSON: levelJSON{u.level, m.LevelName(u.domain, u.level)},
						expectedJSON: toExpectedJSON(u.reach, a.Quarter())})
				}
				return writeJSON(a.Stdout, out)
			}
			header := []string{"QUARTER"}
			for _, d := range m.Domains {
				header = append(header, strings.ToUpper(d.Key))
			}
			header = append(header, "STAGE")
			row := func(label string, lv, prev roadmap.Levels) []string {
				cells := []string{label}
				for d, dom := range m.Domains {
					mark := ""
					if prev != nil && lv[d] > prev[d] {
						mark = " ↑"
					}
					cells = append(cells, fmt.Sprintf("%d %s%s", lv[d], m.LevelName(dom.Key, lv[d]), mark))
				}
				return append(cells, fmt.Sprintf("%d %s", lv.Stage(), m.StageName(lv.Stage())))
			}
			rows := [][]string{row("now", p.Now, nil)}
			prev := p.Now
			for i, q := range p.Quarters {
				label := q.String()
				if q == a.Quarter() {
					label += " (current)"
				}
				rows = append(rows, row(label, p.At[i], prev))
				prev = p.At[i]
			}
			if err := writeTable(a.Stdout, header, rows); err != nil {
				return err
			}
			return writePlanEnd(a.Stdout, m, p, a.Quarter())
		}),
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

func toPlanJSON(m *roadmap.Model, label string, lv roadmap.Levels) planJSON {
	j := planJSON{Quarter: label, Stage: levelJSON{lv.Stage(), m.StageName(lv.Stage())}}
	for d, dom := range m.Domains {
		j.Levels = append(j.Levels, domainLevelJSON{dom.Key, lv[d], m.LevelName(dom.Key, lv[d])})
	}
	return j
}

// writePlanEnd says, for each domain whose next level has initiatives that
// the plan never finishes, why: a deadlock, the backlog, or a level it
// waits for that nothing targets.
func writePlanEnd(w io.Writer, m *roadmap.Model, p roadmap.Projection, today roadmap.Quarter) error {
	var rows [][]string
	for _, u := range planEnd(m, p) {
		rows = append(rows, []string{"  " + u.domain, fmt.Sprintf("%d %s", u.level, m.LevelName(u.domain, u.level)), u.reach.Text(today)})
	}
	if len(rows) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("\nNot reached by the end of the plan:\n")
	if err := writeTableNoHeader(&b, rows); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// unreached is a domain's next level after the plan, which work planned
// for it (or for a level it waits for) can never finish.
type unreached struct {
	domain string
	level  int
	reach  roadmap.Reach
}

// planEnd lists, per domain, the next level after the plan when planned
// work can never reach it: a deadlock, the backlog, or a level it waits
// for that nothing targets.
func planEnd(m *roadmap.Model, p roadmap.Projection) []unreached {
	end := p.End()
	var out []unreached
	for d, dom := range m.Domains {
		if k := end[d] + 1; k <= roadmap.MaxLevel {
			if reach := p.When(d, k); !reach.Why.Unwanted() {
				out = append(out, unreached{dom.Key, k, reach})
			}
		}
	}
	return out
}
