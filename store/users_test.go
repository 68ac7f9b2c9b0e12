package store

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"maturity/roadmap"
)

// newKey makes a fresh ed25519 public key as an authorized_keys line.
func newKey(t testing.TB, comment string) (string, ssh.PublicKey) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(k))) + " " + comment, k
}

// everything is the whole content of a store, as the local user reads
// it: its dump, its users and its access log.
func everything(t testing.TB, s *Store) string {
	t.Helper()
	ctx := context.Background()
	var b bytes.Buffer
	if err := s.ExportDump(ctx, &b); err != nil {
		t.Fatal(err)
	}
	us, err := s.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	log, err := s.AccessLog(ctx, t0.AddDate(-1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%s\n%+v\n%+v", b.String(), us, log)
}

// Every write of the store is refused to a role that does not allow it,
// with a RoleError and nothing written, and made for one that does.
func TestRolesAtTheWriteEntryPoint(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	key, _ := newKey(t, "new@host")
	ops := []struct {
		name  string
		need  Role
		op    func(ctx context.Context, s *Store) error
		empty bool // runs on a store without initiatives
	}{
		{"add an initiative", RolePlanner, func(ctx context.Context, s *Store) error {
			_, err := s.Add(ctx, ini("New", "automation", 1))
			return err
		}, false},
		{"edit an initiative", RolePlanner, func(ctx context.Context, s *Store) error {
			_, err := s.Edit(ctx, 1, roadmap.Patch{Owner: ptr("sam")}, Options{})
			return err
		}, false},
		{"set dependencies", RolePlanner, func(ctx context.Context, s *Store) error {
			_, err := s.Edit(ctx, 2, roadmap.Patch{DependsOn: &[]int64{1}}, Options{})
			return err
		}, false},
		{"start an initiative", RolePlanner, func(ctx context.Context, s *Store) error {
			_, err := s.SetStatus(ctx, 1, roadmap.Start, Options{})
			return err
		}, false},
		{"force a change", RolePlanner, func(ctx context.Context, s *Store) error {
			_, err := s.SetStatus(ctx, 2, roadmap.MarkDone, Options{Force: true, Reason: "done elsewhere"})
			return err
		}, false},
		{"delete an initiative", RolePlanner, func(ctx context.Context, s *Store) error {
			_, err := s.Delete(ctx, 1, Options{})
			return err
		}, false},
		{"assess a domain", RolePlanner, func(ctx context.Context, s *Store) error {
			_, err := s.Assess(ctx, "automation", 1, "")
			return err
		}, false},
		{"answer a criterion", RolePlanner, func(ctx context.Context, s *Store) error {
			_, err := s.Answer(ctx, "auto-1-scripted-provisioning", "met", "make env", "")
			return err
		}, false},
		{"record a metric", RolePlanner, func(ctx context.Context, s *Store) error {
			_, err := s.RecordValue(ctx, ValueInput{Metric: "change-lead-time", Quarter: roadmap.Quarter{Year: 2026, Q: 1}, Value: "2d"})
			return err
		}, false},
		{"set a capacity", RolePlanner, func(ctx context.Context, s *Store) error {
			return s.SetCapacity(ctx, roadmap.CapacityFigure{Effort: 30})
		}, false},
		{"unset a capacity", RolePlanner, func(ctx context.Context, s *Store) error {
			return s.UnsetCapacity(ctx, roadmap.Quarter{}, "sam") // the fixture's figure
		}, false},
		{"apply a schedule", RolePlanner, func(ctx context.Context, s *Store) error {
			v, err := s.Version(context.Background())
			if err != nil {
				return err
			}
			r, err := s.Load(context.Background())
			if err != nil {
				return err
			}
			in := r.Initiatives[len(r.Initiatives)-1]
			_, err = s.ApplySchedule(ctx, v, []roadmap.Move{{ID: in.ID, Version: in.Version, From: in.Quarter, To: roadmap.Quarter{Year: 2027, Q: 1}}})
			return err
		}, false},
		{"replace the model", RoleAdmin, func(ctx context.Context, s *Store) error {
			return s.ReplaceModel(ctx, modelWith(t, "security"))
		}, false},
		{"import a roadmap", RoleAdmin, func(ctx context.Context, s *Store) error {
			_, err := s.Import(ctx, roadmap.ImportOf([]roadmap.Initiative{{Title: "Imported", Domain: "automation", Level: 1}}), false)
			return err
		}, false},
		{"import rows", RoleAdmin, func(ctx context.Context, s *Store) error {
			_, err := s.ImportRows(ctx, roadmap.ImportOf([]roadmap.Initiative{{Title: "Imported", Domain: "automation", Level: 1}}).Source(), ImportOptions{})
			return err
		}, false},
		{"add evidence in bulk", RoleAdmin, func(ctx context.Context, s *Store) error {
			return s.AddEvidence(ctx, roadmap.Evidence{Answers: []roadmap.Answer{{Criterion: "auto-1-scripted-provisioning", State: "met", Actor: "sam", At: t0}}})
		}, false},
		{"restore a dump", RoleAdmin, func(ctx context.Context, s *Store) error {
			other := newStore(t)
			mustAdd(t, other, ini("Restored", "automation", 1))
			d, err := other.Dump(context.Background())
			if err != nil {
				return err
			}
			m, err := other.Model(context.Background())
			if err != nil {
				return err
			}
			return s.Restore(ctx, d, m)
		}, true},
		{"add a user", RoleAdmin, func(ctx context.Context, s *Store) error {
			_, err := s.AddUser(ctx, "newcomer", RolePlanner, []string{key})
			return err
		}, false},
		{"change a role", RoleAdmin, func(ctx context.Context, s *Store) error {
			_, err := s.SetRole(ctx, "sam", RoleAdmin)
			return err
		}, false},
		{"remove a user", RoleAdmin, func(ctx context.Context, s *Store) error {
			_, err := s.RemoveUser(ctx, "sam")
			return err
		}, false},
		{"record a login", RoleViewer, func(ctx context.Context, s *Store) error {
			return s.RecordAccess(ctx, AccessEvent{Event: AccessLogin, User: "sam", Address: "127.0.0.1:5000"})
		}, false},
	}
	callers := []struct {
		name  string
		ctx   context.Context
		local bool
		role  Role
	}{
		{"a viewer", WithIdentity(ctx, Identity{Name: "vera", Role: RoleViewer}), false, RoleViewer},
		{"a planner", WithIdentity(ctx, Identity{Name: "pia", Role: RolePlanner}), false, RolePlanner},
		{"an admin", WithIdentity(ctx, Identity{Name: "ada", Role: RoleAdmin}), false, RoleAdmin},
		{"the local user", WithActor(ctx, "me"), true, ""},
	}
	for _, op := range ops {
		for _, c := range callers {
			allowed := c.local || c.role.Allows(op.need)
			verb := "is refused"
			if allowed {
				verb = "is made"
			}
			t.Run(fmt.Sprintf("%s by %s %s", op.name, c.name, verb), func(t *testing.T) {
				t.Parallel()
				s := newStore(t)
				if !op.empty {
					mustAdd(t, s, ini("One", "standardization", 1))
					mustAdd(t, s, ini("Two", "governance", 2))
					if err := s.SetCapacity(ctx, roadmap.CapacityFigure{Owner: "sam", Effort: 5}); err != nil {
						t.Fatal(err)
					}
				}
				samKey, _ := newKey(t, "sam@laptop")
				if _, err := s.AddUser(ctx, "sam", RolePlanner, []string{samKey}); err != nil {
					t.Fatal(err)
				}
				before := everything(t, s)
				err := op.op(c.ctx, s)
				var re *RoleError
				if !allowed {
					if !errors.As(err, &re) || re.Need != op.need {
						t.Fatalf("got %v, want a refusal needing %s", err, op.need)
					}
					if !strings.HasSuffix(err.Error(), "nothing was changed") || !strings.Contains(err.Error(), c.role.String()) {
						t.Errorf("refusal %q", err)
					}
					if after := everything(t, s); after != before {
						t.Errorf("a refused write changed the store:\n%s\n---\n%s", before, after)
					}
					return
				}
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
			})
		}
	}
}

func TestUsers(t *testing.T) {
	t.Parallel()
	ctx := WithActor(context.Background(), "root")
	s := newStore(t)
	k1, pub1 := newKey(t, "dana@laptop")
	k2, pub2 := newKey(t, "dana@desk")
	k3, pub3 := newKey(t, "")

	ch, err := s.AddUser(ctx, "dana", RolePlanner, []string{k1})
	if err != nil || !ch.Created || len(ch.Added) != 1 || ch.User.Role != RolePlanner {
		t.Fatalf("AddUser: %+v, %v", ch, err)
	}
	t.Run("a user may have several keys, added later", func(t *testing.T) {
		ch, err := s.AddUser(ctx, "Dana", "", []string{k2, k1})
		if err != nil || ch.Created || len(ch.Added) != 1 || len(ch.User.Keys) != 2 {
			t.Fatalf("AddUser again: %+v, %v", ch, err)
		}
		for _, pub := range []ssh.PublicKey{pub1, pub2} {
			if id, found, err := s.UserOfKey(ctx, pub); err != nil || !found || id != (Identity{Name: "dana", Role: RolePlanner}) {
				t.Errorf("UserOfKey: %+v %v %v", id, found, err)
			}
		}
		if ch.User.Keys[1].Comment != "dana@desk" || ch.User.Keys[1].Fingerprint != ssh.FingerprintSHA256(pub2) {
			t.Errorf("keys %+v", ch.User.Keys)
		}
	})
	t.Run("refusals write nothing", func(t *testing.T) {
		before := everything(t, s)
		for _, c := range []struct {
			name string
			do   func() error
			want string
		}{
			{"another user's key", func() error { _, err := s.AddUser(ctx, "sam", RoleViewer, []string{k1}); return err }, "already belongs to dana"},
			{"a new user without a key", func() error { _, err := s.AddUser(ctx, "sam", RoleViewer, nil); return err }, "needs a key"},
			{"a bad name", func() error { _, err := s.AddUser(ctx, "sam smith", RoleViewer, []string{k3}); return err }, "invalid user name"},
			{"a bad role", func() error { _, err := s.AddUser(ctx, "sam", "boss", []string{k3}); return err }, `unknown role "boss"`},
			{"a bad key", func() error { _, err := s.AddUser(ctx, "sam", RoleViewer, []string{"ssh-ed25519 AAAA"}); return err }, "not a public key"},
			{"two keys in one", func() error { _, err := s.AddUser(ctx, "sam", RoleViewer, []string{k3 + "\n" + k2}); return err }, "one line"},
			{"options", func() error { _, err := s.AddUser(ctx, "sam", RoleViewer, []string{`command="ls" ` + k3}); return err }, "without authorized_keys options"},
			{"a role change to the same", func() error { _, err := s.SetRole(ctx, "dana", RolePlanner); return err }, "is a planner already"},
			{"another role on add", func() error { _, err := s.AddUser(ctx, "dana", RoleAdmin, []string{k3}); return err }, "users role dana admin"},
			{"removing nobody", func() error { _, err := s.RemoveUser(ctx, "nobody"); return err }, `no user "nobody"`},
		} {
			if err := c.do(); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: got %v, want %q", c.name, err, c.want)
			}
		}
		if after := everything(t, s); after != before {
			t.Errorf("a refusal wrote:\n%s\n---\n%s", before, after)
		}
		if _, found, _ := s.UserOfKey(ctx, pub3); found {
			t.Error("the refused key was stored")
		}
	})
	t.Run("a role change counts at once, a removal takes the keys", func(t *testing.T) {
		if _, err := s.SetRole(ctx, "DANA", RoleViewer); err != nil {
			t.Fatal(err)
		}
		if id, _, _ := s.UserOfKey(ctx, pub1); id.Role != RoleViewer {
			t.Errorf("role %s", id.Role)
		}
		if u, err := s.RemoveUser(ctx, "dana"); err != nil || u.Name != "dana" {
			t.Fatalf("RemoveUser: %+v %v", u, err)
		}
		if _, found, _ := s.UserOfKey(ctx, pub2); found {
			t.Error("a removed user's key still lets in")
		}
		// The key is free for another user now.
		if _, err := s.AddUser(ctx, "sam", RoleViewer, []string{k2}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("the access log has every change of the users, by whom", func(t *testing.T) {
		log, err := s.AccessLog(ctx, t0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range log {
			got = append(got, e.Event+" "+e.User+" "+e.Detail)
		}
		want := []string{
			"user-add dana role planner (by root)",
			"key-add dana dana@laptop (by root)",
			"key-add dana dana@desk (by root)",
			"user-role dana planner → viewer (by root)",
			"user-rm dana was a viewer with 2 key(s) (by root)",
			"user-add sam role viewer (by root)",
			"key-add sam dana@desk (by root)",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("log\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("only an admin reads the users and the log", func(t *testing.T) {
		pctx := WithIdentity(ctx, Identity{Name: "pia", Role: RolePlanner})
		var re *RoleError
		if _, err := s.Users(pctx); !errors.As(err, &re) {
			t.Errorf("Users by a planner: %v", err)
		}
		if _, err := s.AccessLog(pctx, t0); !errors.As(err, &re) {
			t.Errorf("AccessLog by a planner: %v", err)
		}
	})
}

// dropUsers takes out what migrate6 adds, for tests that turn a database
// back into an older schema.
const dropUsers = `DROP TABLE access_log; DROP TABLE user_keys; DROP TABLE users`

// Migration 6 gives an older database the users, their keys and the
// access log, and keeps its roadmap.
func TestMigration6AddsUsers(t *testing.T) {
	t.Parallel()
	path := dbPath(t)
	s := openAt(t, path)
	mustAdd(t, s, ini("Kept", "standardization", 1))
	s.Close()
	db := rawDB(t, path)
	mustExec(t, db, dropUsers, fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations)-1))
	db.Close()
	s = openAt(t, path)
	key, _ := newKey(t, "dana@host")
	if _, err := s.AddUser(context.Background(), "dana", RoleViewer, []string{key}); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Load(context.Background()); err != nil || len(r.Initiatives) != 1 {
		t.Errorf("after the upgrade: %v (%v)", r, err)
	}
}
