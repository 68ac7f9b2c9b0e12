package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"maturity/roadmap"
)

func (a *App) assessCommand() *cobra.Command {
	var note string
	cmd := &cobra.Command{
		Use:   "assess DOMAIN LEVEL [--note TEXT]",
		Short: "Record the level a domain has reached on its own (its baseline)",
		Long: `assess records an assessed level (0-4) for a domain: the baseline from which
initiatives climb. Every assessment is kept; the latest one counts. Levels
at or below the baseline count as reached whatever the initiatives say.`,
		Example: `  maturity assess governance 1 --note "quarterly audits since 2025"`,
		Args:    args("DOMAIN", "LEVEL"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			level, err := strconv.Atoi(strings.TrimSpace(args[1]))
			if err != nil || level < 0 || level > roadmap.MaxLevel {
				return fmt.Errorf("invalid level %q: want a number from 0 to %d", args[1], roadmap.MaxLevel)
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			domain := strings.ToLower(strings.TrimSpace(args[0]))
			if _, err := st.Assess(cmd.Context(), domain, level, note); err != nil {
				return err
			}
			m, err := st.Model(cmd.Context())
			if err != nil {
				return err
			}
			a.notef("assessed %s at %d %s", domain, level, m.LevelName(domain, level))
			return nil
		}),
	}
	cmd.Flags().StringVar(&note, "note", "", "why: evidence for the assessment")
	return cmd
}
