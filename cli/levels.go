package cli

import (
	"fmt"
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
	Domain   string        `json:"domain"`
	Name     string        `json:"name"`
	Level    levelJSON     `json:"level"`
	Baseline int           `json:"baseline"`
	Next     *levelJSON    `json:"next"`
	Done     int           `json:"done"`
	Total    int           `json:"total"`
	Blockers []blockerJSON `json:"blockers"`
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
		Long: `levels shows, for each domain, the level reached, the next level, how many of
its initiatives are done, and the cross-domain prerequisites that block it;
then the overall stage.

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
			if format == "json" {
				out := levelsJSON{Stage: levelJSON{st.Stage, m.StageName(st.Stage)}}
				for _, d := range st.Domains {
					j := domainStateJSON{Domain: d.Domain, Name: m.Domain(d.Domain).Name,
						Level: levelJSON{d.Level, m.LevelName(d.Domain, d.Level)}, Baseline: d.Baseline,
						Done: d.Done, Total: d.Total, Blockers: []blockerJSON{}}
					if !d.AtTop() {
						j.Next = &levelJSON{d.Next, m.LevelName(d.Domain, d.Next)}
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
			for _, d := range st.Domains {
				next, progress, blockers := "-", "-", ""
				if !d.AtTop() {
					next = fmt.Sprintf("%d %s", d.Next, m.LevelName(d.Domain, d.Next))
					progress = fmt.Sprintf("%d/%d", d.Done, d.Total)
					if d.Total == 0 {
						progress = "0/0 (none planned)"
					}
					blockers = blockerText(m, d.Blockers)
				}
				rows = append(rows, []string{d.Domain, fmt.Sprintf("%d %s", d.Level, m.LevelName(d.Domain, d.Level)),
					next, progress, blockers})
			}
			if err := writeTable(a.Stdout, []string{"DOMAIN", "LEVEL", "NEXT", "PROGRESS", "BLOCKED BY"}, rows); err != nil {
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
	Expected *string `json:"expected_in"`
}

type domainHistoryJSON struct {
	Domain string          `json:"domain"`
	Levels []levelDateJSON `json:"levels"`
}

// levelHistory prints when each level was reached or is expected.
func (a *App) levelHistory(cmd *cobra.Command, format string) error {
	st, r, err := a.load(cmd.Context())
	if err != nil {
		return err
	}
	as, err := st.Assessments(cmd.Context())
	if err != nil {
		return err
	}
	dates := r.LevelDates(toAssessed(as), r.Project(a.Quarter()))
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
				if !ld.Reached && ld.Expected.Planned {
					s := ld.Expected.Quarter.String()
					j.Expected = &s
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
			rows = append(rows, []string{"  " + fmt.Sprint(l), dom.Levels[l].Name, levelDateText(ld, l, a.Quarter())})
		}
		if err := writeTableNoHeader(&b, rows); err != nil {
			return err
		}
	}
	_, err = fmt.Fprint(a.Stdout, b.String())
	return err
}

// levelDateText says when a level was or will be reached.
func levelDateText(ld roadmap.LevelDate, level int, today roadmap.Quarter) string {
	switch {
	case ld.Reached && ld.At.IsZero():
		if level == 0 {
			return "start"
		}
		return "reached"
	case ld.Reached:
		s := "reached " + ld.At.Local().Format("2006-01-02")
		if ld.Assessed {
			s += " (assessed)"
		}
		return s
	case ld.Expected.Planned && ld.Expected.Quarter.Before(today):
		return "expected in " + ld.Expected.Quarter.String() + " (late)"
	case ld.Expected.Planned:
		return "expected in " + ld.Expected.Quarter.String()
	}
	return "not in the plan"
}

func toAssessed(as []store.Assessment) []roadmap.Assessed {
	out := make([]roadmap.Assessed, len(as))
	for i, x := range as {
		out[i] = roadmap.Assessed{Domain: x.Domain, Level: x.Level, At: x.At}
	}
	return out
}

// blockerText lists unmet prerequisites: "needs governance ≥ 2 (Static
// Checks), now 1; …".
func blockerText(m *roadmap.Model, bs []roadmap.Blocker) string {
	if len(bs) == 0 {
		return ""
	}
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = fmt.Sprintf("%s, now %d", m.DescribeLevel(b.Prerequisite), b.Now)
	}
	return "needs " + strings.Join(parts, "; ")
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
				out := []planJSON{toPlanJSON(m, "now", p.Now)}
				for i, q := range p.Quarters {
					out = append(out, toPlanJSON(m, q.String(), p.At[i]))
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
			return writeTable(a.Stdout, header, rows)
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
