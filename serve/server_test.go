package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
