package cli

import (
	"errors"
	"os/user"
	"path/filepath"
	"strings"
)

// DefaultDBPath returns where the database lives when --db is not given:
// $MATURITY_DB, else $XDG_DATA_HOME/maturity/roadmap.db, else
// ~/.local/share/maturity/roadmap.db.
func DefaultDBPath(getenv func(string) string) (string, error) {
	if p := getenv("MATURITY_DB"); p != "" {
		return p, nil
	}
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "maturity", "roadmap.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("cannot find a place for the database: set --db, MATURITY_DB or HOME")
	}
	return filepath.Join(home, ".local", "share", "maturity", "roadmap.db"), nil
}

// Actor names who makes changes, for the history: $MATURITY_USER, else the
// operating system user.
func Actor(getenv func(string) string) string {
	if u := strings.TrimSpace(getenv("MATURITY_USER")); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}
