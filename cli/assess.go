package cli

import (
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
at or below the baseline count as reached whatever the initiatives say.
An assessment is an observation, so it is recorded even when the model's
prerequisites say the domain cannot be there yet; it then prints an
assessment-inconsistent warning, which check keeps showing.`,
		Example: `  maturity assess governance 1 --note "quarterly audits since 2025"`,
		Args:    args("DOMAIN", "LEVEL"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			level, err := roadmap.ParseBaseline(args[1])
			if err != nil {
				return err
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			as, err := st.Assess(cmd.Context(), args[0], level, note)
			if err != nil {
				return err
			}
			sum, err := st.LoadSummary(cmd.Context())
			if err != nil {
				return err
			}
			a.notef("assessed %s at %d %s", as.Domain, level, sum.Model.LevelName(as.Domain, level))
			// An assessment records what is; when the model's own
			// prerequisites say it cannot be, say so.
			subject := roadmap.Subject{Kind: roadmap.SubjectDomain, Key: as.Domain}
			for _, w := range roadmap.About(sum.DomainWarnings(), subject) {
				a.notef("  %s %s: %s", w.Severity, w.Code, roadmap.Printable(w.Message()))
			}
			return nil
		}),
	}
	cmd.Flags().StringVar(&note, "note", "", "why: evidence for the assessment")
	return cmd
}
