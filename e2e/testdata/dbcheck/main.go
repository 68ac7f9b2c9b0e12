// Command dbcheck looks inside a maturity database file with SQLite
// directly, for the e2e crash test: it prints as JSON the result of PRAGMA
// integrity_check, any foreign key violations, the row counts and a hash of
// every row without the timestamps. Opening the file recovers a WAL left by
// a killed process, as any SQLite opener does. It is a separate program,
// built without the race detector, so that the checks cost the same under
// 'go test -race'.
package main

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"

	_ "modernc.org/sqlite"
)

// State is what dbcheck reports.
type State struct {
	Integrity    string   `json:"integrity"`
	ForeignKeys  []string `json:"foreign_keys"`
	Initiatives  int      `json:"initiatives"`
	History      int      `json:"history"`
	Dependencies int      `json:"dependencies"`
	Content      string   `json:"content"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: dbcheck DATABASE")
		os.Exit(2)
	}
	s, err := check(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "dbcheck:", err)
		os.Exit(1)
	}
	if err := json.NewEncoder(os.Stdout).Encode(s); err != nil {
		os.Exit(1)
	}
}

func check(path string) (*State, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}).String())
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var s State
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&s.Integrity); err != nil {
		return nil, fmt.Errorf("integrity_check: %v", err)
	}
	rows, err := db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, parent string
		var rowid, fk sql.NullInt64
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return nil, err
		}
		s.ForeignKeys = append(s.ForeignKeys, fmt.Sprintf("%s row %d → %s", table, rowid.Int64, parent))
	}
	rows.Close()
	h := sha256.New()
	for _, q := range []struct {
		count *int
		query string
	}{
		{&s.Initiatives, `SELECT id, title, description, domain, level, quarter, status, owner, coalesce(effort, -1), version FROM initiatives ORDER BY id`},
		{&s.Dependencies, `SELECT initiative_id, depends_on FROM dependencies ORDER BY 1, 2`},
		{&s.History, `SELECT id, actor, coalesce(initiative_id, 0), action, field, old, new, reason FROM history ORDER BY id`},
		{new(int), `SELECT name, seq FROM sqlite_sequence ORDER BY name`},
	} {
		rows, err := db.Query(q.query)
		if err != nil {
			return nil, err
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				return nil, err
			}
			fmt.Fprintf(h, "%q\n", vals)
			*q.count++
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		rows.Close()
	}
	s.Content = hex.EncodeToString(h.Sum(nil))
	return &s, nil
}
