package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"maturity/roadmap"
)

func TestOpen(t *testing.T) {
	ctx := context.Background()

	t.Run("creates the folder and the file with private modes", func(t *testing.T) {
		t.Parallel()
		root := t.TempDir()
		path := filepath.Join(root, "a", "b", "roadmap.db")
		s := openAt(t, path)
		if s.Path() != path {
			t.Errorf("Path() = %q, want %q", s.Path(), path)
		}
		for _, dir := range []string{filepath.Join(root, "a"), filepath.Join(root, "a", "b")} {
			st, err := os.Stat(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode().Perm(); got != 0o700 {
				t.Errorf("%s has mode %o, want 700", dir, got)
			}
		}
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			st, err := os.Stat(f)
			if os.IsNotExist(err) && f != path {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode().Perm(); got != 0o600 {
				t.Errorf("%s has mode %o, want 600", filepath.Base(f), got)
			}
		}
	})

	t.Run("a relative path is made absolute", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		s := openAt(t, "roadmap.db")
		if want := filepath.Join(dir, "roadmap.db"); s.Path() != want {
			t.Errorf("Path() = %q, want %q", s.Path(), want)
		}
	})

	t.Run("sets the schema version and the application id", func(t *testing.T) {
		t.Parallel()
		path := dbPath(t)
		s := openAt(t, path)
		if got := pragma(t, s, "user_version"); got != int64(len(migrations)) {
			t.Errorf("user_version = %d, want %d", got, len(migrations))
		}
		if got := pragma(t, s, "application_id"); got != ApplicationID {
			t.Errorf("application_id = %#x, want %#x", got, ApplicationID)
		}
		// After closing, the header in the file itself says so too: that
		// is what the next Open reads before SQLite touches the file.
		s.Close()
		header := make([]byte, 100)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.Read(header); err != nil {
			t.Fatal(err)
		}
		if got := binary.BigEndian.Uint32(header[60:64]); got != uint32(len(migrations)) {
			t.Errorf("header user_version = %d, want %d", got, len(migrations))
		}
		if got := binary.BigEndian.Uint32(header[68:72]); got != ApplicationID {
			t.Errorf("header application_id = %#x, want %#x", got, ApplicationID)
		}
		noSidecars(t, path)
	})

	t.Run("sets the connection pragmas from the DSN", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		var mode string
		if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" {
			t.Errorf("journal_mode = %q, want wal", mode)
		}
		for name, want := range map[string]int64{"foreign_keys": 1, "busy_timeout": 10000, "synchronous": 2} {
			if got := pragma(t, s, name); got != want {
				t.Errorf("%s = %d, want %d", name, got, want)
			}
		}
	})

	t.Run("seeds the default model", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		m, err := s.Model(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got, want bytes.Buffer
		if err := roadmap.WriteModel(&got, m); err != nil {
			t.Fatal(err)
		}
		if err := roadmap.WriteModel(&want, roadmap.DefaultModel()); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("the seeded model differs from the default model")
		}
		r := mustLoad(t, s)
		if len(r.Initiatives) != 0 || len(r.Baseline) != 0 {
			t.Errorf("a new database has %d initiatives and baseline %v, want none", len(r.Initiatives), r.Baseline)
		}
		if n := len(history(t, s, HistoryFilter{})); n != 0 {
			t.Errorf("a new database has %d history events, want 0", n)
		}
	})

	t.Run("reopening keeps the data and does not migrate again", func(t *testing.T) {
		t.Parallel()
		path := dbPath(t)
		s := openAt(t, path)
		a := mustAdd(t, s, ini("Adopt Argo CD", "automation", 1))
		if _, err := s.Assess(ctx, "standardization", 2, "audit"); err != nil {
			t.Fatal(err)
		}
		s.Close()
		for i := 0; i < 3; i++ {
			s = openAt(t, path)
			r := mustLoad(t, s)
			if len(r.Initiatives) != 1 || r.Initiatives[0].Title != a.Title || r.Baseline["standardization"] != 2 {
				t.Fatalf("reopen %d: got %+v, baseline %v", i, r.Initiatives, r.Baseline)
			}
			if n := rowCount(t, s, "model"); n != 1 {
				t.Errorf("reopen %d: %d model rows, want 1", i, n)
			}
			if got := pragma(t, s, "user_version"); got != int64(len(migrations)) {
				t.Errorf("reopen %d: user_version = %d", i, got)
			}
			s.Close()
		}
	})

	t.Run("an empty file is taken as a new database when asked to", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "roadmap.db")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := OpenWith(ctx, path, OpenOptions{InitEmpty: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if got := pragma(t, s, "application_id"); got != ApplicationID {
			t.Errorf("application_id = %#x", got)
		}
	})

	t.Run("a second store opens a new database that the first still holds open", func(t *testing.T) {
		t.Parallel()
		// The first store's schema is still in its WAL, not yet copied
		// into the main file whose header the second Open reads.
		path := dbPath(t)
		s1 := openAt(t, path)
		mustAdd(t, s1, ini("Adopt Argo CD", "automation", 1))
		s2 := openAt(t, path)
		if r := mustLoad(t, s2); len(r.Initiatives) != 1 {
			t.Errorf("the second store sees %d initiatives, want 1", len(r.Initiatives))
		}
	})

	t.Run("two stores opening a new database at once migrate it once", func(t *testing.T) {
		t.Parallel()
		for round := 0; round < 5; round++ {
			path := dbPath(t)
			var wg sync.WaitGroup
			stores := make([]*Store, 3)
			errs := make([]error, len(stores))
			for i := range stores {
				wg.Add(1)
				go func() {
					defer wg.Done()
					stores[i], errs[i] = Open(ctx, path)
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("round %d: Open %d: %v", round, i, err)
				}
				t.Cleanup(func() { stores[i].Close() })
			}
			if n := rowCount(t, stores[0], "model"); n != 1 {
				t.Errorf("round %d: %d model rows, want 1", round, n)
			}
			if got := pragma(t, stores[1], "user_version"); got != int64(len(migrations)) {
				t.Errorf("round %d: user_version = %d", round, got)
			}
		}
	})
}

// refusal is a file that Open must refuse and leave as it was.
type refusal struct {
	name string
	// make creates the file at path (or whatever is at path).
	make func(t *testing.T, path string)
	// want are parts of the error.
	want []string
}

func TestOpenRefuses(t *testing.T) {
	t.Parallel()
	write := func(data []byte) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	random := make([]byte, 8192)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	// sqliteFile makes an SQLite file with another program's settings.
	sqliteFile := func(journal string, stmts ...string) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			db := rawDB(t, path, "journal_mode("+journal+")")
			mustExec(t, db, stmts...)
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}
	// maturityFile makes a maturity database, then changes its header
	// with a separate connection.
	maturityFile := func(stmts ...string) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			s, err := Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			mustAdd(t, s, ini("Adopt Argo CD", "automation", 1))
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if len(stmts) > 0 {
				db := rawDB(t, path)
				mustExec(t, db, stmts...)
				if err := db.Close(); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	newer := len(migrations) + 1

	cases := []refusal{
		{
			name: "a text file is not a maturity database",
			make: write([]byte("id,title\n1,Adopt Argo CD\n")),
			want: []string{"not a maturity database", "nothing was changed"},
		},
		{
			name: "a file of random bytes is not a maturity database",
			make: write(random),
			want: []string{"not a maturity database"},
		},
		{
			name: "a file shorter than an SQLite header is not a maturity database",
			make: write([]byte("SQLite format 3\x00short")),
			want: []string{"not a maturity database"},
		},
		{
			name: "an SQLite database of another application is refused",
			make: sqliteFile("delete", `CREATE TABLE contacts (name TEXT)`, `INSERT INTO contacts VALUES ('Ada')`),
			want: []string{"another application", "nothing was changed"},
		},
		{
			name: "an SQLite database of another application in WAL mode is refused",
			make: sqliteFile("wal", `CREATE TABLE contacts (name TEXT)`, `INSERT INTO contacts VALUES ('Ada')`),
			want: []string{"another application"},
		},
		{
			name: "an SQLite file with another application id is refused",
			make: sqliteFile("delete", `PRAGMA application_id = 0x12345678`),
			want: []string{"another application"},
		},
		{
			name: "an SQLite file with a user version but no application id is refused",
			make: sqliteFile("delete", `PRAGMA user_version = 1`),
			want: []string{"another application"},
		},
		{
			name: "a maturity database of a newer schema is refused",
			make: maturityFile("PRAGMA user_version = " + strconv.Itoa(newer)),
			want: []string{"newer version", "schema " + strconv.Itoa(newer), "nothing was changed"},
		},
		{
			name: "a maturity database whose application id was changed is refused",
			make: maturityFile("PRAGMA application_id = 7"),
			want: []string{"another application"},
		},
		{
			name: "a folder is not a database",
			make: func(t *testing.T, path string) {
				if err := os.Mkdir(path, 0o700); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"is a folder"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "roadmap.db")
			tc.make(t, path)
			before := fileHash(t, path)
			s, err := Open(context.Background(), path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded, want a refusal")
			}
			wantErr(t, err, tc.want...)
			if after := fileHash(t, path); after != before {
				t.Errorf("the file changed")
			}
			noSidecars(t, path)
		})
	}

	t.Run("a newer schema still in another connection's WAL is refused", func(t *testing.T) {
		t.Parallel()
		// The header in the main file still says version 1; the migration
		// step's own check must catch it.
		path := filepath.Join(t.TempDir(), "roadmap.db")
		maturityFile()(t, path)
		holder := rawDB(t, path)
		mustExec(t, holder, "PRAGMA user_version = "+strconv.Itoa(newer))
		before := fileHash(t, path)
		_, err := Open(context.Background(), path)
		wantErr(t, err, "newer version")
		if after := fileHash(t, path); after != before {
			t.Errorf("the file changed")
		}
	})

	t.Run("an SQLite database of another application that it holds open is refused", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "roadmap.db")
		holder := rawDB(t, path, "journal_mode(WAL)")
		mustExec(t, holder, `CREATE TABLE contacts (name TEXT)`, `INSERT INTO contacts VALUES ('Ada')`)
		before := fileHash(t, path)
		_, err := Open(context.Background(), path)
		wantErr(t, err, "another application")
		if after := fileHash(t, path); after != before {
			t.Errorf("the file changed")
		}
		var n int
		if err := holder.QueryRow(`SELECT count(*) FROM contacts`).Scan(&n); err != nil || n != 1 {
			t.Errorf("the other application's data: %d rows, %v", n, err)
		}
	})

	t.Run("an SQLite database without tables or ids is adopted", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "roadmap.db")
		db := rawDB(t, path, "journal_mode(delete)")
		mustExec(t, db, `CREATE TABLE scratch (x)`, `DROP TABLE scratch`)
		db.Close()
		s := openAt(t, path)
		if got := pragma(t, s, "application_id"); got != ApplicationID {
			t.Errorf("application_id = %#x", got)
		}
		mustAdd(t, s, ini("Adopted", "automation", 1))
	})

	t.Run("a path below a regular file cannot be created", func(t *testing.T) {
		t.Parallel()
		file := filepath.Join(t.TempDir(), "notes.txt")
		if err := os.WriteFile(file, []byte("notes"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Open(context.Background(), filepath.Join(file, "roadmap.db"))
		wantErr(t, err, "not a directory")
		if got, _ := os.ReadFile(file); string(got) != "notes" {
			t.Errorf("the file changed: %q", got)
		}
	})
}

// readOnly makes path unwritable even for root, with chattr +i, and undoes
// it when the test ends; it skips the test when that is not possible.
func readOnly(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		// Permissions bind an ordinary user.
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		mode := st.Mode().Perm()
		if err := os.Chmod(path, mode&^0o222); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, mode) })
		return
	}
	// Root ignores permissions; the immutable attribute binds root too.
	chattr, err := exec.LookPath("chattr")
	if err != nil {
		t.Skip("running as root, where permissions do not bind, and chattr is not available")
	}
	if out, err := exec.Command(chattr, "+i", path).CombinedOutput(); err != nil {
		t.Skipf("running as root, where permissions do not bind, and chattr +i fails here: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command(chattr, "-i", path).CombinedOutput(); err != nil {
			t.Errorf("chattr -i %s: %v: %s", path, err, out)
		}
	})
}

func TestOpenReadOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("a read-only database file can be read but not changed", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "roadmap.db")
		s := openAt(t, path)
		mustAdd(t, s, ini("Adopt Argo CD", "automation", 1))
		s.Close()
		readOnly(t, path)
		before := fileHash(t, path)

		s, err := Open(ctx, path)
		if err != nil {
			// Refusing at Open is fine too, as long as nothing changed.
			if after := fileHash(t, path); after != before {
				t.Errorf("the file changed")
			}
			return
		}
		defer s.Close()
		if r := mustLoad(t, s); len(r.Initiatives) != 1 {
			t.Errorf("Load found %d initiatives, want 1", len(r.Initiatives))
		}
		_, err = s.Add(ctx, ini("Write runbooks", "standardization", 1))
		wantErr(t, err, "read-only")
		_, err = s.Assess(ctx, "automation", 1, "")
		wantErr(t, err, "read-only")
		s.Close()
		if after := fileHash(t, path); after != before {
			t.Errorf("the file changed")
		}
	})

	t.Run("a database in a read-only folder is refused unchanged", func(t *testing.T) {
		t.Parallel()
		dir := filepath.Join(t.TempDir(), "data")
		path := filepath.Join(dir, "roadmap.db")
		s := openAt(t, path)
		mustAdd(t, s, ini("Adopt Argo CD", "automation", 1))
		s.Close()
		noSidecars(t, path)
		readOnly(t, dir)
		before := fileHash(t, path)

		s, err := Open(ctx, path)
		if err == nil {
			// Then at least nothing may be written.
			_, err = s.Add(ctx, ini("Write runbooks", "standardization", 1))
			s.Close()
		}
		if err == nil {
			t.Fatal("a write in a read-only folder succeeded")
		}
		if after := fileHash(t, path); after != before {
			t.Errorf("the file changed")
		}
		noSidecars(t, path)
	})

	t.Run("a new database in a read-only folder is refused", func(t *testing.T) {
		t.Parallel()
		dir := filepath.Join(t.TempDir(), "data")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		readOnly(t, dir)
		path := filepath.Join(dir, "roadmap.db")
		_, err := Open(ctx, path)
		wantErr(t, err, "create database")
		if _, err := os.Stat(path); err == nil {
			t.Errorf("the file was created")
		}
	})
}

func TestCorruptDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// makeDB writes a maturity database of several pages and closes it, so
	// that everything is in the main file.
	makeDB := func(t *testing.T) string {
		path := filepath.Join(t.TempDir(), "roadmap.db")
		s := openAt(t, path)
		for i := 0; i < 60; i++ {
			in := ini("Initiative "+strconv.Itoa(i), "automation", 1+i%4)
			in.Description = strings.Repeat("Long description of the work. ", 20)
			if i > 0 {
				in.DependsOn = []int64{int64(i)}
			}
			mustAdd(t, s, in)
		}
		if _, err := s.Assess(ctx, "standardization", 1, "audit"); err != nil {
			t.Fatal(err)
		}
		s.Close()
		noSidecars(t, path)
		return path
	}
	overwrite := func(fill func(b []byte)) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(data) < 4*4096 {
				t.Fatalf("the database has only %d bytes", len(data))
			}
			// Keep page 1 (header and schema), spoil the rest.
			fill(data[4096:])
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := []struct {
		name    string
		corrupt func(t *testing.T, path string)
	}{
		{"every page after the first overwritten with random bytes", overwrite(func(b []byte) {
			rng := rand.New(rand.NewPCG(3, 4))
			for i := range b {
				b[i] = byte(rng.UintN(256))
			}
		})},
		{"every page after the first overwritten with 0xff", overwrite(func(b []byte) {
			for i := range b {
				b[i] = 0xff
			}
		})},
		{"every page after the first zeroed", overwrite(func(b []byte) { clear(b) })},
		{"the middle of the file overwritten", overwrite(func(b []byte) {
			mid := b[len(b)/4 : len(b)*3/4]
			for i := range mid {
				mid[i] = byte(i * 7)
			}
		})},
	}
	for _, tc := range cases {
		t.Run(tc.name+" gives errors, not a panic", func(t *testing.T) {
			t.Parallel()
			path := makeDB(t)
			tc.corrupt(t, path)
			s, err := Open(ctx, path)
			if err != nil {
				return // refusing at Open is an error too
			}
			defer s.Close()
			var errs []error
			_, err = s.Load(ctx)
			errs = append(errs, err)
			_, err = s.LoadBrief(ctx)
			errs = append(errs, err)
			_, err = s.Add(ctx, ini("New", "automation", 1))
			errs = append(errs, err)
			_, err = s.Edit(ctx, 5, roadmap.Patch{Title: ptr("Renamed")}, Options{})
			errs = append(errs, err)
			_, err = s.SetStatus(ctx, 5, roadmap.MarkDone, Options{})
			errs = append(errs, err)
			_, err = s.Delete(ctx, 60, Options{})
			errs = append(errs, err)
			_, err = s.History(ctx, HistoryFilter{})
			errs = append(errs, err)
			if errs[0] == nil {
				t.Errorf("Load succeeded on a corrupt database")
			}
			for i, err := range errs {
				if err != nil {
					t.Logf("operation %d: %v", i, err)
				}
			}
		})
	}
}
