package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"maturity/store"
)

// openInput opens a FILE argument, or standard input for "-", for reading
// through a buffer; done closes it.
func (a *App) openInput(path string) (in *bufio.Reader, done func(), err error) {
	if path == "-" || a.remote { // over SSH, FILE comes on standard input
		return bufio.NewReaderSize(a.Stdin, 1<<16), func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %v", path, unwrapPathError(err))
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, nil, fmt.Errorf("cannot read %s: it is a folder", path)
	}
	return bufio.NewReaderSize(f, 1<<16), func() { f.Close() }, nil
}

// readLimited reads all of in, refusing more than limit bytes as soon as
// it has read one more: an endless input (/dev/zero) costs no more than
// the limit.
func readLimited(path string, in io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(in, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", path, unwrapPathError(err))
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %s", inputName(path), sizeName(limit))
	}
	return data, nil
}

// sizeName writes a byte limit for people: "1 MiB", "512 MiB".
func sizeName(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// looksLikeJSON reports whether in starts, after a byte order mark and
// white space, with '{': a dump rather than a CSV. It reads nothing
// away.
func looksLikeJSON(in *bufio.Reader) bool {
	head, _ := in.Peek(4096)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	return bytes.HasPrefix(head, []byte("{"))
}

// restore loads a JSON dump into an empty database, reading it as a
// stream (store.ParseDump).
func (a *App) restore(cmd *cobra.Command, name string, in io.Reader, dryRun bool) error {
	// The decoded dump is most of the memory, and it stays live until the
	// restore ends: collect as it grows rather than let the heap reach
	// five times it (Main's setting for speed).
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	d, m, err := store.ParseDump(in)
	if err != nil {
		return fmt.Errorf("%s: %v", inputName(name), err)
	}
	if dryRun {
		a.notef("dry run: %s is a valid dump of %d initiatives, %d assessments and %d history entries; nothing was written",
			inputName(name), len(d.Initiatives), len(d.Assessments), len(d.History))
		return nil
	}
	st, err := a.Store(cmd.Context())
	if err != nil {
		return err
	}
	if err := st.Restore(cmd.Context(), d, m); err != nil {
		return fmt.Errorf("%s: %v", inputName(name), err)
	}
	a.notef("restored %s: %d initiatives, %d assessments, %d history entries", inputName(name), len(d.Initiatives), len(d.Assessments), len(d.History))
	return nil
}
