package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"maturity/report"
	"maturity/roadmap"
)

// writeMarkdown writes the report model as a Markdown document for
// reviews: where each domain stands, then one table per quarter with the
// projected levels at its end, then the backlog and the warnings. Its
// facts and sentences are the HTML report's (report.Build); every text
// goes through mdText.
func writeMarkdown(w io.Writer, rep *report.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Platform maturity roadmap\n\n")
	fmt.Fprintf(&b, "As of %s. Overall stage: **%d %s**.\n\n", rep.Today.Format("2006-01-02"), rep.Stage.N, mdText(rep.Stage.Name))
	b.WriteString("## Where each domain stands\n\n")
	b.WriteString("| Domain | Level | Evidenced | Next | Progress | Criteria | Blocked by |\n|---|---|---|---|---|---|---|\n")
	orDash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	for _, d := range rep.Domains {
		next, progress, evidenced := "—", "—", "—"
		if d.Next != nil {
			next, progress = d.Next.String(), fmt.Sprintf("%d/%d", d.Done, d.Total)
		}
		if d.Evidenced != nil {
			evidenced = d.Evidenced.String()
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", mdText(d.Name), mdText(d.Level.String()), mdText(evidenced),
			mdText(next), progress, orDash(d.Criteria), mdText(d.Blockers))
	}
	section := func(title string, qp report.QuarterPlan) {
		fmt.Fprintf(&b, "\n## %s\n\n", title)
		if qp.Levels != nil {
			fmt.Fprintf(&b, "Projected at the end of the quarter: %s.\n\n", mdText(rep.LevelsText(qp.Levels)))
		}
		if len(qp.Initiatives) == 0 {
			b.WriteString("Nothing scheduled.\n")
			return
		}
		b.WriteString("| # | Initiative | Domain | Level | Status | Owner | Effort | Warnings |\n|---|---|---|---|---|---|---|---|\n")
		for _, in := range qp.Initiatives {
			row := rep.Row(in)
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s | %s |\n", row.ID, mdText(row.Title), mdText(row.Domain),
				mdText(row.Level.String()), row.Status, mdText(row.Owner), row.Effort, mdText(row.Warnings))
		}
	}
	for _, qp := range rep.SpanPlan() {
		section(qp.Quarter.String(), qp)
	}
	section("Backlog", rep.Backlog)

	b.WriteString("\n## Warnings\n\n")
	if len(rep.Warnings) == 0 {
		b.WriteString("None.\n")
	}
	for _, wr := range rep.Warnings {
		fmt.Fprintf(&b, "- **%s** `%s`: %s\n", wr.Severity, mdText(wr.Code), mdText(wr.Message()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownReport builds the report model the Markdown export renders, as
// of today.
func markdownReport(r *roadmap.Roadmap, today time.Time) *report.Report {
	return report.Build(r, report.Options{Today: today, Since: today})
}
