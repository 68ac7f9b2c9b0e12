package cli

import "io"

// AssumeTerminal makes the dashboard's commands take any standard input
// and output for a terminal, so that a test can run them with a fake TUI.
func AssumeTerminal() {
	isTerminal = func(io.Reader, io.Writer) bool { return true }
}
