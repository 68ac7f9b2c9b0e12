package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *App) initCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Create the database (any command does so on first use)",
		Args:  args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, st.Path())
			return nil
		}),
	}
	return cmd
}
