package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"maturity/roadmap"
	"maturity/store"
)

// filter selects initiatives for list.
type filter struct {
	quarter, domain, status, owner string
	ready                          bool
}

// match builds the predicate from the flags, validating each.
func (f filter) match(cmd *cobra.Command, r *roadmap.Roadmap) (func(*roadmap.Initiative) bool, error) {
	var preds []func(*roadmap.Initiative) bool
	if cmd.Flags().Changed("quarter") {
		q, err := roadmap.ParseQuarter(f.quarter)
		if err != nil {
			return nil, err
		}
		preds = append(preds, func(in *roadmap.Initiative) bool { return in.Quarter == q })
	}
	if f.domain != "" {
		d, err := r.Model.ParseDomain(f.domain)
		if err != nil {
			return nil, err
		}
		preds = append(preds, func(in *roadmap.Initiative) bool { return in.Domain == d })
	}
	if f.status != "" {
		want := map[roadmap.Status]bool{}
		for _, s := range strings.Split(f.status, ",") {
			st, err := roadmap.ParseStatus(s)
			if err != nil || strings.TrimSpace(s) == "" {
				return nil, fmt.Errorf("invalid status %q: want planned, in-progress, done or dropped", s)
			}
			want[st] = true
		}
		preds = append(preds, func(in *roadmap.Initiative) bool { return want[in.Status] })
	}
	if f.owner != "" {
		preds = append(preds, func(in *roadmap.Initiative) bool { return roadmap.HasOwner(in.Owner, f.owner) })
	}
	if f.ready {
		now := r.Levels()
		preds = append(preds, func(in *roadmap.Initiative) bool { return r.Ready(in, now) })
	}
	return func(in *roadmap.Initiative) bool {
		for _, p := range preds {
			if !p(in) {
				return false
			}
		}
		return true
	}, nil
}

func (a *App) listCommand() *cobra.Command {
	var f filter
	var format string
	cmd := &cobra.Command{
		Use:   "list [flags]",
		Short: "List initiatives in roadmap order (quarter, domain, level)",
		Example: `  maturity list --quarter 2026-Q3
  maturity list --domain automation --status planned,in-progress
  maturity list --ready          # what done would accept now
  maturity list --format json | jq '.[] | select(.warnings != [])'`,
		Args: args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := formatFlag(format, "table", "csv", "json"); err != nil {
				return err
			}
			_, r, err := a.load(cmd.Context())
			if err != nil {
				return err
			}
			keep, err := f.match(cmd, r)
			if err != nil {
				return err
			}
			var picked []*roadmap.Initiative
			for _, in := range r.Sorted() {
				if keep(in) {
					picked = append(picked, in)
				}
			}
			if format == "json" {
				byInit := roadmap.ByInitiative(r.Check(a.Quarter()))
				out := make([]initiativeJSON, len(picked))
				for i, in := range picked {
					out[i] = toInitiativeJSON(r.Model, in, byInit[in.ID])
				}
				return writeJSON(a.Stdout, out)
			}
			// The table and the CSV show only each initiative's codes.
			codes := map[int64]roadmap.CodeSet{}
			for i, c := range r.CodesOf(a.Quarter()) {
				if c != 0 {
					codes[r.Initiatives[i].ID] = c
				}
			}
			if format == "csv" {
				sub := make([]roadmap.Initiative, len(picked))
				subCodes := make([]roadmap.CodeSet, len(picked))
				for i, in := range picked {
					sub[i] = *in
				}
				sr := roadmap.New(r.Model, r.Baseline, sub)
				for i := range sr.Initiatives {
					subCodes[i] = codes[sr.Initiatives[i].ID]
				}
				return roadmap.WriteCSVCodes(a.Stdout, sr, subCodes)
			}
			if len(picked) == 0 {
				if len(r.Initiatives) == 0 {
					a.notef("no initiatives yet: add one with '%s'", a.command("add TITLE --domain D --level L"))
				} else {
					a.notef("no initiatives match")
				}
				return nil
			}
			rows := make([][]string, len(picked))
			for i, in := range picked {
				rows[i] = []string{strconv.FormatInt(in.ID, 10), in.Quarter.Label(), in.Domain,
					fmt.Sprintf("%d %s", in.Level, r.Model.LevelName(in.Domain, in.Level)), string(in.Status),
					in.Owner, in.Effort.String(), codes[in.ID].Join(","), in.Title}
			}
			return writeTable(a.Stdout, []string{"ID", "QUARTER", "DOMAIN", "LEVEL", "STATUS", "OWNER", "EFFORT", "WARNINGS", "TITLE"}, rows)
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&f.quarter, "quarter", "", "only this quarter (YYYY-QN, or 'backlog')")
	fs.StringVar(&f.domain, "domain", "", "only this domain")
	fs.StringVar(&f.status, "status", "", "only these statuses, comma-separated")
	fs.StringVar(&f.owner, "owner", "", "only initiatives this person owns or co-owns (a whole name, any case)")
	fs.BoolVar(&f.ready, "ready", false, "only what could be marked done now: unfinished, dependencies done, prerequisites reached")
	fs.StringVar(&format, "format", "table", "output format: table, csv or json")
	return cmd
}

func (a *App) showCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one initiative: fields, dependencies, prerequisites, warnings, history",
		Args:  args("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			id, err := roadmap.ParseID(args[0])
			if err != nil {
				return err
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			// The initiative and its history from one snapshot.
			r, events, err := st.LoadWithHistory(cmd.Context(), store.HistoryFilter{Initiative: id, Limit: 10})
			if err != nil {
				return err
			}
			in, err := r.Find(id)
			if err != nil {
				return err
			}
			ws := roadmap.ByInitiative(r.Check(a.Quarter()))[id]
			if format == "json" {
				return writeJSON(a.Stdout, toInitiativeJSON(r.Model, in, ws))
			}
			return writeShow(a.Stdout, r, in, ws, events)
		}),
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}
