package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"maturity/roadmap"
)

func (a *App) modelCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "model",
		Short: "Show, export or replace the maturity model (domains, levels, rules)",
		Args:  commandArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			return usageError{"model: missing subcommand: show, export or import"}
		}),
	}
	var out string
	export := &cobra.Command{
		Use:     "export [-o FILE]",
		Short:   "Write the model as YAML, ready to edit and import",
		Example: "  maturity model export -o model.yaml",
		Args:    args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			m, err := a.model(cmd.Context())
			if err != nil {
				return err
			}
			return a.writeOutput(out, 0o666, func(w io.Writer) error { return roadmap.WriteModel(w, m) })
		}),
	}
	export.Flags().StringVarP(&out, "output", "o", "", outputHelp)
	cmd.AddCommand(
		&cobra.Command{
			Use:   "show",
			Short: "Print the model: stages, domains and their levels, cross-domain rules",
			Args:  args(),
			RunE: run(func(cmd *cobra.Command, _ []string) error {
				m, err := a.model(cmd.Context())
				if err != nil {
					return err
				}
				_, err = io.WriteString(a.Stdout, describeModel(m))
				return err
			}),
		},
		export,
		&cobra.Command{
			Use:   "import FILE",
			Short: "Replace the model with a YAML file after validating it",
			Long: `model import replaces the maturity model with FILE (the format 'model export'
writes). The file is refused, with the line named, for unknown keys,
duplicate domains, levels other than exactly 0-4, rules naming unknown
domains or levels, and rules that form a cycle. A model that drops a
domain some initiative uses, or one that has been assessed, is refused too.`,
			Args: args("FILE"),
			RunE: run(func(cmd *cobra.Command, args []string) error {
				data, err := a.readInput(args[0], roadmap.MaxModelSize)
				if err != nil {
					return err
				}
				m, err := roadmap.ParseModel(data)
				if err != nil {
					return fmt.Errorf("%s: %v", args[0], err)
				}
				st, err := a.Store(cmd.Context())
				if err != nil {
					return err
				}
				if err := st.ReplaceModel(cmd.Context(), m); err != nil {
					return err
				}
				a.notef("model replaced: %s, %s", plural(len(m.Domains), "domain"), plural(len(m.Rules), "rule"))
				return nil
			}),
		},
	)
	return cmd
}

// describeModel writes the model for people.
func describeModel(m *roadmap.Model) string {
	var b strings.Builder
	p := roadmap.Printable
	b.WriteString("Stages (the overall stage is the lowest level over all domains)\n")
	for _, s := range m.Stages {
		fmt.Fprintf(&b, "  %d %s\n", s.Level, p(s.Name))
		if s.Description != "" {
			fmt.Fprintf(&b, "      %s\n", p(s.Description))
		}
	}
	for _, d := range m.Domains {
		fmt.Fprintf(&b, "\n%s (%s)\n", p(d.Name), d.Key)
		if d.Description != "" {
			fmt.Fprintf(&b, "  %s\n", p(d.Description))
		}
		for _, l := range d.Levels {
			fmt.Fprintf(&b, "  %d %s\n", l.Level, p(l.Name))
			if l.Description != "" {
				fmt.Fprintf(&b, "      %s\n", p(l.Description))
			}
			for _, r := range m.Rules {
				if r.Domain == d.Key && r.Level == l.Level {
					fmt.Fprintf(&b, "      requires %s\n", m.DescribeLevel(roadmap.Prerequisite{Domain: r.Requires, Level: r.AtLeast}))
				}
			}
		}
	}
	b.WriteString("\nCross-domain rules\n")
	if len(m.Rules) == 0 {
		b.WriteString("  none\n")
	}
	for _, r := range m.Rules {
		fmt.Fprintf(&b, "  %s %d (%s) requires %s\n", r.Domain, r.Level, p(m.LevelName(r.Domain, r.Level)),
			m.DescribeLevel(roadmap.Prerequisite{Domain: r.Requires, Level: r.AtLeast}))
	}
	return b.String()
}
