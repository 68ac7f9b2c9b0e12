package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"maturity/roadmap"
	"maturity/store"
)

type eventJSON struct {
	ID         int64  `json:"id"`
	At         string `json:"at"`
	Actor      string `json:"actor"`
	Initiative int64  `json:"initiative,omitempty"`
	Action     string `json:"action"`
	Field      string `json:"field,omitempty"`
	Old        string `json:"old"`
	New        string `json:"new"`
	Reason     string `json:"reason,omitempty"`
}

func (a *App) logCommand() *cobra.Command {
	var since, format string
	var limit int
	cmd := &cobra.Command{
		Use:   "log [ID] [--since DATE]",
		Short: "Show the history of changes, newest first",
		Long: `log shows every recorded change, newest first: when, who ($MATURITY_USER,
else the operating system user), which initiative, which field, the old
and new value, and the reason of a forced change. Creating, editing,
moving, status changes, dependencies, deletes, assessments, model and CSV
imports are all recorded, in the same transaction as the change itself.
A deleted initiative's history stays readable.`,
		Example: "  maturity log\n  maturity log 7\n  maturity log --since 2026-10-01 --format json",
		Args: func(cmd *cobra.Command, got []string) error {
			if len(got) > 1 {
				return usageError{fmt.Sprintf("log: unexpected argument %q (usage: %s)", got[1], cmd.UseLine())}
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			var f store.HistoryFilter
			if len(args) == 1 {
				id, err := roadmap.ParseID(args[0])
				if err != nil {
					return err
				}
				f.Initiative = id
			}
			if since != "" {
				t, err := parseDate("since", since, time.Local)
				if err != nil {
					return err
				}
				f.Since = t
			}
			if limit < 0 {
				return fmt.Errorf("invalid --limit %d: want 0 (no limit) or more", limit)
			}
			f.Limit = limit
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			events, err := st.History(cmd.Context(), f)
			if err != nil {
				return err
			}
			if format == "json" {
				out := make([]eventJSON, len(events))
				for i, e := range events {
					out[i] = eventJSON{ID: e.ID, At: e.At.UTC().Format(time.RFC3339Nano), Actor: e.Actor, Initiative: e.Initiative,
						Action: e.Action, Field: e.Field, Old: e.Old, New: e.New, Reason: e.Reason}
				}
				return writeJSON(a.Stdout, out)
			}
			if len(events) == 0 {
				if f.Initiative != 0 || !f.Since.IsZero() {
					a.notef("no recorded change matches")
				} else {
					a.notef("no changes recorded yet")
				}
				return nil
			}
			for _, e := range events {
				fmt.Fprintln(a.Stdout, roadmap.Printable(e.Text()))
			}
			return nil
		}),
	}
	cmd.Flags().StringVar(&since, "since", "", "only changes on or after this date (YYYY-MM-DD, local time, 1970 to 2999)")
	cmd.Flags().IntVar(&limit, "limit", 0, "at most this many entries (0: all)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

func (a *App) backupCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup PATH [--force]",
		Short: "Write a consistent copy of the database, even while it is in use",
		Long: `backup writes a consistent copy of the whole database to PATH (SQLite's
VACUUM INTO), taken from one snapshot while the dashboard or other
commands keep working. An existing PATH is refused unless --force. The copy
is an ordinary maturity database: open it with --db PATH, or restore it by
copying it over the database file while maturity is not running.`,
		Example: "  maturity backup ~/backups/roadmap-$(date +%F).db",
		Args:    args("PATH"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			if err := st.Backup(cmd.Context(), args[0], force); err != nil {
				return err
			}
			a.notef("backed up %s to %s", st.Path(), args[0])
			return nil
		}),
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace PATH if it exists")
	return cmd
}
