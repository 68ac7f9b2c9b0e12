package cli

import (
	"errors"
	"fmt"
	"os/user"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"maturity/roadmap"
	"maturity/store"
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
// operating system user, else $USER, else "unknown". The name is held to
// the history's rule (store.CleanActor), so that every dump restores: an
// invalid $MATURITY_USER is refused, naming the variable; a name from the
// system is cleaned (control characters become spaces, it is cut to
// store.MaxActor characters), as the user did not choose it.
func Actor(getenv func(string) string) (string, error) {
	return actor(getenv, func() (string, error) {
		u, err := user.Current()
		if err != nil {
			return "", err
		}
		return u.Username, nil
	})
}

func actor(getenv func(string) string, osUser func() (string, error)) (string, error) {
	if u := getenv("MATURITY_USER"); strings.TrimSpace(u) != "" {
		clean, err := store.CleanActor(u, "it")
		if err != nil {
			return "", fmt.Errorf("invalid MATURITY_USER: %v", err)
		}
		return clean, nil
	}
	var names []string
	if u, err := osUser(); err == nil {
		names = append(names, u)
	}
	names = append(names, getenv("USER"))
	for _, u := range names {
		if clean := cleanSystemName(u); clean != "" {
			return clean, nil
		}
	}
	return "unknown", nil
}

// cleanSystemName makes a name from the system fit store.CleanActor, or
// returns "".
func cleanSystemName(u string) string {
	u = strings.TrimSpace(roadmap.Printable(strings.ToValidUTF8(u, " ")))
	if utf8.RuneCountInString(u) > store.MaxActor {
		u = strings.TrimSpace(string([]rune(u)[:store.MaxActor]))
	}
	if clean, err := store.CleanActor(u, "name"); err == nil {
		return clean
	}
	return ""
}
