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

const assessLong = `assess with no arguments shows the assessment: for each domain the level
its criteria support (evidenced), its baseline and the level it has
reached, then each criterion by level with its state (met, unmet or
unknown), its evidence and note, and when and by whom it was answered.

A check criterion's state is its latest answer ('assess set'); one never
answered is unknown. A metric criterion is met when the metric's value in
the latest quarter that has one, from two quarters before the current one
up to it, meets its threshold ('metric record'); without such a value it
is unknown. A domain's evidenced level is the highest level k such that
every criterion of levels 1 to k is met.

With --quarter it shows the state at the end of that quarter: the answers
recorded on or before its last day and the values recorded for it and
earlier quarters.

assess DOMAIN LEVEL records a manual assessment (0-4). Every one is kept;
the latest counts. The baseline is the higher of it and the evidenced
level; levels at or below the baseline count as reached whatever the
initiatives say. An assessment is an observation, so it is recorded even
when the model's prerequisites say the domain cannot be there yet; it
then prints an assessment-inconsistent warning, which check keeps
showing.`

func (a *App) assessCommand() *cobra.Command {
	var note, quarter, format string
	cmd := &cobra.Command{
		Use:   "assess [DOMAIN LEVEL] [--note TEXT]",
		Short: "Show the assessment (criteria and evidenced levels), or record a domain's level by hand",
		Long:  assessLong,
		Example: `  maturity assess
  maturity assess --quarter 2026-Q3 --format json
  maturity assess governance 1 --note "quarterly audits since 2025"`,
		Args: func(cmd *cobra.Command, got []string) error {
			switch len(got) {
			case 0, 2:
				return nil
			case 1:
				return usageError{fmt.Sprintf("assess: missing LEVEL (usage: %s)", cmd.UseLine())}
			}
			return usageError{fmt.Sprintf("assess: unexpected argument %q (usage: %s)", got[2], cmd.UseLine())}
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if len(args) == 2 {
				if cmd.Flags().Changed("quarter") || cmd.Flags().Changed("format") {
					return usageError{"assess: --quarter and --format are for showing the assessment, not for recording a level"}
				}
				return a.assessDomain(cmd, args[0], args[1], note)
			}
			if cmd.Flags().Changed("note") {
				return usageError{"assess: --note goes with 'assess DOMAIN LEVEL' (or 'assess set')"}
			}
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			return a.showAssessment(cmd, quarter, format)
		}),
	}
	cmd.Flags().StringVar(&note, "note", "", "why: evidence for a level recorded by hand")
	cmd.Flags().StringVar(&quarter, "quarter", "", "show the state at the end of this quarter (YYYY-QN)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.AddCommand(a.assessSetCommand(), a.assessExportCommand())
	return cmd
}

// assessDomain records a manual assessment.
func (a *App) assessDomain(cmd *cobra.Command, domain, text, note string) error {
	level, err := roadmap.ParseBaseline(text)
	if err != nil {
		return err
	}
	st, err := a.Store(cmd.Context())
	if err != nil {
		return err
	}
	as, err := st.Assess(cmd.Context(), domain, level, note)
	if err != nil {
		return err
	}
	sum, err := st.LoadSummary(cmd.Context())
	if err != nil {
		return err
	}
	a.notef("assessed %s at %d %s", as.Domain, level, sum.Model.LevelName(as.Domain, level))
	// An assessment records what is; when the model's own prerequisites
	// say it cannot be, say so.
	a.noteWarningsAbout(sum, roadmap.Subject{Kind: roadmap.SubjectDomain, Key: as.Domain})
	return nil
}

// noteWarningsAbout prints, after a change, the warnings about one domain
// or metric.
func (a *App) noteWarningsAbout(sum roadmap.Summary, s roadmap.Subject) {
	for _, w := range roadmap.About(sum.DomainWarnings(), s) {
		a.notef("  %s %s: %s", w.Severity, w.Code, roadmap.Printable(w.Message()))
	}
}

// asOf is the moment --quarter names, or now.
func (a *App) asOf(quarter string) (roadmap.AsOf, error) {
	if quarter == "" {
		return roadmap.AsOfToday(a.Today()), nil
	}
	q, err := roadmap.ParseQuarter(quarter)
	if err == nil && q.IsBacklog() {
		err = fmt.Errorf("invalid quarter %q: want YYYY-QN, e.g. 2026-Q3", quarter)
	}
	if err != nil {
		return roadmap.AsOf{}, fmt.Errorf("--quarter: %v", err)
	}
	return roadmap.AsOfEnd(q), nil
}

func (a *App) showAssessment(cmd *cobra.Command, quarter, format string) error {
	at, err := a.asOf(quarter)
	if err != nil {
		return err
	}
	st, err := a.Store(cmd.Context())
	if err != nil {
		return err
	}
	lv, err := st.LoadLevels(cmd.Context(), at)
	if err != nil {
		return err
	}
	if format == "json" {
		return writeJSON(a.Stdout, toAssessmentJSON(lv, quarter != ""))
	}
	return writeAssessment(a.Stdout, lv, quarter != "")
}

// assessmentJSON is assess's JSON.
type assessmentJSON struct {
	AsOf    string             `json:"as_of"` // the day judged
	Quarter string             `json:"quarter"`
	End     bool               `json:"end_of_quarter"` // judged at the end of Quarter (--quarter)
	Domains []domainEvidenceJS `json:"domains"`
}

type domainEvidenceJS struct {
	Domain    string          `json:"domain"`
	Evidenced *levelJSON      `json:"evidenced"` // null without criteria
	Assessed  *levelJSON      `json:"assessed"`  // the latest manual assessment, null without one
	Baseline  levelJSON       `json:"baseline"`
	Reached   levelJSON       `json:"reached"`
	Levels    []levelCriteria `json:"levels"`
}

type levelCriteria struct {
	levelJSON
	Met      int             `json:"met"`
	Total    int             `json:"total"`
	Criteria []criterionJSON `json:"criteria"`
}

type criterionJSON struct {
	Key       string  `json:"key"`
	Kind      string  `json:"kind"` // check or metric
	Statement string  `json:"statement"`
	State     string  `json:"state"`
	Evidence  string  `json:"evidence,omitempty"`
	Note      string  `json:"note,omitempty"`
	Actor     string  `json:"actor,omitempty"`
	At        string  `json:"at,omitempty"` // when the answer or value was recorded
	Metric    string  `json:"metric,omitempty"`
	Value     *string `json:"value,omitempty"` // canonical text
	For       string  `json:"value_quarter,omitempty"`
	Source    string  `json:"source,omitempty"`
}

func toAssessmentJSON(lv *store.Levels, end bool) assessmentJSON {
	m, a := lv.Model, lv.Assessment
	out := assessmentJSON{AsOf: a.At.Today.Format(time.DateOnly), Quarter: a.At.Quarter.String(), End: end, Domains: []domainEvidenceJS{}}
	base := a.Baselines()
	for d, dom := range m.Domains {
		ds := a.Domains[d]
		baseline, reached := base[dom.Key], lv.Reached[d]
		j := domainEvidenceJS{Domain: dom.Key, Baseline: levelJSON{baseline, m.LevelName(dom.Key, baseline)},
			Reached: levelJSON{reached, m.LevelName(dom.Key, reached)}, Levels: []levelCriteria{}}
		if ds.HasCriteria {
			j.Evidenced = &levelJSON{ds.Evidenced, m.LevelName(dom.Key, ds.Evidenced)}
		}
		if l, ok := a.Manual[dom.Key]; ok {
			j.Assessed = &levelJSON{l, m.LevelName(dom.Key, l)}
		}
		for k := 1; ds.HasCriteria && k <= roadmap.MaxLevel; k++ {
			lc := levelCriteria{levelJSON: levelJSON{k, m.LevelName(dom.Key, k)}, Criteria: []criterionJSON{}}
			for _, c := range m.CriteriaOf(dom.Key, k) {
				cs := a.Status(c.Key)
				lc.Total++
				if cs.State == roadmap.Met {
					lc.Met++
				}
				cj := criterionJSON{Key: c.Key, Kind: "check", Statement: m.Statement(cs.Criterion), State: string(cs.State)}
				if an := cs.Answer; an != nil {
					cj.Evidence, cj.Note, cj.Actor, cj.At = an.Evidence, an.Note, an.Actor, jsonTime(an.At)
				}
				if !c.IsCheck() {
					cj.Kind, cj.Metric = "metric", c.Metric
				}
				if v := cs.Value; v != nil {
					text := m.Metric(c.Metric).Format(v.Value)
					cj.Value, cj.For, cj.Note, cj.Source, cj.Actor, cj.At = &text, v.Quarter.String(), v.Note, v.Source, v.Actor, jsonTime(v.At)
				}
				lc.Criteria = append(lc.Criteria, cj)
			}
			j.Levels = append(j.Levels, lc)
		}
		out.Domains = append(out.Domains, j)
	}
	return out
}

// writeAssessment writes the assessment for people.
func writeAssessment(w io.Writer, lv *store.Levels, end bool) error {
	m, a := lv.Model, lv.Assessment
	p := roadmap.Printable
	var b strings.Builder
	if end {
		fmt.Fprintf(&b, "At the end of %s (answers to %s, values for %s and earlier)\n", a.At.Quarter, a.At.Today.Format(time.DateOnly), a.At.Quarter)
	} else {
		fmt.Fprintf(&b, "As of %s (%s; metric values from %s on count)\n", a.At.Today.Format(time.DateOnly), a.At.Quarter, a.At.Quarter.Prev().Prev())
	}
	level := func(domain string, l int) string { return fmt.Sprintf("%d %s", l, p(m.LevelName(domain, l))) }
	base := a.Baselines()
	for d, dom := range m.Domains {
		ds := a.Domains[d]
		head := "no criteria"
		if ds.HasCriteria {
			head = "evidenced " + level(dom.Key, ds.Evidenced)
		}
		head += " · baseline " + level(dom.Key, base[dom.Key])
		if l, ok := a.Manual[dom.Key]; ok {
			head += fmt.Sprintf(" (assessed %d)", l)
		}
		head += " · reached " + level(dom.Key, lv.Reached[d])
		fmt.Fprintf(&b, "\n%s  %s\n", dom.Key, head)
		for k := 1; ds.HasCriteria && k <= roadmap.MaxLevel; k++ {
			cs := m.CriteriaOf(dom.Key, k)
			met := 0
			for _, c := range cs {
				if a.Status(c.Key).State == roadmap.Met {
					met++
				}
			}
			fmt.Fprintf(&b, "  %s  criteria %d/%d met\n", level(dom.Key, k), met, len(cs))
			for _, c := range cs {
				st := a.Status(c.Key)
				fmt.Fprintf(&b, "    %s %s  %s  %s\n", st.State.Mark(), c.Key, st.State, p(m.Statement(st.Criterion)))
				if detail := a.Detail(st); detail != "" {
					fmt.Fprintf(&b, "        %s\n", p(detail))
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (a *App) assessSetCommand() *cobra.Command {
	var evidence, note string
	cmd := &cobra.Command{
		Use:   "set KEY met|unmet|unknown [--evidence TEXT] [--note TEXT]",
		Short: "Answer a check criterion: met, unmet or unknown, with its evidence",
		Long: `assess set records an answer to a check criterion ('assess' lists them)
with the evidence for it: a link, a document, what was looked at. Every
answer is kept in the history; the latest counts. A metric criterion is
met by the metric's value, not by an answer: record that with 'metric
record'.`,
		Example: `  maturity assess set auto-2-no-ticket met --evidence "portal: https://portal.example.com/new-env"`,
		Args:    args("KEY", "STATE"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			an, err := st.Answer(cmd.Context(), args[0], args[1], evidence, note)
			if err != nil {
				return err
			}
			sum, err := st.LoadSummary(cmd.Context())
			if err != nil {
				return err
			}
			c := sum.Model.Criterion(an.Criterion)
			state := sum.State()
			d, _ := sum.Model.DomainIndex(c.Domain)
			a.notef("%s", sum.Model.AnsweredText(an, state.Domains[d]))
			a.noteWarningsAbout(sum, roadmap.Subject{Kind: roadmap.SubjectDomain, Key: c.Domain})
			return nil
		}),
	}
	cmd.Flags().StringVar(&evidence, "evidence", "", "what shows it: a link, a document, what was checked")
	cmd.Flags().StringVar(&note, "note", "", "a remark")
	return cmd
}

func (a *App) assessExportCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export [-o FILE]",
		Short: "Write every answer as CSV, oldest first, for spreadsheets",
		Long: `assess export writes every answer recorded, oldest first, as CSV:
` + strings.Join(roadmap.AnswerCSVHeader, ",") + `
(answered_at in RFC 3339, UTC). A cell a spreadsheet would run as a formula
starts with a "'".`,
		Example: "  maturity assess export -o answers.csv",
		Args:    args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			return a.exportEvidence(cmd, out, func(w io.Writer, e *store.Evidence) error {
				return roadmap.WriteAnswersCSV(w, e.Model, e.Evidence.Answers)
			})
		}),
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", outputHelp)
	return cmd
}

// exportEvidence reads the evidence and writes it with write to out (a
// file, replaced whole, or standard output), as assess export and metric
// export do.
func (a *App) exportEvidence(cmd *cobra.Command, out string, write func(io.Writer, *store.Evidence) error) error {
	st, err := a.Store(cmd.Context())
	if err != nil {
		return err
	}
	e, err := st.LoadEvidence(cmd.Context())
	if err != nil {
		return err
	}
	return a.writeOutput(out, 0o666, func(w io.Writer) error { return write(w, e) })
}
