package serve

import (
	"context"
	"strings"
	"testing"
	"time"

	"maturity/roadmap"
	"maturity/store"
)

// seed adds a few initiatives as the local user.
func (ts *testServer) seed(titles ...string) {
	ts.t.Helper()
	for _, title := range titles {
		if _, err := ts.st.Add(context.Background(), roadmap.Initiative{Title: title, Domain: "standardization", Level: 1}); err != nil {
			ts.t.Fatal(err)
		}
	}
}

// A change made in one dashboard shows in another at once, without a key
// press there: the server tells every session after each commit, as
// sessions sharing one store do not see each other's commits in PRAGMA
// data_version (so the poll alone would never show it).
func TestDashboardsSeeEachOthersChanges(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	ts.seed("Version everything")
	dana := openTerminal(t, ts.connect(ts.user("dana", store.RolePlanner)), 120, 40)
	sam := openTerminal(t, ts.connect(ts.user("sam", store.RoleViewer)), 100, 30)
	dana.waitFor("Dashboard", 0)
	sam.waitFor("Dashboard", 0)
	// The Initiatives view, the first row, edit its title, save.
	dana.send("3")
	dana.waitFor("Version everything", 0)
	mark := len(sam.screen())
	dana.send("e")
	dana.waitFor("Title", 0)
	dana.send("\x15Renamed by Dana\x13")
	took := sam.waitFor("reloaded: the roadmap was changed elsewhere", mark)
	t.Logf("the other dashboard showed the change after %s", took)
	evs, err := ts.st.History(context.Background(), store.HistoryFilter{Initiative: 1, Limit: 1})
	if err != nil || len(evs) != 1 || evs[0].Actor != "dana" || evs[0].New != "Renamed by Dana" {
		t.Errorf("history %+v (%v)", evs, err)
	}
	// sam's own dashboard refuses what a viewer may not do, and says why.
	mark = len(sam.screen())
	sam.send("a")
	sam.waitFor("sam is a viewer: changing the roadmap needs the planner role; nothing was changed", mark)
}

// Shutdown tells each dashboard "server shutting down" and ends it.
func TestShutdownEndsDashboards(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	term := openTerminal(t, ts.connect(ts.user("dana", store.RolePlanner)), 80, 24)
	term.waitFor("Dashboard", 0)
	ts.shutdown()
	// As 'maturity serve' does once Shutdown returns.
	ts.st.Close()
	err := <-term.done
	if !strings.Contains(term.screen(), "server shutting down") {
		t.Errorf("the session ended (%v) without saying why:\n%s", err, term.screen())
	}
	if n := ts.srv.openSessions(); n != 0 {
		t.Errorf("%d sessions left", n)
	}
	// The logout is recorded before the drain counts the session gone,
	// after which the store's owner may close it.
	if strings.Contains(ts.log.String(), "cannot record") {
		t.Errorf("server log:\n%s", ts.log.String())
	}
	st, err := store.Open(context.Background(), ts.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	evs, err := st.AccessLog(context.Background(), time.Time{})
	if err != nil || evs[len(evs)-1].Event != store.AccessLogout || evs[len(evs)-1].User != "dana" {
		t.Errorf("the access log ends with %+v (%v)", evs[len(evs)-1], err)
	}
}
