package serve

import (
	"sync"

	tea "charm.land/bubbletea/v2"

	"maturity/tui"
)

// hub tells every dashboard of the server that the database changed
// (tui.ChangedMsg), after each commit through the served store: sessions
// that share one store do not see each other's commits through PRAGMA
// data_version. A dashboard busy with an earlier notice gets one more,
// not one per commit.
type hub struct {
	mu        sync.Mutex
	listeners map[*listener]struct{}
}

type listener struct {
	p    *tea.Program
	kick chan struct{} // holds at most one notice not yet sent
}

func newHub() *hub { return &hub{listeners: map[*listener]struct{}{}} }

// add starts telling p; the returned function stops.
func (h *hub) add(p *tea.Program) (remove func()) {
	l := &listener{p: p, kick: make(chan struct{}, 1)}
	h.mu.Lock()
	h.listeners[l] = struct{}{}
	h.mu.Unlock()
	go func() {
		for range l.kick {
			p.Send(tui.ChangedMsg{})
		}
	}()
	return func() {
		h.mu.Lock()
		delete(h.listeners, l)
		h.mu.Unlock()
		close(l.kick)
	}
}

// broadcast tells every dashboard, without waiting for any.
func (h *hub) broadcast() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for l := range h.listeners {
		select {
		case l.kick <- struct{}{}:
		default: // a notice is on its way already
		}
	}
}
