package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"maturity/roadmap"
)

func (a *App) capacityCommand() *cobra.Command {
	var from, to, format string
	cmd := &cobra.Command{
		Use:   "capacity [--from Q] [--to Q] [--format text|json|csv]",
		Short: "Show, set and unset what the team and each person can deliver per quarter",
		Long: `capacity shows, per quarter, the effort the team can deliver (its capacity,
in the unit of initiative effort: person-weeks by convention), the effort
booked (every non-dropped initiative scheduled in the quarter, done ones
included), and what is free; then the same for each person with effort
booked or a figure of their own (an initiative's effort is split evenly
among its owners). Initiatives without an effort use no capacity: they
are listed as not estimated.

A quarter's own figure applies to it; the default figure to every quarter
without one; a quarter with neither has no limit. The quarters shown run
from the current one through the last with an initiative or a figure of
its own, unless --from and --to say otherwise.`,
		Example: `  maturity capacity set default 30
  maturity capacity set 2027-Q3 25
  maturity capacity set default 10 --owner sam
  maturity capacity unset 2027-Q3
  maturity capacity --from 2027-Q1 --to 2027-Q4 --format json`,
		Args: commandArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := formatFlag(format, "text", "json", "csv"); err != nil {
				return err
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			// The bookings weigh owners and efforts; no timestamps.
			r, err := st.LoadContent(cmd.Context())
			if err != nil {
				return err
			}
			quarters, err := a.capacityRange(cmd, r, from, to)
			if err != nil {
				return err
			}
			bs := r.Bookings(quarters)
			switch format {
			case "json":
				return writeJSON(a.Stdout, toCapacityJSON(r.Capacity, bs))
			case "csv":
				return roadmap.WriteBookingsCSV(a.Stdout, bs)
			}
			if r.Capacity.Empty() {
				a.notef("no capacity is set: set one with '%s'", a.command("capacity set default EFFORT"))
			}
			return writeBookings(a, bs)
		}),
	}
	cmd.Flags().StringVar(&from, "from", "", "first quarter shown (default: the current one)")
	cmd.Flags().StringVar(&to, "to", "", "last quarter shown (default: the last with an initiative or a figure)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json or csv")
	cmd.AddCommand(a.capacitySetCommand(), a.capacityUnsetCommand())
	return cmd
}

// capacityRange reads --from and --to: by default from the current quarter
// through the last one with an initiative or a figure of its own.
func (a *App) capacityRange(cmd *cobra.Command, r *roadmap.Roadmap, from, to string) ([]roadmap.Quarter, error) {
	today := a.Quarter()
	first := today
	span := r.Span(today)
	last := span[len(span)-1]
	for _, f := range r.Capacity.Figures() {
		if !f.IsDefault() && last.Before(f.Quarter) {
			last = f.Quarter
		}
	}
	read := func(flag, value string) (roadmap.Quarter, error) {
		q, err := roadmap.ParseQuarter(value)
		if err == nil && q.IsBacklog() {
			err = fmt.Errorf("invalid quarter %q: want a quarter such as 2027-Q1", value)
		}
		if err != nil {
			return q, fmt.Errorf("--%s: %v", flag, err)
		}
		return q, nil
	}
	var err error
	if cmd.Flags().Changed("from") {
		if first, err = read("from", from); err != nil {
			return nil, err
		}
		if last.Before(first) {
			last = first
		}
	}
	if cmd.Flags().Changed("to") {
		if last, err = read("to", to); err != nil {
			return nil, err
		}
	}
	if last.Before(first) {
		return nil, fmt.Errorf("--from %s is after --to %s", first, last)
	}
	return roadmap.QuartersBetween(first, last), nil
}

// writeBookings prints the bookings as one table, a quarter's team row
// then its people, and after it the initiatives of each quarter that are
// not estimated.
func writeBookings(a *App, bs []roadmap.Booking) error {
	figure := func(l roadmap.Load) (capacity, free, over string) {
		if !l.Limited {
			return "—", "", ""
		}
		if l.Over() {
			over = "over"
		}
		return roadmap.FormatEffort(l.Capacity), roadmap.FormatEffort(l.Free()), over
	}
	var rows [][]string
	var notes []string
	for _, b := range bs {
		c, f, o := figure(b.Load)
		rows = append(rows, []string{b.Quarter.String(), "team", c, roadmap.FormatEffort(b.Booked), f, o})
		for _, p := range b.People {
			c, f, o := figure(p.Load)
			rows = append(rows, []string{"", p.Name, c, roadmap.FormatEffort(p.Booked), f, o})
		}
		if n := len(b.NotEstimated); n > 0 {
			refs := make([]string, n)
			for i, id := range b.NotEstimated {
				refs[i] = fmt.Sprintf("#%d", id)
			}
			notes = append(notes, fmt.Sprintf("not estimated in %s: %d (%s)\n", b.Quarter, n, strings.Join(refs, ", ")))
		}
	}
	if err := writeTable(a.Stdout, []string{"QUARTER", "WHO", "CAPACITY", "BOOKED", "FREE", ""}, rows); err != nil {
		return err
	}
	_, err := fmt.Fprint(a.Stdout, strings.Join(notes, ""))
	return err
}

func (a *App) capacitySetCommand() *cobra.Command {
	var owner string
	cmd := &cobra.Command{
		Use:   "set QUARTER|default EFFORT [--owner NAME]",
		Short: "Set the capacity of a quarter, or the default one, for the team or one person",
		Example: `  maturity capacity set default 30
  maturity capacity set 2027-Q3 25 --owner sam`,
		Args: args("QUARTER", "EFFORT"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			q, err := roadmap.ParseCapacityQuarter(args[0])
			if err != nil {
				return err
			}
			effort, err := roadmap.ParseCapacity(args[1])
			if err != nil {
				return err
			}
			fig, err := roadmap.CapacityFigure{Quarter: q, Owner: owner, Effort: effort}.Clean()
			if err != nil {
				return err
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			if err := st.SetCapacity(cmd.Context(), fig); err != nil {
				return err
			}
			a.notef("capacity of %s (%s) set to %s", fig.When(), fig.Who(), roadmap.FormatEffort(effort))
			return nil
		}),
	}
	cmd.Flags().StringVar(&owner, "owner", "", "one person's capacity instead of the team's")
	return cmd
}

func (a *App) capacityUnsetCommand() *cobra.Command {
	var owner string
	cmd := &cobra.Command{
		Use:     "unset QUARTER|default [--owner NAME]",
		Short:   "Remove a capacity figure: the quarter then falls back on the default, or has no limit",
		Example: "  maturity capacity unset 2027-Q3\n  maturity capacity unset default --owner sam",
		Args:    args("QUARTER"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			q, err := roadmap.ParseCapacityQuarter(args[0])
			if err != nil {
				return err
			}
			fig, err := roadmap.CapacityFigure{Quarter: q, Owner: owner}.Clean()
			if err != nil {
				return err
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			if err := st.UnsetCapacity(cmd.Context(), q, fig.Owner); err != nil {
				return err
			}
			a.notef("capacity of %s (%s) unset", fig.When(), fig.Who())
			return nil
		}),
	}
	cmd.Flags().StringVar(&owner, "owner", "", "one person's figure instead of the team's")
	return cmd
}
