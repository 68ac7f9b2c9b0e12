package serve

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"maturity/roadmap"
	"maturity/store"
)

// BenchmarkKeyPress measures how long a key press takes to come back
// redrawn, from the key sent on loopback to the first bytes of the new
// screen, with dashboards on the demo roadmap open (120×40, the
// Initiatives view, j and k moving the selection): one session; 32
// sessions, one pressing at a time (people taking turns); 32 sessions all
// pressing at once, each its next key as soon as its last frame is drawn
// (25 ms without output). It reports the median, the
// 95th percentile and the worst press.
func BenchmarkKeyPress(b *testing.B) {
	b.Run("1 session", func(b *testing.B) { benchKeyPress(b, 1, 1) })
	b.Run("32 sessions, one at a time", func(b *testing.B) { benchKeyPress(b, 32, 1) })
	b.Run("32 sessions, all at once", func(b *testing.B) { benchKeyPress(b, 32, 32) })
}

// benchKeyPress opens sessions dashboards, of which pressing press keys
// at once.
func benchKeyPress(b *testing.B, sessions, pressing int) {
	ts := startServer(b, Config{MaxSessions: sessions})
	today := time.Now()
	ctx := context.Background()
	if _, err := ts.st.Import(ctx, roadmap.ImportOf(roadmap.Demo(roadmap.QuarterOf(today))), false); err != nil {
		b.Fatal(err)
	}
	if err := ts.st.AddEvidence(ctx, roadmap.DemoEvidence(today)); err != nil {
		b.Fatal(err)
	}
	terms := make([]*terminal, sessions)
	for i := range terms {
		c := ts.connect(ts.user(fmt.Sprintf("user%d", i), store.RoleViewer))
		terms[i] = openTerminal(b, c, 120, 40)
		terms[i].waitFor("Dashboard", 0)
		terms[i].send("3") // the Initiatives view: j and k move the selection
		terms[i].waitFor("Initiatives", 0)
	}
	// Every session done drawing (25 ms without output) before the first
	// press, so that the first bytes after a press are its own frame.
	for _, term := range terms {
		for term.out.grown(term.out.Len(), 25*time.Millisecond) {
		}
	}
	var mu sync.Mutex
	var took []time.Duration
	per := max(1, b.N/pressing)
	b.ResetTimer()
	var wg sync.WaitGroup
	for g := range pressing {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range per {
				// Turn by turn through the sessions this one presses in.
				turn := g + n*pressing
				term := terms[turn%sessions]
				// Twenty times down, twenty up, …: each press in a
				// session moves its selection, so each redraws, and a
				// press seldom undoes the one before (a frame the
				// renderer would find unchanged, and not write).
				k := "j"
				if (turn/sessions/20)%2 == 1 {
					k = "k"
				}
				mark := term.out.Len()
				start := time.Now()
				term.send(k)
				if !term.out.grown(mark, testTimeout) {
					b.Errorf("a key press was not redrawn: session %d press %d, %d bytes so far", turn%sessions, n, term.out.Len())
					return
				}
				d := time.Since(start)
				mu.Lock()
				took = append(took, d)
				mu.Unlock()
				// Let the frame finish before the next press: wait until
				// the session has written nothing for longer than a frame
				// takes (Bubble Tea draws at most 60 a second), so that
				// two presses that undo each other (j, k) are never drawn
				// as one unchanged frame, which writes nothing.
				for term.out.grown(term.out.Len(), 25*time.Millisecond) {
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(took)
	q := func(f float64) float64 { return float64(took[int(f*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.5), "p50-ms")
	b.ReportMetric(q(0.95), "p95-ms")
	b.ReportMetric(q(1), "max-ms")
}
