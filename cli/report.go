package cli

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"maturity/report"
	"maturity/roadmap"
	"maturity/store"
)

// reportOptions are the flags of the report command.
type reportOptions struct {
	out, since, title string
	quarters          int
}

func (a *App) reportCommand() *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report [-o FILE] [--since DATE|QUARTER] [--quarters N] [--title TEXT]",
		Short: "Write a review of the roadmap as one self-contained HTML file with charts",
		Long: `report writes a review for leadership as one HTML file: a summary in plain
words, where each domain stands (a radar of the levels reached, evidenced
and planned, the ladder, when each level was reached), the plan by quarter
as a timeline, effort against capacity when capacity is set, the outcome
metrics with their bands, the changes since the last review (levels
reached, initiatives started, done, moved and dropped, forced overrides
with their reasons), the warnings, the assessment with its evidence, and
the initiatives by quarter.

The file needs nothing else: its styles and charts are inline, it has no
script and loads nothing, so it opens offline and can be mailed. Every
text in it is shown as text (a link in evidence is not made a link). It
prints on A4 and Letter, a section a page. To make a PDF or a picture,
open it in a browser, or run chromium --headless --print-to-pdf=FILE.pdf
on it.

The file is maturity-report-YYYY-MM-DD.html, dated by today (--today),
unless -o names one; -o - writes to standard output. --since is the last
review: a date, or a quarter for its first day (default: three months
before today). --quarters is how many quarters after today's it covers.`,
		Example: "  maturity report\n  maturity report --since 2026-Q3 -o review.html\n  maturity report --title 'Platform review Q4' -o - > review.html",
		Args:    args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			return a.writeReport(cmd, o)
		}),
	}
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "write to FILE (default maturity-report-YYYY-MM-DD.html; - is standard output)")
	cmd.Flags().StringVar(&o.since, "since", "", "list the changes since this date (YYYY-MM-DD) or the start of this quarter (2026-Q3); default three months ago")
	cmd.Flags().IntVar(&o.quarters, "quarters", report.DefaultQuarters, "how many quarters after today's the report covers (1 to "+strconv.Itoa(report.MaxQuarters)+")")
	cmd.Flags().StringVar(&o.title, "title", "", "the report's title (default \""+report.DefaultTitle+"\")")
	return cmd
}

// writeReport checks the flags, reads the roadmap, its history since the
// since point and its assessments, and writes the report.
func (a *App) writeReport(cmd *cobra.Command, o reportOptions) error {
	today := a.Today()
	since, err := reportSince(o.since, today)
	if err != nil {
		return err
	}
	if o.quarters < 1 || o.quarters > report.MaxQuarters {
		return fmt.Errorf("invalid --quarters %d: want 1 to %d", o.quarters, report.MaxQuarters)
	}
	title, err := roadmap.CleanLine(o.title, "--title", roadmap.MaxTitle, false)
	if err != nil {
		return err
	}
	path := o.out
	if path == "" {
		path = report.FileName(today)
	}
	st, err := a.Store(cmd.Context())
	if err != nil {
		return err
	}
	defer newMemoryBudget(st.Path(), 3).restore()
	r, events, err := st.LoadWithHistory(cmd.Context(), store.HistoryFilter{Since: since})
	if err != nil {
		return err
	}
	ev, err := st.LoadEvidence(cmd.Context())
	if err != nil {
		return err
	}
	rep := report.Build(r, report.Options{Title: title, Today: today, Since: since, Quarters: o.quarters,
		Changes: reportChanges(events), Assessed: store.Assessed(ev.Assessments)})
	return a.writeOutput(path, 0o666, func(w io.Writer) error { return report.WriteHTML(w, rep, Version) })
}

// reportSince reads --since: a date (local midnight) or a quarter (its
// first day); three months before today when empty. It may not be after
// today.
func reportSince(value string, today time.Time) (time.Time, error) {
	if value == "" {
		return report.DefaultSince(today), nil
	}
	var since time.Time
	if q, err := roadmap.ParseQuarter(value); err == nil && !q.IsBacklog() {
		since = time.Date(q.Year, time.Month(q.Q*3-2), 1, 0, 0, 0, 0, time.Local)
	} else if since, err = parseDate("since", value, time.Local); err != nil {
		return since, fmt.Errorf("invalid --since %q: want a date (YYYY-MM-DD) or a quarter (such as 2026-Q3)", roadmap.Printable(value))
	}
	if since.After(today) {
		return since, fmt.Errorf("invalid --since %s: it is after today (%s)", value, today.Format(time.DateOnly))
	}
	return since, nil
}

// reportChanges turns the history's entries into the changes a report
// lists (report.ChangeOf): status changes, moves and retargets of
// initiatives, forced or not. Everything else (creations, edits of text,
// assessments, answers, metrics) the report shows in other ways or not
// at all.
func reportChanges(events []store.Event) []report.Change {
	var out []report.Change
	for _, e := range events {
		if e.Action != store.ActionEdit && e.Action != store.ActionForce {
			continue
		}
		if c, ok := report.ChangeOf(report.Edit{At: e.At, Actor: e.Actor, Initiative: e.Initiative, Field: e.Field,
			Old: e.Old, New: e.New, Forced: e.Action == store.ActionForce, Reason: e.Reason}); ok {
			out = append(out, c)
		}
	}
	return out
}
