package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"maturity/roadmap"
	"maturity/store"
)

// fieldFlags are the initiative fields add and edit take as flags. They
// are read as text and parsed by the roadmap package, so that every
// command and the dashboard accept the same forms and give the same errors.
type fieldFlags struct {
	title, description, domain, level, quarter, owner, effort, dependsOn string
}

func (f *fieldFlags) register(fs *pflag.FlagSet, withTitle bool) {
	if withTitle {
		fs.StringVar(&f.title, "title", "", "new title")
	}
	fs.StringVar(&f.domain, "domain", "", "domain the initiative advances (see 'maturity model show')")
	fs.StringVar(&f.level, "level", "", "level 1-4 it brings the domain to")
	fs.StringVar(&f.quarter, "quarter", "", "quarter it is planned for, e.g. 2026-Q3 (empty or 'backlog': not scheduled)")
	fs.StringVar(&f.owner, "owner", "", "who owns it")
	fs.StringVar(&f.effort, "effort", "", "estimated effort, a number ≥ 0 (e.g. person-weeks)")
	fs.StringVar(&f.dependsOn, "depends-on", "", "ids of initiatives it depends on, comma-separated")
	fs.StringVar(&f.description, "description", "", "longer description")
}

// patch turns the flags that were given into a patch; fields not given
// stay unchanged.
func (f *fieldFlags) patch(fs *pflag.FlagSet) (roadmap.Patch, error) {
	var p roadmap.Patch
	set := fs.Changed
	if set("title") {
		p.Title = &f.title
	}
	if set("description") {
		p.Description = &f.description
	}
	if set("domain") {
		d := roadmap.DomainKey(f.domain)
		p.Domain = &d
	}
	if set("level") {
		l, err := roadmap.ParseLevel(f.level)
		if err != nil {
			return p, err
		}
		p.Level = &l
	}
	if set("quarter") {
		q, err := roadmap.ParseQuarter(f.quarter)
		if err != nil {
			return p, err
		}
		p.Quarter = &q
	}
	if set("owner") {
		p.Owner = &f.owner
	}
	if set("effort") {
		e, err := roadmap.ParseEffort(f.effort)
		if err != nil {
			return p, err
		}
		p.Effort = &e
	}
	if set("depends-on") {
		ids, err := roadmap.ParseIDs(f.dependsOn)
		if err != nil {
			return p, fmt.Errorf("--depends-on: %v", err)
		}
		p.DependsOn = &ids
	}
	return p, nil
}

func (a *App) addCommand() *cobra.Command {
	var f fieldFlags
	cmd := &cobra.Command{
		Use:   "add TITLE --domain DOMAIN --level LEVEL [flags]",
		Short: "Add an initiative; prints its id",
		Example: `  maturity add "Adopt Argo CD" --domain automation --level 3 --quarter 2026-Q3 --owner dana --effort 6
  id=$(maturity add "Central log pipeline" --domain observability --level 2)`,
		Args: func(cmd *cobra.Command, got []string) error {
			if len(got) == 0 || strings.TrimSpace(strings.Join(got, " ")) == "" {
				return usageError{"add: missing TITLE (usage: " + cmd.UseLine() + ")"}
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			for _, req := range []string{"domain", "level"} {
				if !cmd.Flags().Changed(req) {
					return usageError{fmt.Sprintf("add: missing --%s (usage: %s)", req, cmd.UseLine())}
				}
			}
			f.title = strings.Join(args, " ")
			p, err := f.patch(cmd.Flags())
			if err != nil {
				return err
			}
			p.Title = &f.title
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			in, err := st.Add(cmd.Context(), p.Apply(roadmap.Initiative{}))
			if err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, in.ID)
			return a.confirm(cmd.Context(), "added", in)
		}),
	}
	f.register(cmd.Flags(), false)
	return cmd
}

func (a *App) editCommand() *cobra.Command {
	var f fieldFlags
	var force forceFlags
	cmd := &cobra.Command{
		Use:   "edit ID [flags]",
		Short: "Change fields of an initiative",
		Example: `  maturity edit 7 --owner sam --effort 4
  maturity edit 7 --owner ""            # clear a field
  maturity edit 7 --depends-on 3,5      # replace the dependencies`,
		Args: args("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := roadmap.ParseID(args[0])
			if err != nil {
				return err
			}
			p, err := f.patch(cmd.Flags())
			if err != nil {
				return err
			}
			if p.Empty() {
				return usageError{"edit: nothing to change: give at least one of --title, --domain, --level, --quarter, --owner, --effort, --depends-on, --description"}
			}
			opt, err := force.options()
			if err != nil {
				return err
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			in, err := st.Edit(cmd.Context(), id, p, opt)
			if err != nil {
				return blockedHint(err)
			}
			return a.confirm(cmd.Context(), "updated", in)
		}),
	}
	f.register(cmd.Flags(), true)
	force.register(cmd.Flags())
	return cmd
}

func (a *App) moveCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "move ID QUARTER|backlog",
		Short:   "Schedule an initiative in another quarter, or take it back to the backlog",
		Example: "  maturity move 7 2027-Q1\n  maturity move 7 backlog",
		Args:    args("ID", "QUARTER"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := roadmap.ParseID(args[0])
			if err != nil {
				return err
			}
			q, err := roadmap.ParseQuarter(args[1])
			if err != nil {
				return err
			}
			if strings.TrimSpace(args[1]) == "" {
				return fmt.Errorf("missing quarter: give YYYY-QN or backlog")
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			in, err := st.Edit(cmd.Context(), id, roadmap.Patch{Quarter: &q}, store.Options{})
			if err != nil {
				return err
			}
			return a.confirm(cmd.Context(), "moved", in)
		}),
	}
}

// forceFlags are --force and --reason, which override unmet prerequisites.
type forceFlags struct {
	force  bool
	reason string
}

func (f *forceFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.force, "force", false, "override unmet cross-domain prerequisites (needs --reason)")
	fs.StringVar(&f.reason, "reason", "", "why the override is right; kept in the history")
}

func (f *forceFlags) options() (store.Options, error) {
	if f.force && strings.TrimSpace(f.reason) == "" {
		return store.Options{}, usageError{"--force needs --reason TEXT: the override is recorded with its reason"}
	}
	if !f.force && f.reason != "" {
		return store.Options{}, usageError{"--reason goes with --force"}
	}
	reason, err := roadmap.CleanLine(f.reason, "reason", roadmap.MaxReason, false)
	if err != nil {
		return store.Options{}, err
	}
	return store.Options{Force: f.force, Reason: reason}, nil
}

// blockedHint adds how to override to a prerequisite refusal.
func blockedHint(err error) error {
	var b *roadmap.BlockedError
	if errors.As(err, &b) {
		return fmt.Errorf("%v (override with --force --reason TEXT)", err)
	}
	return err
}

// statusCommand is the command of one transition: start, stop, done, drop
// or reopen.
func (a *App) statusCommand(t roadmap.Transition) *cobra.Command {
	verb := t.Command()
	var force forceFlags
	cmd := &cobra.Command{
		Use:   verb + " ID",
		Short: t.Summary(),
		Args:  args("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := roadmap.ParseID(args[0])
			if err != nil {
				return err
			}
			opt, err := force.options()
			if err != nil {
				return err
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			in, err := st.SetStatus(cmd.Context(), id, t, opt)
			if err != nil {
				return blockedHint(err)
			}
			return a.confirmAs(cmd.Context(), t.Did(roadmap.Printable(in.Ref())), in, t == roadmap.Start)
		}),
	}
	if t == roadmap.Start || t == roadmap.MarkDone {
		cmd.Example = fmt.Sprintf("  maturity %s 7\n  maturity %s 7 --force --reason \"pilot team only; governance signed off\"", verb, verb)
		force.register(cmd.Flags())
	}
	return cmd
}

func (a *App) rmCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "rm ID",
		Aliases: []string{"delete"},
		Short:   "Delete an initiative (refused while others depend on it)",
		Args:    args("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := roadmap.ParseID(args[0])
			if err != nil {
				return err
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			in, err := st.Delete(cmd.Context(), id, store.Options{})
			if err != nil {
				return err
			}
			a.notef("deleted %s", roadmap.Printable(in.Ref()))
			return nil
		}),
	}
}

func (a *App) dependCommand() *cobra.Command {
	var on string
	var remove bool
	cmd := &cobra.Command{
		Use:     "depend ID --on ID[,ID...] [--remove]",
		Short:   "Add or remove dependencies of an initiative",
		Example: "  maturity depend 7 --on 3,5\n  maturity depend 7 --on 5 --remove",
		Args:    args("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := roadmap.ParseID(args[0])
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("on") {
				return usageError{"depend: missing --on ID (usage: " + cmd.UseLine() + ")"}
			}
			ids, err := roadmap.ParseIDs(on)
			if err != nil {
				return fmt.Errorf("--on: %v", err)
			}
			if len(ids) == 0 {
				return fmt.Errorf("--on: give at least one id")
			}
			p := roadmap.Patch{AddDeps: ids}
			if remove {
				p = roadmap.Patch{RemoveDeps: ids}
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			in, err := st.Edit(cmd.Context(), id, p, store.Options{})
			if err != nil {
				return err
			}
			return a.confirm(cmd.Context(), "updated", in)
		}),
	}
	cmd.Flags().StringVar(&on, "on", "", "ids of the initiatives it depends on, comma-separated")
	cmd.Flags().BoolVar(&remove, "remove", false, "remove these dependencies instead of adding them")
	return cmd
}

// confirm tells the person what changed and which warnings the initiative
// now has, on stderr: verb is what happened ("added", "moved").
func (a *App) confirm(ctx context.Context, verb string, in roadmap.Initiative) error {
	return a.confirmAs(ctx, verb+" "+roadmap.Printable(in.Ref()), in, false)
}

// confirmAs is confirm with what happened said whole ("started #7 "Adopt
// Argo CD""); a start adds a line naming the dependencies that are not
// done yet.
func (a *App) confirmAs(ctx context.Context, what string, in roadmap.Initiative, started bool) error {
	_, r, err := a.loadBrief(ctx)
	if err != nil {
		// The change is saved; only its warnings cannot be worked out.
		a.notef("%s; its warnings are not shown: %s", what, roadmap.Printable(err.Error()))
		return nil
	}
	where := in.Quarter.Label()
	deps := ""
	if len(in.DependsOn) > 0 {
		deps = ", depends on #" + roadmap.FormatIDs(in.DependsOn, ", #")
	}
	a.notef("%s (%s, %s, %s%s)", what, r.Model.TargetName(&in), where, in.Status, deps)
	if started {
		if waiting := r.Waiting(&in); len(waiting) > 0 {
			a.notef("  note: it %s; done is refused until then", roadmap.Printable(roadmap.WaitingText(waiting)))
		}
	}
	for _, w := range r.Check(a.Quarter()) {
		if w.Subject.ID() == in.ID {
			a.notef("  %s %s: %s", w.Severity, w.Code, roadmap.Printable(w.Message()))
		}
	}
	return nil
}
