package cli

import (
	"errors"
	"strings"
	"testing"
)

func TestActorCleansTheSystemName(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 250)
	cases := []struct {
		name, osUser, user, want string
	}{
		{"a plain name is kept", "dana", "", "dana"},
		{"control characters become spaces", "da\x1b[31mna\n", "", "da [31mna"},
		{"invalid UTF-8 becomes spaces", "da\xffna", "", "da na"},
		{"a long name is cut to 200 characters", long, "", long[:400]},
		{"a blank name falls back to $USER", " \x07 ", "lee", "lee"},
		{"$USER is cleaned too", "", "l\x00ee", "l ee"},
		{"nothing usable gives unknown", "", "\x1b", "unknown"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"USER": tc.user}
			got, err := actor(func(k string) string { return env[k] }, func() (string, error) {
				if tc.osUser == "" {
					return "", errors.New("no user")
				}
				return tc.osUser, nil
			})
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
