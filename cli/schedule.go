package cli

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"maturity/roadmap"
)

// scheduleFlags are the flags of schedule.
type scheduleFlags struct {
	from           string
	horizon        int
	includePlanned bool
	apply          bool
	format         string
}

type scheduleJSON struct {
	From           string          `json:"from"`
	To             string          `json:"to"`
	Horizon        int             `json:"horizon"`
	IncludePlanned bool            `json:"include_planned"`
	Applied        bool            `json:"applied"`
	Moves          []moveJSON      `json:"moves"`
	Stays          []stayJSON      `json:"stays"`
	Levels         []levelMoveJSON `json:"levels"`
	Stage          levelMoveJSON   `json:"stage"`
	Errors         int             `json:"errors"`
	Warnings       int             `json:"warnings"`
	Items          []warningJSON   `json:"items"`
}

type moveJSON struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	From   string `json:"from"` // "" for the backlog
	To     string `json:"to"`
	Reason string `json:"reason"`
}

type stayJSON struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Quarter string `json:"quarter"` // "" for the backlog
	Reason  string `json:"reason"`
}

// levelMoveJSON is a domain's (or the stage's) projected level at the end
// of the horizon, before and after the schedule.
type levelMoveJSON struct {
	Domain string    `json:"domain,omitempty"`
	Before levelJSON `json:"before"`
	After  levelJSON `json:"after"`
}

func (a *App) scheduleCommand() *cobra.Command {
	var f scheduleFlags
	cmd := &cobra.Command{
		Use:   "schedule [--from QUARTER] [--horizon N] [--include-planned] [--apply]",
		Short: "Place the backlog into quarters by the rules and capacity, saying why each goes where",
		Long: `schedule places the planned initiatives of the backlog (with
--include-planned, also planned ones that have a quarter) into the quarters
from --from (default: the current one) over --horizon quarters (default 8).
Done, in-progress and dropped initiatives never move.

Every initiative it places has each dependency done or in an earlier
quarter, each prerequisite level reached by the end of the quarter before,
and room in its quarter's capacity, for the team and for each owner with a
figure; one bigger than a whole quarter goes alone into an empty one.
Among what can go into a quarter, the initiative that unlocks the longest
chain of levels goes first, then the lower level, then the lower id.

It prints each move with its reason, what stays and why, the levels
projected at the end of the horizon before and after, and the warnings the
plan still has. Without --apply nothing is written; --apply writes every
move in one transaction, recorded in the history as the scheduler's, and
refuses if the roadmap changed while the schedule was made.`,
		Example: "  maturity schedule\n  maturity schedule --from 2027-Q1 --horizon 4 --include-planned\n  maturity schedule --apply",
		Args:    args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			return a.schedule(cmd, f)
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&f.from, "from", "", "first quarter to place into (default: the current quarter)")
	fs.IntVar(&f.horizon, "horizon", roadmap.DefaultHorizon, "how many quarters from --from to use, 1 to "+strconv.Itoa(roadmap.MaxHorizon))
	fs.BoolVar(&f.includePlanned, "include-planned", false, "also move planned initiatives that have a quarter")
	fs.BoolVar(&f.apply, "apply", false, "write the moves (without it, nothing is written)")
	fs.StringVar(&f.format, "format", "text", "output format: text or json")
	return cmd
}

// schedule makes the schedule and prints it, writing its moves first with
// --apply. Every flag is checked before the database is opened.
func (a *App) schedule(cmd *cobra.Command, f scheduleFlags) error {
	if err := formatFlag(f.format, "text", "json"); err != nil {
		return err
	}
	opt := roadmap.ScheduleOptions{From: a.Quarter(), Horizon: f.horizon, IncludePlanned: f.includePlanned, Today: a.Quarter()}
	if cmd.Flags().Changed("from") {
		q, err := roadmap.ParseQuarter(f.from)
		if err != nil {
			return fmt.Errorf("--from: %v", err)
		}
		if q.IsBacklog() {
			return fmt.Errorf("invalid --from %q: want a quarter such as 2027-Q1", roadmap.Printable(f.from))
		}
		opt.From = q
	}
	if err := opt.Check(); err != nil {
		return err
	}
	ctx := cmd.Context()
	st, err := a.Store(ctx)
	if err != nil {
		return err
	}
	// The version first: a commit between the two reads makes --apply
	// refuse a schedule it could have written, never write a stale one.
	v, err := st.Version(ctx)
	if err != nil {
		return err
	}
	r, err := st.LoadContent(ctx)
	if err != nil {
		return err
	}
	s, err := r.Schedule(opt)
	if err != nil {
		return err
	}
	if f.apply && len(s.Moves) > 0 {
		if _, err := st.ApplySchedule(ctx, v, s.Moves); err != nil {
			return err
		}
	}
	if f.format == "json" {
		err = writeJSON(a.Stdout, toScheduleJSON(r, s, f.apply))
	} else {
		err = writeSchedule(a.Stdout, r, s)
	}
	if err != nil {
		return err
	}
	switch {
	case len(s.Moves) == 0:
		a.notef("nothing to move")
	case f.apply:
		a.notef("moved %s", plural(len(s.Moves), "initiative"))
	default:
		a.notef("preview: nothing was written; run '%s' to make %s", a.command(applyLine(cmd)), plural(len(s.Moves), "move"))
	}
	return nil
}

// applyLine is the schedule command line the user typed, with --apply.
func applyLine(cmd *cobra.Command) string {
	words := []string{"schedule"}
	cmd.Flags().Visit(func(fl *pflag.Flag) {
		if fl.Name == "format" || fl.Name == "db" { // a.command gives --db
			return
		}
		if fl.Value.Type() == "bool" {
			words = append(words, "--"+fl.Name)
			return
		}
		words = append(words, "--"+fl.Name, shellQuote(roadmap.Printable(fl.Value.String())))
	})
	return strings.Join(append(words, "--apply"), " ")
}

// writeSchedule prints the moves, what stays, the levels before → after
// and the warnings that remain.
func writeSchedule(w io.Writer, r *roadmap.Roadmap, s *roadmap.Schedule) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	opt := s.Options
	qs := opt.Quarters()
	what := "the backlog"
	if opt.IncludePlanned {
		what = "the backlog and planned work"
	}
	fmt.Fprintf(bw, "Schedule of %s from %s to %s (%s):\n", what, opt.From, qs[len(qs)-1], plural(opt.Horizon, "quarter"))
	line := func(text string) { bw.WriteString("  " + roadmap.Printable(text) + "\n") }
	if len(s.Moves) == 0 {
		bw.WriteString("\nNo moves.\n")
	} else {
		fmt.Fprintf(bw, "\n%s:\n", plural(len(s.Moves), "move"))
	}
	for _, mv := range s.Moves {
		line(mv.Text(r))
	}
	if len(s.Stays) > 0 {
		fmt.Fprintf(bw, "\n%s not placed:\n", plural(len(s.Stays), "initiative"))
		for _, st := range s.Stays {
			line(st.Text(r))
		}
	}
	fmt.Fprintf(bw, "\nProjected levels at the end of %s, before → after:\n", qs[len(qs)-1])
	m := r.Model
	rows := make([][]string, 0, len(m.Domains)+1)
	level := func(domain string, before, after int, name func(int) string) []string {
		change := name(after)
		if after != before {
			change += " ↑"
		}
		return []string{"  " + domain, name(before), "→", change}
	}
	for d, dom := range m.Domains {
		rows = append(rows, level(dom.Key, s.Before[d], s.After[d], func(l int) string { return strconv.Itoa(l) + " " + m.LevelName(dom.Key, l) }))
	}
	rows = append(rows, level("stage", s.Before.Stage(), s.After.Stage(), func(l int) string { return strconv.Itoa(l) + " " + m.StageName(l) }))
	if err := writeTableNoHeader(bw, rows); err != nil {
		return err
	}
	nErr, nWarn := roadmap.CountBySeverity(s.Warnings)
	bw.WriteString("\nWarnings that remain:\n")
	if err := bw.Flush(); err != nil {
		return err
	}
	return writeWarnings(w, s.Warnings, nErr, nWarn)
}

func toScheduleJSON(r *roadmap.Roadmap, s *roadmap.Schedule, applied bool) scheduleJSON {
	m := r.Model
	opt := s.Options
	qs := opt.Quarters()
	nErr, nWarn := roadmap.CountBySeverity(s.Warnings)
	out := scheduleJSON{From: opt.From.String(), To: qs[len(qs)-1].String(), Horizon: opt.Horizon, IncludePlanned: opt.IncludePlanned,
		Applied: applied && len(s.Moves) > 0, Moves: []moveJSON{}, Stays: []stayJSON{}, Errors: nErr, Warnings: nWarn, Items: toWarningJSON(s.Warnings)}
	for _, mv := range s.Moves {
		in, _ := r.Get(mv.ID)
		out.Moves = append(out.Moves, moveJSON{ID: mv.ID, Title: in.Title, From: mv.From.String(), To: mv.To.String(), Reason: mv.Reason})
	}
	for _, st := range s.Stays {
		in, _ := r.Get(st.ID)
		out.Stays = append(out.Stays, stayJSON{ID: st.ID, Title: in.Title, Quarter: in.Quarter.String(), Reason: st.Reason})
	}
	for d, dom := range m.Domains {
		out.Levels = append(out.Levels, levelMoveJSON{Domain: dom.Key,
			Before: levelJSON{s.Before[d], m.LevelName(dom.Key, s.Before[d])}, After: levelJSON{s.After[d], m.LevelName(dom.Key, s.After[d])}})
	}
	b, a := s.Before.Stage(), s.After.Stage()
	out.Stage = levelMoveJSON{Before: levelJSON{b, m.StageName(b)}, After: levelJSON{a, m.StageName(a)}}
	return out
}
