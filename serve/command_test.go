package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"maturity/store"
)

// dump is the roadmap the server holds, as a dump, with its users.
func (ts *testServer) dump() string {
	ts.t.Helper()
	var b bytes.Buffer
	if err := ts.st.ExportDump(context.Background(), &b); err != nil {
		ts.t.Fatal(err)
	}
	us, err := ts.st.Users(context.Background())
	if err != nil {
		ts.t.Fatal(err)
	}
	for _, u := range us {
		b.WriteString(u.Name + " " + string(u.Role) + "\n")
	}
	return b.String()
}

const importCSV = "title,domain,level\nImported,governance,1\n"

// Each role runs what it may over SSH, and is refused the rest with one
// line and the database unchanged.
func TestRemoteCommandsByRole(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	clients := map[store.Role]*gossh.Client{}
	for _, r := range store.Roles {
		clients[r] = ts.connect(ts.user(string(r)+"-user", r))
	}
	_, newLine := newKey(t, "new@test")
	cases := []struct {
		role    store.Role
		stdin   string
		cmd     string
		status  int
		stdout  string // a part of standard output
		stderr  string // a part of standard error
		changes bool
	}{
		{store.RoleViewer, "", "maturity check --format json", 0, "[]", "", false},
		{store.RoleViewer, "", "list", 0, "", "", false},
		{store.RoleViewer, "", "version", 0, "maturity ", "", false},
		{store.RoleViewer, "", "add Mine --domain automation --level 1", 1, "", "maturity: viewer-user is a viewer: changing the plan needs the planner role; nothing was changed\n", false},
		{store.RoleViewer, "", "assess automation 1", 1, "", "recording evidence needs the planner role", false},
		{store.RoleViewer, "", "users list", 1, "", "managing users needs the admin role", false},
		{store.RoleViewer, "", "--db /tmp/other.db list", 2, "", "maturity: --db is not offered over SSH", false},
		{store.RoleViewer, "", "list --db=/tmp/other.db", 2, "", "--db is not offered over SSH", false},
		{store.RoleViewer, "", "backup /tmp/copy.db", 2, "", "backup is not offered over SSH", false},
		{store.RoleViewer, "", "init --demo", 2, "", "init is not offered over SSH", false},
		{store.RoleViewer, "", "export -o /tmp/out.csv", 2, "", "-o /tmp/out.csv would write on the server", false},
		{store.RoleViewer, "", "export -o -", 0, "id,title", "", false},
		{store.RolePlanner, "", "maturity add Ours --domain standardization --level 1", 0, "", `added #1 "Ours"`, true},
		{store.RolePlanner, "", "start 1", 0, "", "started #1", true},
		{store.RolePlanner, importCSV, "import -", 1, "", "importing needs the admin role", false},
		{store.RolePlanner, "", "users add x --key '" + newLine + "'", 1, "", "needs the admin role", false},
		{store.RoleAdmin, importCSV, "import roadmap.csv", 0, "", "", true},
		{store.RoleAdmin, "", "users add newcomer --role viewer --key '" + newLine + "'", 0, "", "added newcomer, a viewer", true},
		{store.RoleAdmin, "", "serve", 2, "", "serve is not offered over SSH", false},
		{store.RoleAdmin, "", "nosuch", 2, "", `unknown command "nosuch"`, false},
	}
	for _, c := range cases {
		c := c
		t.Run(string(c.role)+" "+c.cmd, func(t *testing.T) {
			before := ts.dump()
			r := ts.exec(clients[c.role], c.stdin, c.cmd)
			if r.status != c.status || !strings.Contains(r.stdout, c.stdout) || !strings.Contains(r.stderr, c.stderr) {
				t.Errorf("got status %d\nstdout %q\nstderr %q\nwant %d, %q, %q", r.status, r.stdout, r.stderr, c.status, c.stdout, c.stderr)
			}
			if changed := ts.dump() != before; changed != c.changes {
				t.Errorf("the database changed: %v, want %v", changed, c.changes)
			}
		})
	}
	t.Run("the history names the SSH user", func(t *testing.T) {
		evs, err := ts.st.History(context.Background(), store.HistoryFilter{Initiative: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			if e.Actor != "planner-user" {
				t.Errorf("%s by %q", e.Text(), e.Actor)
			}
		}
		r := ts.exec(clients[store.RoleViewer], "", "log 1 --format json")
		var got []struct{ Actor string }
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) != 2 || got[0].Actor != "planner-user" {
			t.Errorf("remote log: %q %v", r.stdout, err)
		}
	})
	t.Run("a failing check exits 1, as locally", func(t *testing.T) {
		ts.exec(clients[store.RolePlanner], "", "add Late --domain automation --level 1 --quarter 2020-Q1")
		r := ts.exec(clients[store.RoleViewer], "", "check")
		if r.status != 1 || !strings.Contains(r.stdout, "overdue") {
			t.Errorf("check: %+v", r)
		}
	})
}
