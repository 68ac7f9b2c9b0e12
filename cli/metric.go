package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"maturity/roadmap"
	"maturity/store"
)

func (a *App) metricCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "metric",
		Short: "List, record, show, import and export the outcome metrics per quarter",
		Long: `metric works with the model's outcome metrics (DORA's and the platform's
own): one value per metric and quarter, recorded by hand or imported,
banded (elite, high, medium, low) where the model gives bands, and
compared with the quarter before.`,
		Args: commandArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			return usageError{"metric: missing subcommand: list, record, show, import or export"}
		}),
	}
	cmd.AddCommand(a.metricListCommand(), a.metricRecordCommand(), a.metricShowCommand(), a.metricImportCommand(), a.metricExportCommand())
	return cmd
}

type metricJSON struct {
	Key         string     `json:"key"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Unit        string     `json:"unit"`
	Direction   string     `json:"direction"`
	Domain      string     `json:"domain,omitempty"`
	Min         *float64   `json:"min,omitempty"`
	Max         *float64   `json:"max,omitempty"`
	Bands       *bandsJSON `json:"bands"`
}

type bandsJSON struct {
	Edition string     `json:"edition"`
	Source  string     `json:"source"`
	Table   []bandJSON `json:"table"`
}

type bandJSON struct {
	Name   string `json:"name"`
	Letter string `json:"letter"`
	Holds  string `json:"holds"` // "at least 1/week"
}

func toMetricJSON(x *roadmap.Metric) metricJSON {
	j := metricJSON{Key: x.Key, Name: x.Name, Description: x.Description, Unit: string(x.Unit), Direction: string(x.Direction), Domain: x.Domain}
	if x.Unit == roadmap.UnitScore {
		lo, hi := x.Min, x.Max
		j.Min, j.Max = &lo, &hi
	}
	if b := x.Bands; b != nil {
		j.Bands = &bandsJSON{Edition: b.Edition, Source: b.Source, Table: []bandJSON{}}
		for _, band := range b.Table {
			j.Bands.Table = append(j.Bands.Table, bandJSON{Name: band.Name, Letter: band.Letter(), Holds: band.Describe(x.Scale())})
		}
	}
	return j
}

func (a *App) metricListCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list [--format text|json]",
		Short: "List the model's metrics with their units, directions and bands",
		Args:  args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			m, err := a.model(cmd.Context())
			if err != nil {
				return err
			}
			if format == "json" {
				out := []metricJSON{}
				for i := range m.Metrics {
					out = append(out, toMetricJSON(&m.Metrics[i]))
				}
				return writeJSON(a.Stdout, out)
			}
			if len(m.Metrics) == 0 {
				a.notef("the model has no metrics; 'model import' can add some")
				return nil
			}
			rows := make([][]string, 0, len(m.Metrics))
			for i := range m.Metrics {
				x := &m.Metrics[i]
				unit := string(x.Unit)
				if x.Unit == roadmap.UnitScore {
					unit += " " + x.Format(x.Min) + "-" + x.Format(x.Max)
				}
				rows = append(rows, []string{x.Key, unit, string(x.Direction), orDash(x.Domain), x.Name})
			}
			var b bytes.Buffer
			if err := writeTable(&b, []string{"METRIC", "UNIT", "DIRECTION", "DOMAIN", "NAME"}, rows); err != nil {
				return err
			}
			p := roadmap.Printable
			for i := range m.Metrics {
				x := &m.Metrics[i]
				if x.Bands == nil {
					continue
				}
				fmt.Fprintf(&b, "\n%s bands (%s; %s):\n", x.Key, p(x.Bands.Edition), p(x.Bands.Source))
				for _, band := range x.Bands.Table {
					fmt.Fprintf(&b, "  %s %-8s %s\n", band.Letter(), band.Name, band.Describe(x.Scale()))
				}
			}
			_, err = a.Stdout.Write(b.Bytes())
			return err
		}),
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

func (a *App) metricRecordCommand() *cobra.Command {
	var quarter, note, source string
	cmd := &cobra.Command{
		Use:   "record KEY VALUE [--quarter Q] [--note TEXT] [--source TEXT]",
		Short: "Record a metric's value for a quarter (the current one unless --quarter)",
		Long: `metric record records a metric's value for a quarter, by default the
current one. A quarter holds one value per metric: recording again
replaces it, and the history keeps the old one. The value is written in
the metric's unit ('metric list'):

  duration  45m, 4h, 3d, 2w (also s; decimals allowed: 1.5d)
  rate      3/day, 2/week, 1/month (a week is 7 days, a month 30)
  percent   12% or 12, from 0 to 100
  count     a whole number for the quarter, such as 3
  score     a number within the metric's range, such as 3.7

Values keep three decimals in the form they were written in.`,
		Example: `  maturity metric record change-lead-time 2d --source "DevLake, median"
  maturity metric record deployment-frequency 3/week --quarter 2026-Q2`,
		Args: args("KEY", "VALUE"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			q := a.Quarter()
			if quarter != "" {
				at, err := a.asOf(quarter)
				if err != nil {
					return err
				}
				q = at.Quarter
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			c, err := st.RecordValue(cmd.Context(), store.ValueInput{Metric: args[0], Quarter: q, Value: args[1], Note: note, Source: source})
			if err != nil {
				return err
			}
			sum, err := st.LoadSummary(cmd.Context())
			if err != nil {
				return err
			}
			x, err := sum.Model.FindMetric(args[0])
			if err != nil {
				return err
			}
			if c.Metric == "" {
				a.notef("%s", x.UnchangedText(q, mustParse(x, args[1])))
				return nil
			}
			a.notef("%s", x.RecordedText(q, c.Value, c.Old))
			a.noteWarningsAbout(sum, roadmap.Subject{Kind: roadmap.SubjectMetric, Key: x.Key})
			return nil
		}),
	}
	cmd.Flags().StringVar(&quarter, "quarter", "", "the quarter the value is for (YYYY-QN; default the current one)")
	cmd.Flags().StringVar(&note, "note", "", "a remark on the value")
	cmd.Flags().StringVar(&source, "source", "", "where the value comes from (one line)")
	return cmd
}

// mustParse reads a value the store has just accepted.
func mustParse(x *roadmap.Metric, text string) float64 {
	v, _ := x.ParseValue(text)
	return v
}

type metricSeriesJSON struct {
	Metric string            `json:"metric"`
	Unit   string            `json:"unit"`
	Values []metricValueJSON `json:"values"`
}

type metricValueJSON struct {
	Quarter string   `json:"quarter"`
	Value   *float64 `json:"value"` // in the unit's own terms; null for none
	Text    string   `json:"text"`  // canonical form, "" for none
	Band    string   `json:"band"`
	Trend   string   `json:"trend"` // better, worse or same than the quarter before that has a value
	Note    string   `json:"note"`
	Source  string   `json:"source"`
}

func (a *App) metricShowCommand() *cobra.Command {
	var format string
	var quarters int
	cmd := &cobra.Command{
		Use:   "show [KEY] [--quarters N] [--format text|json|csv]",
		Short: "Show the metrics over the last quarters: value, band and trend",
		Long: `metric show shows each metric's value in each of the last N quarters (6
unless --quarters), up to the current one, with its band's initial (E
elite, H high, M medium, L low) and an arrow: ↑ better, ↓ worse, = the
same as the quarter before that has a value. With KEY it shows that
metric alone, a quarter per line with its note and source.`,
		Example: "  maturity metric show\n  maturity metric show change-lead-time --quarters 8",
		Args: func(cmd *cobra.Command, got []string) error {
			if len(got) > 1 {
				return usageError{fmt.Sprintf("metric show: unexpected argument %q (usage: %s)", got[1], cmd.UseLine())}
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if err := formatFlag(format, "text", "json", "csv"); err != nil {
				return err
			}
			if quarters < 1 || quarters > 400 {
				return fmt.Errorf("invalid --quarters %d: want 1 to 400", quarters)
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			e, err := st.LoadEvidence(cmd.Context())
			if err != nil {
				return err
			}
			m := e.Model
			metrics := m.Metrics
			if len(args) == 1 {
				x, err := m.FindMetric(args[0])
				if err != nil {
					return err
				}
				metrics = []roadmap.Metric{*x}
			}
			at := e.At(roadmap.AsOfToday(a.Today()))
			qs := roadmap.LastQuarters(at.At.Quarter, quarters)
			switch {
			case format == "json":
				out := []metricSeriesJSON{}
				for i := range metrics {
					x := &metrics[i]
					j := metricSeriesJSON{Metric: x.Key, Unit: string(x.Unit), Values: []metricValueJSON{}}
					for k, c := range at.Cells(x, qs) {
						v := metricValueJSON{Quarter: qs[k].String(), Trend: c.Trend.String()}
						if c.Value != nil {
							val := c.Value.Value
							v.Value, v.Text, v.Note, v.Source = &val, x.Format(val), c.Value.Note, c.Value.Source
						}
						if c.Band != nil {
							v.Band = c.Band.Name
						}
						j.Values = append(j.Values, v)
					}
					out = append(out, j)
				}
				return writeJSON(a.Stdout, out)
			case format == "csv":
				var b strings.Builder
				b.WriteString("metric,quarter,value,band,trend\n")
				for i := range metrics {
					x := &metrics[i]
					for k, c := range at.Cells(x, qs) {
						if c.Value == nil {
							continue
						}
						band := ""
						if c.Band != nil {
							band = c.Band.Name
						}
						// Keys, quarters, canonical values and band names need
						// no quoting.
						fmt.Fprintf(&b, "%s,%s,%s,%s,%s\n", x.Key, qs[k], x.Format(c.Value.Value), band, c.Trend)
					}
				}
				_, err := io.WriteString(a.Stdout, b.String())
				return err
			case len(args) == 1:
				return writeMetricDetail(a.Stdout, at, &metrics[0], qs)
			}
			return writeMetricGrid(a.Stdout, at, metrics, qs)
		}),
	}
	cmd.Flags().IntVar(&quarters, "quarters", 6, "how many quarters, up to the current one")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json or csv")
	return cmd
}

func writeMetricGrid(w io.Writer, a *roadmap.Assessment, metrics []roadmap.Metric, qs []roadmap.Quarter) error {
	header := []string{"METRIC"}
	for _, q := range qs {
		header = append(header, q.String())
	}
	var rows [][]string
	for i := range metrics {
		x := &metrics[i]
		row := []string{x.Key}
		for _, c := range a.Cells(x, qs) {
			row = append(row, c.Text(x))
		}
		rows = append(rows, row)
	}
	var b bytes.Buffer
	if err := writeTable(&b, header, rows); err != nil {
		return err
	}
	b.WriteString("\n" + roadmap.MetricLegend + "\n")
	_, err := w.Write(b.Bytes())
	return err
}

func writeMetricDetail(w io.Writer, a *roadmap.Assessment, x *roadmap.Metric, qs []roadmap.Quarter) error {
	p := roadmap.Printable
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s (%s, %s, %s)\n", x.Key, p(x.Name), x.Unit, x.Direction)
	if x.Bands != nil {
		var bands []string
		for _, band := range x.Bands.Table {
			bands = append(bands, band.Name+" "+band.Describe(x.Scale()))
		}
		fmt.Fprintf(&b, "bands (%s): %s\n", p(x.Bands.Edition), strings.Join(bands, "; "))
	}
	b.WriteString("\n")
	var rows [][]string
	for k, c := range a.Cells(x, qs) {
		if c.Value == nil {
			rows = append(rows, []string{qs[k].String(), "-", "", "", "", ""})
			continue
		}
		band := ""
		if c.Band != nil {
			band = c.Band.Name
		}
		rows = append(rows, []string{qs[k].String(), x.Format(c.Value.Value), band, c.Trend.String(), c.Value.Source,
			strings.ReplaceAll(c.Value.Note, "\n", " ")})
	}
	if err := writeTable(&b, []string{"QUARTER", "VALUE", "BAND", "TREND", "SOURCE", "NOTE"}, rows); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

func (a *App) metricImportCommand() *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import FILE [--dry-run]",
		Short: "Record metric values from a CSV file (quarter,metric,value,note,source), all or nothing",
		Long: `metric import records the values of a CSV file with the columns
quarter,metric,value,note,source ('metric export' writes it; note and
source may be left out), in one transaction: a bad row fails the whole
file with "line N: ..." and nothing is written. A value equal to the one
its quarter holds (with the same note and source) changes nothing, so a
file can be imported twice; --dry-run lists what would change and writes
nothing. FILE - reads standard input.`,
		Example: "  maturity metric import dora-2026.csv --dry-run",
		Args:    args("FILE"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			m, err := a.model(cmd.Context())
			if err != nil {
				return err
			}
			data, err := a.readInput(args[0], roadmap.MaxMetricCSV)
			if err != nil {
				return err
			}
			file, err := roadmap.ReadMetricCSV(bytes.NewReader(data), m)
			if err != nil {
				return fmt.Errorf("%s: %v", inputName(args[0]), err)
			}
			rows := file.Rows
			ins := make([]store.ValueInput, len(rows))
			for i, r := range rows {
				ins[i] = store.ValueInput{Metric: r.Metric, Quarter: r.Quarter, Value: r.Value, Note: r.Note, Source: r.Source, Line: r.Line,
					KeepNote: !file.Columns["note"], KeepSource: !file.Columns["source"]}
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			changes, err := st.RecordValues(cmd.Context(), ins, dryRun)
			if err != nil {
				return fmt.Errorf("%s: %v", inputName(args[0]), err)
			}
			var b strings.Builder
			for _, c := range changes {
				x := m.Metric(c.Metric)
				switch now := x.Format(c.Value); {
				case c.Old == now:
					fmt.Fprintf(&b, "%s %s %s (its note or source changes)\n", c.Quarter, c.Metric, now)
				case c.Old != "":
					fmt.Fprintf(&b, "%s %s %s → %s\n", c.Quarter, c.Metric, c.Old, now)
				default:
					fmt.Fprintf(&b, "%s %s %s\n", c.Quarter, c.Metric, x.Format(c.Value))
				}
			}
			if dryRun {
				if _, err := io.WriteString(a.Stdout, b.String()); err != nil {
					return err
				}
				a.notef("dry run: %s would change (%d unchanged); nothing written", plural(len(changes), "value"), len(rows)-len(changes))
				return nil
			}
			a.notef("recorded %s from %s (%d unchanged)", plural(len(changes), "value"), inputName(args[0]), len(rows)-len(changes))
			return nil
		}),
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "list what would change and write nothing")
	return cmd
}

func (a *App) metricExportCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export [-o FILE]",
		Short: "Write the metric values as CSV (quarter,metric,value,note,source)",
		Long: `metric export writes the value each metric holds for each quarter, as CSV
that 'metric import' reads: sorted by quarter and then by metric, each
value in its unit's one canonical form (4.5h is written 270m, 7/week
1/day), so equal values always print the same. Exporting, importing into
an empty database and exporting again gives the same file.`,
		Example: "  maturity metric export -o metrics.csv",
		Args:    args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			return a.exportEvidence(cmd, out, func(w io.Writer, e *store.Evidence) error {
				return roadmap.WriteMetricCSV(w, e.Model, e.Evidence.Values)
			})
		}),
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", outputHelp)
	return cmd
}
