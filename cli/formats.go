package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"maturity/roadmap"
)

// writeMarkdown writes the roadmap as a Markdown document for reviews:
// where each domain stands, then one table per quarter with the projected
// levels at its end, then the backlog and the warnings.
func writeMarkdown(w io.Writer, r *roadmap.Roadmap, ws []roadmap.Warning, today time.Time, q roadmap.Quarter) error {
	m := r.Model
	var b strings.Builder
	st := r.State()
	p := r.Project(q)
	byInit := roadmap.ByInitiative(ws)

	fmt.Fprintf(&b, "# Platform maturity roadmap\n\n")
	fmt.Fprintf(&b, "As of %s. Overall stage: **%d %s**.\n\n", today.Format("2006-01-02"), st.Stage, mdText(m.StageName(st.Stage)))
	b.WriteString("## Where each domain stands\n\n")
	b.WriteString("| Domain | Level | Evidenced | Next | Progress | Criteria | Blocked by |\n|---|---|---|---|---|---|---|\n")
	for _, d := range st.Domains {
		next, progress, evidenced, criteria := "—", "—", "—", "—"
		if !d.AtTop() {
			next = fmt.Sprintf("%d %s", d.Next, m.LevelName(d.Domain, d.Next))
			progress = fmt.Sprintf("%d/%d", d.Done, d.Total)
		}
		if d.HasCriteria {
			evidenced = fmt.Sprintf("%d %s", d.Evidenced, m.LevelName(d.Domain, d.Evidenced))
		}
		if t := d.CriteriaText(); t != "" {
			criteria = t
		}
		fmt.Fprintf(&b, "| %s | %d %s | %s | %s | %s | %s | %s |\n", mdText(m.Domain(d.Domain).Name), d.Level,
			mdText(m.LevelName(d.Domain, d.Level)), mdText(evidenced), mdText(next), progress, criteria, mdText(m.BlockerText(d.Blockers)))
	}

	sorted := r.Sorted()
	i := 0
	section := func(title string, levels roadmap.Levels, match func(*roadmap.Initiative) bool) {
		fmt.Fprintf(&b, "\n## %s\n\n", title)
		if levels != nil {
			parts := make([]string, len(m.Domains))
			for d, dom := range m.Domains {
				parts[d] = fmt.Sprintf("%s %d %s", dom.Key, levels[d], m.LevelName(dom.Key, levels[d]))
			}
			fmt.Fprintf(&b, "Projected at the end of the quarter: %s.\n\n", mdText(strings.Join(parts, ", ")))
		}
		start := i
		for i < len(sorted) && match(sorted[i]) {
			i++
		}
		if i == start {
			b.WriteString("Nothing scheduled.\n")
			return
		}
		b.WriteString("| # | Initiative | Domain | Level | Status | Owner | Effort | Warnings |\n|---|---|---|---|---|---|---|---|\n")
		for _, in := range sorted[start:i] {
			fmt.Fprintf(&b, "| %d | %s | %s | %d %s | %s | %s | %s | %s |\n", in.ID, mdText(in.Title), mdText(in.Domain), in.Level,
				mdText(m.LevelName(in.Domain, in.Level)), in.Status, mdText(in.Owner), in.Effort.String(),
				mdText(roadmap.WarningCodes(byInit[in.ID], ", ")))
		}
	}
	for _, quarter := range r.Span(q) {
		quarter := quarter
		section(quarter.String(), p.LevelsAt(quarter), func(in *roadmap.Initiative) bool { return in.Quarter == quarter })
	}
	section("Backlog", nil, func(in *roadmap.Initiative) bool { return true })

	b.WriteString("\n## Warnings\n\n")
	if len(ws) == 0 {
		b.WriteString("None.\n")
	}
	for _, wr := range ws {
		fmt.Fprintf(&b, "- **%s** `%s`: %s\n", wr.Severity, mdText(wr.Code), mdText(wr.Message()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
