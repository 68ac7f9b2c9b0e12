package serve

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"maturity/store"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	dana := ts.user("dana", store.RolePlanner)

	t.Run("a user's key gets in, as that user", func(t *testing.T) {
		c := ts.connect(dana)
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		sess.Close()
	})
	t.Run("an unknown key is refused", func(t *testing.T) {
		stranger, _ := newKey(t, "stranger")
		if c, err := ts.dial(gossh.PublicKeys(stranger)); err == nil {
			c.Close()
			t.Fatal("an unknown key got in")
		}
	})
	t.Run("a password is refused, as no password login is offered", func(t *testing.T) {
		_, err := ts.dial(gossh.Password("dana"), gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			return []string{"dana"}, nil
		}))
		if err == nil || !strings.Contains(err.Error(), "attempted methods [none]") {
			t.Fatalf("got %v, want a refusal offering public keys only", err)
		}
	})
	t.Run("the refusals are in the access log", func(t *testing.T) {
		// The server records a refusal once the client has gone.
		waitFor(t, func() bool {
			log := strings.Join(ts.accessLog(), "\n")
			return strings.Contains(log, "refused  unknown key") && strings.Contains(log, "refused  no public key offered")
		})
	})
}

func TestAnonymousViewers(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{Anonymous: store.RoleViewer})
	stranger, _ := newKey(t, "stranger")
	c := ts.connect(stranger)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	sess.Close()
	if _, err := New(ts.st, Config{HostKey: nil, Anonymous: store.RolePlanner}); err == nil {
		t.Error("anonymous planners were allowed")
	}
}

func TestHostKey(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "keys", "host")
	s1, _, created, err := HostKey(path)
	if err != nil || !created {
		t.Fatalf("HostKey: %v, created %v", err, created)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("host key file mode %v (%v)", st.Mode(), err)
	}
	s2, _, created, err := HostKey(path)
	if err != nil || created || string(s2.PublicKey().Marshal()) != string(s1.PublicKey().Marshal()) {
		t.Fatalf("second HostKey: %v, created %v, same %v", err, created, s1 == s2)
	}
	if s1.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("key type %s", s1.PublicKey().Type())
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := HostKey(path); err == nil || !strings.Contains(err.Error(), "may be read by others (mode 0644)") {
		t.Errorf("a readable host key: %v", err)
	}
}
func TestMaxSessions(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{MaxSessions: 1})
	c := ts.connect(ts.user("dana", store.RoleViewer))
	// A first session holds the only place while its input stays open.
	first, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	in, err := first.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	first.Stdout = &out
	if err := first.Start("import -"); err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	waitFor(t, func() bool { return ts.srv.openSessions() == 1 })
	r := ts.exec(c, "", "version")
	if r.status == 0 || !strings.Contains(r.stderr, "the server has 1 sessions open, the most it takes") {
		t.Errorf("second session: %+v", r)
	}
	in.Close()
}

// Every login, refusal and logout is in the access log, with who, the
// key's fingerprint, the address and when; an admin reads it remotely.
func TestAccessLog(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	ada := ts.user("ada", store.RoleAdmin)
	c := ts.connect(ada)
	ts.exec(c, "", "maturity list")
	stranger, _ := newKey(t, "stranger")
	if c, err := ts.dial(gossh.PublicKeys(stranger)); err == nil {
		c.Close()
	}
	fp := gossh.FingerprintSHA256(ada.PublicKey())
	waitFor(t, func() bool {
		evs, _ := ts.st.AccessLog(context.Background(), time.Time{})
		return len(evs) >= 5
	})
	evs, err := ts.st.AccessLog(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs[2:] { // after the user's creation
		if e.At.IsZero() || (e.Event != store.AccessRefused && (e.Fingerprint != fp || !strings.HasPrefix(e.Address, "127.0.0.1:"))) {
			t.Errorf("entry %+v", e)
		}
		got = append(got, e.Event+" "+e.User+" "+strings.Fields(e.Detail + " x")[0])
	}
	// The logout and the refusal may be recorded in either order.
	slices.Sort(got)
	want := []string{"login ada admin:", "logout ada after", "refused  unknown"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("access log\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	r := ts.exec(c, "", "users log --since 2000-01-01")
	if r.status != 0 || !strings.Contains(r.stdout, "login  ada  "+fp+"  127.0.0.1:") || !strings.Contains(r.stdout, "refused  (unknown)") {
		t.Errorf("remote users log: %+v", r)
	}
}
