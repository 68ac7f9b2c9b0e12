package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"maturity/roadmap"
	"maturity/store"
)

// usersCommand groups the commands that manage who may reach the roadmap
// through 'maturity serve'.
func (a *App) usersCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Manage who may reach the roadmap over SSH (maturity serve)",
		Long: `users manages the people 'maturity serve' lets in: each has a name, which
the history records for their changes, a role, and one or more SSH public
keys. Roles: viewer reads everything; planner also changes initiatives,
dependencies, assessments, metrics and capacity, and may force a change
with a reason; admin also replaces the model, imports, and manages the
users. Changes count from the user's next login.`,
		Args: commandArgs,
	}
	cmd.AddCommand(a.usersAddCommand(), a.usersListCommand(), a.usersRmCommand(), a.usersRoleCommand(), a.usersLogCommand())
	return cmd
}

func (a *App) usersAddCommand() *cobra.Command {
	var keys []string
	var role string
	cmd := &cobra.Command{
		Use:   "add NAME --key KEY [--key KEY…] [--role viewer|planner|admin]",
		Short: "Add a user with their public keys, or more keys to a user",
		Long: `add makes NAME a user with the given role (viewer unless --role) and
public keys, each given as the line of its .pub file ("ssh-ed25519 AAAA…
comment"). For an existing user, it adds the keys. A key belongs to one
user only.`,
		Example: `  maturity users add dana --role planner --key "$(cat ~/.ssh/id_ed25519.pub)"`,
		Args:    args("NAME"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			var r store.Role
			if role != "" {
				var err error
				if r, err = store.ParseRole(role); err != nil {
					return fmt.Errorf("invalid --role: %v", err)
				}
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			ch, err := st.AddUser(cmd.Context(), args[0], r, keys)
			if err != nil {
				return err
			}
			if ch.Created {
				a.notef("added %s, %s", ch.User.Name, ch.User.Role.Article())
			}
			for _, k := range ch.Added {
				a.notef("added key %s to %s", k.Fingerprint, ch.User.Name)
			}
			return nil
		}),
	}
	cmd.Flags().StringArrayVar(&keys, "key", nil, "a public key, as its .pub file's line (repeatable)")
	cmd.Flags().StringVar(&role, "role", "", "viewer, planner or admin (a new user: viewer unless given)")
	return cmd
}

func (a *App) usersRmCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "rm NAME",
		Short: "Remove a user and their keys (the history keeps their name)",
		Args:  args("NAME"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			u, err := st.RemoveUser(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			a.notef("removed %s and %d key(s); sessions they have open go on until they log out", u.Name, len(u.Keys))
			return nil
		}),
	}
}

func (a *App) usersRoleCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "role NAME viewer|planner|admin",
		Short: "Change a user's role",
		Args:  args("NAME", "ROLE"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			r, err := store.ParseRole(args[1])
			if err != nil {
				return err
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			old, err := st.SetRole(cmd.Context(), args[0], r)
			if err != nil {
				return err
			}
			a.notef("%s is %s now (was %s), from their next login", old.Name, r.Article(), old.Role.Article())
			return nil
		}),
	}
}

type userJSON struct {
	Name    string        `json:"name"`
	Role    string        `json:"role"`
	Created string        `json:"created"`
	Keys    []userKeyJSON `json:"keys"`
}

type userKeyJSON struct {
	Fingerprint string `json:"fingerprint"`
	Key         string `json:"key"`
	Added       string `json:"added"`
}

func (a *App) usersListCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list [--format text|json]",
		Short: "List the users, their roles and keys",
		Args:  args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			users, err := st.Users(cmd.Context())
			if err != nil {
				return err
			}
			if format == "json" {
				out := make([]userJSON, len(users))
				for i, u := range users {
					out[i] = userJSON{Name: u.Name, Role: string(u.Role), Created: jsonTime(u.Created), Keys: []userKeyJSON{}}
					for _, k := range u.Keys {
						out[i].Keys = append(out[i].Keys, userKeyJSON{Fingerprint: k.Fingerprint, Key: k.Line, Added: jsonTime(k.Added)})
					}
				}
				return writeJSON(a.Stdout, out)
			}
			if len(users) == 0 {
				a.notef("no users yet; add one with '%s'", a.command(`users add NAME --role planner --key "$(cat ~/.ssh/id_ed25519.pub)"`))
				return nil
			}
			for _, u := range users {
				fmt.Fprintf(a.Stdout, "%-16s %s\n", u.Name, u.Role)
				for _, k := range u.Keys {
					fmt.Fprintf(a.Stdout, "  %s  %s\n", k.Fingerprint, roadmap.Printable(k.Comment))
				}
			}
			return nil
		}),
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

type accessJSON struct {
	ID          int64  `json:"id"`
	At          string `json:"at"`
	Event       string `json:"event"`
	User        string `json:"user"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Address     string `json:"address,omitempty"`
	Detail      string `json:"detail,omitempty"`
}

func (a *App) usersLogCommand() *cobra.Command {
	var since, format string
	cmd := &cobra.Command{
		Use:   "log [--since DATE] [--format text|json]",
		Short: "Show the logins, refusals, logouts and user changes, oldest first",
		Long: `log lists what 'maturity serve' recorded of who came in: every login
(the user, their key's fingerprint, their address), every refused login
(an unknown key, or the sessions full), every logout, and every change
of the users.`,
		Args: args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			var from time.Time
			if since != "" {
				t, err := parseDate("since", since, time.Local)
				if err != nil {
					return err
				}
				from = t
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			events, err := st.AccessLog(cmd.Context(), from)
			if err != nil {
				return err
			}
			if format == "json" {
				out := make([]accessJSON, len(events))
				for i, e := range events {
					out[i] = accessJSON{ID: e.ID, At: e.At.UTC().Format(time.RFC3339Nano), Event: e.Event, User: e.User,
						Fingerprint: e.Fingerprint, Address: e.Address, Detail: e.Detail}
				}
				return writeJSON(a.Stdout, out)
			}
			if len(events) == 0 {
				a.notef("nothing recorded yet")
				return nil
			}
			for _, e := range events {
				who := e.User
				if who == "" {
					who = "(unknown)"
				}
				parts := []string{roadmap.LocalTime(e.At), e.Event, who}
				for _, p := range []string{e.Fingerprint, e.Address, e.Detail} {
					if p != "" {
						parts = append(parts, p)
					}
				}
				fmt.Fprintln(a.Stdout, roadmap.Printable(strings.Join(parts, "  ")))
			}
			return nil
		}),
	}
	cmd.Flags().StringVar(&since, "since", "", "only entries on or after this date (YYYY-MM-DD, local time)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}
