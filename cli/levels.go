package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"maturity/roadmap"
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
	cmd := &cobra.Command{
		Use:   "levels",
		Short: "Show the level each domain has reached, progress to the next, and what blocks it",
		Args:  args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			_, r, err := a.loadBrief(cmd.Context())
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
	return cmd
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
			_, r, err := a.loadBrief(cmd.Context())
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
