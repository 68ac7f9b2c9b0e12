package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"maturity/internal/atomicfile"
)

// The dashboard's output files (the export's CSV, the HTML report) are
// asked for and checked alike, with the command line's guards
// (atomicfile): never the database or its side files, never standard
// output, never a folder, and an existing file only once the user said so.

// maxPath is the longest file name a prompt takes (PATH_MAX on Linux).
const maxPath = 4096

// askFile builds the prompt that asks where to write an output file,
// offering def. enter writes with write once the name is checked; a file
// that exists is replaced only on a second enter with the same name, or
// on the first when it is confirmed already (the dashboard found it there
// and the prompt says so).
func (m *Model) askFile(title, def, confirmed string, write func(path string) tea.Cmd) *prompt {
	p := newPrompt(&m.styles, title, "The file is written whole or not at all.", def, "file name", maxPath,
		func(value string) (tea.Cmd, error) {
			path := strings.TrimSpace(value)
			if path == "" {
				return nil, errors.New("give a file name")
			}
			if strings.HasPrefix(path, "~/") {
				if home, err := os.UserHomeDir(); err == nil {
					path = filepath.Join(home, path[2:])
				}
			}
			t, err := atomicfile.Resolve(path, m.exportOptions())
			if err != nil {
				return nil, err
			}
			if t.Replaces() && confirmed != path {
				confirmed = path
				return nil, replaceError(path)
			}
			return write(path), nil
		})
	if confirmed != "" {
		p.err = replaceError(confirmed).Error()
	}
	return p
}

// replaceError asks to confirm replacing the file at path.
func replaceError(path string) error {
	return fmt.Errorf("%s exists: press enter again to replace it", path)
}
