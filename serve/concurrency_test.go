package serve

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"maturity/store"
)

// Ten users change the roadmap at once, each in session after session, for
// a few seconds: every change acknowledged (exit status 0) is there, with
// one history entry under its user, and none failed for a lock.
func TestConcurrentSessions(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	const users = 10
	clients := make([]*gossh.Client, users)
	for i := range clients {
		clients[i] = ts.connect(ts.user(fmt.Sprintf("user%d", i), store.RolePlanner))
	}
	var mu sync.Mutex
	acked := map[string]string{} // title → user
	var wg sync.WaitGroup
	stop := time.Now().Add(3 * time.Second)
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; time.Now().Before(stop); n++ {
				title := fmt.Sprintf("u%d-%d", i, n)
				r := ts.exec(c, "", "add "+title+" --domain automation --level 1")
				if r.status != 0 {
					t.Errorf("%s: %+v", title, r)
					return
				}
				mu.Lock()
				acked[title] = fmt.Sprintf("user%d", i)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	r, err := ts.st.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]int64{}
	for _, in := range r.Initiatives {
		byTitle[in.Title] = in.ID
	}
	evs, err := ts.st.History(context.Background(), store.HistoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	creates := map[int64][]string{}
	for _, e := range evs {
		if e.Action == store.ActionCreate {
			creates[e.Initiative] = append(creates[e.Initiative], e.Actor)
		}
	}
	for title, user := range acked {
		id, ok := byTitle[title]
		if !ok {
			t.Errorf("acknowledged %s is missing", title)
			continue
		}
		if got := creates[id]; len(got) != 1 || got[0] != user {
			t.Errorf("%s: creations recorded %q, want one by %s", title, got, user)
		}
	}
	if len(r.Initiatives) != len(acked) || len(evs) != len(acked) {
		t.Errorf("%d initiatives and %d history entries for %d acknowledged changes", len(r.Initiatives), len(evs), len(acked))
	}
	t.Logf("%d changes by %d sessions at once", len(acked), users)
}

// A session whose connection drops while it sends an import writes
// nothing: the end of a lost connection is not the end of the input.
func TestDroppedImportWritesNothing(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	c := ts.connect(ts.user("ada", store.RoleAdmin))
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Start("import -"); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("title,domain,level\n")
	for i := range 200 {
		fmt.Fprintf(&b, "Row %d,automation,1\n", i)
	}
	if _, err := in.Write([]byte(b.String())); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return ts.srv.openSessions() == 1 })
	// The connection goes without the end of the input being sent.
	c.Close()
	waitFor(t, func() bool { return ts.srv.openSessions() == 0 })
	r, err := ts.st.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Initiatives) != 0 {
		t.Errorf("a dropped import wrote %d initiatives", len(r.Initiatives))
	}
}
