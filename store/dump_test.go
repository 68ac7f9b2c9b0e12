package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maturity/internal/safejson"
	"maturity/roadmap"
)

// richStore is a store with everything a dump holds: a replaced model,
// assessments, initiatives in every status with dependencies, a deleted
// initiative (so the id counter is above the largest id) and history.
func richStore(t testing.TB) *Store {
	t.Helper()
	ctx := context.Background()
	s := newStore(t)
	if err := s.ReplaceModel(ctx, modelWith(t, "security")); err != nil {
		t.Fatal(err)
	}
	populate(t, s)
	if _, err := s.Assess(ctx, "governance", 1, "audits run"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Assess(ctx, "security", 2, ""); err != nil {
		t.Fatal(err)
	}
	last := mustAdd(t, s, ini("Removed at the end", "security", 1))
	if _, err := s.Delete(ctx, last.ID, Options{}); err != nil {
		t.Fatal(err)
	}
	return s
}

func dumpText(t testing.TB, s *Store) string {
	t.Helper()
	d, err := s.Dump(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := writeDump(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestDumpRestore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("dump, restore and dump again give the same bytes", func(t *testing.T) {
		t.Parallel()
		src := richStore(t)
		first := dumpText(t, src)
		d, m, err := ParseDump(strings.NewReader(first))
		if err != nil {
			t.Fatal(err)
		}
		dst := openAt(t, dbPath(t))
		if err := dst.Restore(ctx, d, m); err != nil {
			t.Fatal(err)
		}
		if second := dumpText(t, dst); second != first {
			t.Errorf("the second dump differs:\n first\n%s\n second\n%s", first, second)
		}
		if a, b := exportCSV(t, mustLoad(t, src)), exportCSV(t, mustLoad(t, dst)); a != b {
			t.Errorf("the restored roadmap differs:\n%s\n%s", a, b)
		}
		// The id counter came along: no id is reused.
		next := mustAdd(t, dst, ini("After the restore", "automation", 1))
		if want := mustAdd(t, src, ini("After the restore", "automation", 1)); next.ID != want.ID {
			t.Errorf("next id after the restore %d, want %d", next.ID, want.ID)
		}
	})

	t.Run("a restore is refused into a database that is not empty", func(t *testing.T) {
		t.Parallel()
		d, m, err := ParseDump(strings.NewReader(dumpText(t, richStore(t))))
		if err != nil {
			t.Fatal(err)
		}
		dst := newStore(t)
		mustAdd(t, dst, ini("Already here", "automation", 1))
		before, r0 := snapshot(t, dst), mustLoad(t, dst)
		wantErr(t, dst.Restore(ctx, d, m), "only be restored into an empty database")
		unchanged(t, dst, before, r0)
	})

	t.Run("a restore that fails midway writes nothing", func(t *testing.T) {
		t.Parallel()
		d, m, err := ParseDump(strings.NewReader(dumpText(t, richStore(t))))
		if err != nil {
			t.Fatal(err)
		}
		dst := openAt(t, dbPath(t))
		mustExec(t, dst.db, `CREATE TRIGGER refuse BEFORE INSERT ON history WHEN NEW.action = 'delete'
			BEGIN SELECT RAISE(ABORT, 'history refused'); END`)
		before := snapshot(t, dst)
		wantErr(t, dst.Restore(ctx, d, m), "history refused")
		unchanged(t, dst, before, nil)
		if in := mustAdd(t, dst, ini("First", "automation", 1)); in.ID != 1 {
			t.Errorf("first id after the failed restore %d, want 1", in.ID)
		}
	})

	t.Run("a dump of a new database restores to a new database", func(t *testing.T) {
		t.Parallel()
		text := dumpText(t, newStore(t))
		d, m, err := ParseDump(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		dst := openAt(t, dbPath(t))
		if err := dst.Restore(ctx, d, m); err != nil {
			t.Fatal(err)
		}
		if got := dumpText(t, dst); got != text {
			t.Errorf("\n got\n%s\n want\n%s", got, text)
		}
	})
}

func TestParseDumpRefuses(t *testing.T) {
	t.Parallel()
	valid := dumpText(t, richStore(t))
	cases := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"text that is not JSON", func(string) string { return "id,title\n" }, "not valid JSON"},
		{"JSON with an unknown field", func(s string) string { return strings.Replace(s, `"format"`, `"colour": 1, "format"`, 1) }, "unknown field"},
		{"another format", func(s string) string { return strings.Replace(s, `"maturity-dump"`, `"other"`, 1) }, "not a maturity dump"},
		{"a newer version", func(s string) string { return strings.Replace(s, `"version": 3,`, `"version": 4,`, 1) }, "dump version 4"},
		{"data after the end", func(s string) string { return s + "{}" }, "data after its end"},
		{"a dependency on an unknown initiative", func(s string) string {
			return strings.Replace(s, "\"depends_on\": [\n        1\n      ]", "\"depends_on\": [\n        77\n      ]", 1)
		}, "unknown initiative #77"},
		{"an unknown history action", func(s string) string { return strings.Replace(s, `"action": "create"`, `"action": "teleport"`, 1) }, `unknown action "teleport"`},
		{"an id counter below the largest id", func(s string) string {
			return strings.Replace(s, `"last_initiative_id": 10`, `"last_initiative_id": 2`, 1)
		}, "below the largest"},
		{"an invalid time", func(s string) string { return strings.Replace(s, `"at": "2026`, `"at": "yesterday 2026`, 1) }, "invalid time"},
		{"a time beyond what the database can hold", func(s string) string {
			return strings.Replace(s, `"created": "2026`, `"created": "3026`, 1)
		}, "out of range"},
		{"a time before what the database can hold", func(s string) string { return strings.Replace(s, `"at": "2026`, `"at": "1026`, 1) }, "out of range"},
	}
	for _, tc := range cases {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			t.Parallel()
			text := tc.edit(valid)
			if text == valid {
				t.Fatal("the edit did not change the dump")
			}
			_, _, err := ParseDump(strings.NewReader(text))
			wantErr(t, err, tc.want)
		})
	}
}

func TestParseDumpRefusesWhatARestoreCouldNotKeep(t *testing.T) {
	t.Parallel()
	valid := dumpText(t, richStore(t))
	const maxID = roadmap.MaxID
	cases := []struct {
		name   string
		change func(d *Dump)
		want   string
	}{
		{"an initiative id past MaxID", func(d *Dump) { d.Initiatives[0].ID, d.LastID = maxID+1, maxID+1 }, "initiative #9007199254740992: id 9007199254740992 is out of range 1..9007199254740991"},
		{"a version past MaxID", func(d *Dump) { d.Initiatives[0].Version = 1<<63 - 1 }, "version 9223372036854775807 is out of range"},
		{"an id counter past MaxID", func(d *Dump) { d.LastID = maxID + 1 }, "last_initiative_id 9007199254740992 is out of range"},
		{"a history id past MaxID", func(d *Dump) { d.History[0].ID = 1<<63 - 1 }, "history entry 1: id 9223372036854775807 is out of range"},
		{"an assessment id past MaxID", func(d *Dump) { d.Assessments[0].ID = maxID + 1 }, "assessment 1: id 9007199254740992 is out of range"},
		{"an actor with an escape sequence", func(d *Dump) { entry(d, ActionCreate).Actor = "\x1b[31mroot" }, "actor contains a control character (U+001B)"},
		{"an actor of 201 characters", func(d *Dump) { entry(d, ActionEdit).Actor = strings.Repeat("a", 201) }, "actor is 201 characters long"},
		{"an actor with surrounding space", func(d *Dump) { d.Assessments[0].Actor = " tester" }, "assessment 1: actor \" tester\" has surrounding space"},
		{"a history entry without a time", func(d *Dump) { entry(d, ActionDelete).At = "" }, "at is missing"},
		{"a creation that names a field", func(d *Dump) { entry(d, ActionCreate).Field = "title" }, `a create entry has field "title": it has none`},
		{"a change of an unknown field", func(d *Dump) { entry(d, ActionEdit).Field = "colour" }, `unknown field "colour" for a change (want title, description, domain, level, quarter, status, owner, effort, depends_on)`},
		{"a change without a field", func(d *Dump) { entry(d, ActionEdit).Field = "" }, `unknown field "" for a change`},
		{"an assessment entry of an unknown domain", func(d *Dump) { entry(d, ActionAssess).Field = "finance" }, `an assessment entry: unknown domain "finance"`},
		{"a model entry that names an initiative", func(d *Dump) { entry(d, ActionModel).Initiative = 3 }, "a model entry names initiative 3: it concerns none"},
		{"a change of no initiative", func(d *Dump) { entry(d, ActionEdit).Initiative = 0 }, "initiative 0 is out of range 1..9007199254740991"},
		{"a history entry of an initiative past MaxID", func(d *Dump) { entry(d, ActionDelete).Initiative = maxID + 1 }, "initiative 9007199254740992 is out of range"},
		{"a control character in an old value", func(d *Dump) { entry(d, ActionEdit).Old = "a\x1bb" }, "old contains a control character (U+001B)"},
		{"a C1 control in a reason", func(d *Dump) { entry(d, ActionEdit).Reason = "a\u009bb" }, "reason contains a control character (U+009B)"},
		{"a new value past 1 MiB", func(d *Dump) { entry(d, ActionEdit).New = strings.Repeat("x", roadmap.MaxModelSize+1) }, "new is longer than 1048576 bytes"},
		{"a note with surrounding space", func(d *Dump) { d.Assessments[0].Note = "audits run " }, "assessment 1: note has surrounding space"},
	}
	for _, tc := range cases {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			t.Parallel()
			var d Dump
			if err := json.Unmarshal([]byte(valid), &d); err != nil {
				t.Fatal(err)
			}
			tc.change(&d)
			var b bytes.Buffer
			if err := writeDump(&b, &d); err != nil {
				t.Fatal(err)
			}
			_, _, err := ParseDump(&b)
			wantErr(t, err, tc.want)
		})
	}

	t.Run("accepts ids, versions and the counter at MaxID", func(t *testing.T) {
		t.Parallel()
		var d Dump
		if err := json.Unmarshal([]byte(valid), &d); err != nil {
			t.Fatal(err)
		}
		last := &d.Initiatives[len(d.Initiatives)-1]
		last.ID, last.Version, d.LastID = maxID, maxID, maxID
		d.History[len(d.History)-1].ID = maxID
		var b bytes.Buffer
		if err := writeDump(&b, &d); err != nil {
			t.Fatal(err)
		}
		pd, m, err := ParseDump(&b)
		if err != nil {
			t.Fatal(err)
		}
		// The restored database takes writes; add says the ids are used up.
		s := openAt(t, dbPath(t))
		if err := s.Restore(ctx0, pd, m); err != nil {
			t.Fatal(err)
		}
		_, err = s.Add(ctx0, ini("One more", "automation", 1))
		wantErr(t, err, "no more initiative ids: #9007199254740991, the largest, is taken")
		if _, err := s.Edit(ctx0, 1, roadmap.Patch{Owner: ptr("dana")}, Options{}); err != nil {
			t.Errorf("an edit after the restore: %v", err)
		}
		if _, err := s.Assess(ctx0, "governance", 2, ""); err != nil {
			t.Errorf("an assessment after the restore: %v", err)
		}
	})
}

var ctx0 = context.Background()

// entry returns the first history entry of a dump with the action.
func entry(d *Dump, action string) *DumpEvent {
	for i := range d.History {
		if d.History[i].Action == action {
			return &d.History[i]
		}
	}
	panic("no " + action + " entry in the dump")
}

func TestDumpSizeLimit(t *testing.T) {
	t.Parallel()
	s := richStore(t)
	text := dumpText(t, s)
	n := int64(len(text))

	t.Run("export and parse share the limit: a dump of exactly the limit passes both", func(t *testing.T) {
		t.Parallel()
		var b bytes.Buffer
		if err := s.readDump(ctx0, newDumpWriter(&b, n)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := parseDump(strings.NewReader(text), n); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("one byte less refuses the export, naming backup", func(t *testing.T) {
		t.Parallel()
		err := s.readDump(ctx0, newDumpWriter(io.Discard, n-1))
		wantErr(t, err, fmt.Sprintf("the dump would be larger than %d bytes, more than import reads back; copy the database with 'maturity backup' instead", n-1))
		if MaxDumpSize != 1<<30 {
			t.Errorf("MaxDumpSize is %d; the README says 1 GiB", MaxDumpSize)
		}
	})
	t.Run("and refuses the parse as soon as the limit is passed", func(t *testing.T) {
		t.Parallel()
		_, _, err := parseDump(strings.NewReader(text), n-1)
		wantErr(t, err, fmt.Sprintf("the dump is larger than %d bytes", n-1))
		// An endless input is read only up to the limit.
		endless := &countingReader{r: infiniteSpaces{}}
		_, _, err = parseDump(io.MultiReader(strings.NewReader("{"), endless), 1<<20)
		wantErr(t, err, "the dump is larger than 1 MiB")
		// The JSON decoder doubles its buffer over a run of spaces.
		if endless.n > 4<<20 {
			t.Errorf("read %d bytes of an endless input with a 1 MiB limit", endless.n)
		}
	})
}

type infiniteSpaces struct{}

func (infiniteSpaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestExportDump(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]*Store{"a rich database": richStore(t), "a new database": newStore(t)} {
		t.Run("streams "+name+" exactly as the whole dump encodes", func(t *testing.T) {
			d, err := s.Dump(ctx0)
			if err != nil {
				t.Fatal(err)
			}
			var whole bytes.Buffer
			if err := safejson.Write(&whole, d); err != nil {
				t.Fatal(err)
			}
			var streamed bytes.Buffer
			if err := s.ExportDump(ctx0, &streamed); err != nil {
				t.Fatal(err)
			}
			if streamed.String() != whole.String() {
				t.Errorf("streamed\n%s\nwhole\n%s", streamed.String(), whole.String())
			}
		})
	}

	t.Run("names the line of a JSON error inside a list", func(t *testing.T) {
		t.Parallel()
		text := dumpText(t, richStore(t))
		list := strings.Index(text, `"initiatives": [`)
		i := list + strings.Index(text[list:], `"level": `)
		start := 1 + strings.Count(text[:strings.LastIndex(text[:i], "{")], "\n")
		_, _, err := ParseDump(strings.NewReader(text[:i] + `"level": "two"` + text[i+len(`"level": 1`):]))
		wantErr(t, err, fmt.Sprintf("the dump is not valid JSON: line %d: initiative 1: json: cannot unmarshal string", start))
		j := list + strings.Index(text[list:], `"title": "`) + len(`"title": "`)
		_, _, err = ParseDump(strings.NewReader(text[:j] + "\xff" + text[j:]))
		wantErr(t, err, fmt.Sprintf("line %d: the dump is not valid UTF-8", 1+strings.Count(text[:j], "\n")))
		_, _, err = ParseDump(strings.NewReader(strings.Replace(text, `"history": [`, `"history": [], "history": [`, 1)))
		wantErr(t, err, `the dump has field "history" twice`)
	})
}

func TestBackup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("writes a private copy that opens as the same roadmap", func(t *testing.T) {
		t.Parallel()
		s := richStore(t)
		path := filepath.Join(t.TempDir(), "backup.db")
		if err := s.Backup(ctx, path, false); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("the backup has mode %o, want 600", st.Mode().Perm())
		}
		b := openAt(t, path)
		if got, want := dumpText(t, b), dumpText(t, s); got != want {
			t.Errorf("the backup's dump differs")
		}
	})

	t.Run("an existing file is refused unless forced, then replaced", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustAdd(t, s, ini("In the backup", "automation", 1))
		path := filepath.Join(t.TempDir(), "backup.db")
		if err := os.WriteFile(path, []byte("precious"), 0o600); err != nil {
			t.Fatal(err)
		}
		wantErr(t, s.Backup(ctx, path, false), "exists")
		if got, _ := os.ReadFile(path); string(got) != "precious" {
			t.Fatalf("the file changed to %q", got)
		}
		if err := s.Backup(ctx, path, true); err != nil {
			t.Fatal(err)
		}
		if r := mustLoad(t, openAt(t, path)); len(r.Initiatives) != 1 {
			t.Errorf("the replaced backup has %d initiatives", len(r.Initiatives))
		}
		entries, _ := os.ReadDir(filepath.Dir(path))
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("a temporary file was left: %s", e.Name())
			}
		}
	})

	t.Run("the database itself and a folder are refused", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		before := fileHash(t, s.Path())
		wantErr(t, s.Backup(ctx, s.Path(), true), "it is the database itself")
		if fileHash(t, s.Path()) != before {
			t.Errorf("the database changed")
		}
		wantErr(t, s.Backup(ctx, t.TempDir(), true), "is a folder")
	})

	t.Run("a backup can be taken while another store writes", func(t *testing.T) {
		t.Parallel()
		path := dbPath(t)
		a, b := openAt(t, path), openAt(t, path)
		mustAdd(t, a, ini("Before", "automation", 1))
		done := make(chan error)
		go func() {
			var err error
			for i := 0; i < 20 && err == nil; i++ {
				_, err = b.Add(ctx, ini("During", "automation", 1))
			}
			done <- err
		}()
		out := filepath.Join(t.TempDir(), "backup.db")
		if err := a.Backup(ctx, out, false); err != nil {
			t.Error(err)
		}
		if err := <-done; err != nil {
			t.Errorf("a write during the backup: %v", err)
		}
		n := len(mustLoad(t, openAt(t, out)).Initiatives)
		if n < 1 || n > 21 {
			t.Errorf("the backup has %d initiatives", n)
		}
	})
}
