package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"maturity/roadmap"
	"maturity/store"
)

// benchAssessDB is the generated roadmap of n initiatives with a model of
// 64 criteria (the default's and more checks) and 12 metrics, every check
// answered twice, and every metric's value for each of 40 quarters up to
// today's: the size the assessment's speed is promised at.
func benchAssessDB(b *testing.B, dir string, n int, today time.Time) string {
	db := filepath.Join(dir, fmt.Sprintf("assess-%d.db", n))
	if _, err := os.Stat(db); err == nil {
		return db
	}
	runQuiet(b, "--db", db, "import", benchCSV(b, dir, n))
	p := roadmap.DefaultModel().Parts()
	for i := 0; len(p.Criteria) < 64; i++ {
		d := p.Domains[i%len(p.Domains)].Key
		p.Criteria = append(p.Criteria, roadmap.Criterion{Key: fmt.Sprintf("extra-%d", i), Domain: d, Level: 1 + i/len(p.Domains)%roadmap.MaxLevel,
			Check: fmt.Sprintf("An extra check number %d holds.", i)})
	}
	m, err := roadmap.NewModelOf(p)
	if err != nil {
		b.Fatal(err)
	}
	var doc bytes.Buffer
	if err := roadmap.WriteModel(&doc, m); err != nil {
		b.Fatal(err)
	}
	modelFile := filepath.Join(dir, "model-64.yaml")
	if err := os.WriteFile(modelFile, doc.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	runQuiet(b, "--db", db, "model", "import", modelFile)
	var ev roadmap.Evidence
	at := today.AddDate(-10, 0, 0)
	for round := 0; round < 2; round++ {
		for i, c := range m.Criteria {
			if c.IsCheck() {
				st := []roadmap.CriterionState{roadmap.Met, roadmap.Unmet, roadmap.Unknown}[(i+round)%3]
				at = at.Add(time.Hour)
				ev.Answers = append(ev.Answers, roadmap.Answer{Criterion: c.Key, State: st, Evidence: "https://wiki.example.com/" + c.Key, At: at})
			}
		}
	}
	q := roadmap.QuarterOf(today)
	for k := 0; k < 40; k++ {
		for i := range m.Metrics {
			x := &m.Metrics[i]
			text := map[roadmap.Unit]string{roadmap.UnitDuration: fmt.Sprintf("%dh", 1+(k*7+i)%90), roadmap.UnitRate: fmt.Sprintf("%d/week", 1+(k+i)%20),
				roadmap.UnitPercent: fmt.Sprintf("%d%%", (k*3+i)%100), roadmap.UnitCount: fmt.Sprint((k + i) % 7), roadmap.UnitScore: "3.5"}[x.Unit]
			v, err := x.ParseValue(text)
			if err != nil {
				b.Fatal(err)
			}
			ev.Values = append(ev.Values, roadmap.MetricValue{Metric: x.Key, Quarter: q, Value: v, Source: "bench", At: today})
		}
		q = q.Prev()
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := st.AddEvidence(store.WithActor(context.Background(), "bench"), ev); err != nil {
		b.Fatal(err)
	}
	return db
}

func BenchmarkAssessment(b *testing.B) {
	dir := b.TempDir()
	today := time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{1000, 100000} {
		name := fmt.Sprintf("%dk", n/1000)
		for _, cmd := range [][]string{
			{"assess"},
			{"assess", "--format", "json"},
			{"assess", "--quarter", "2025-Q2"},
			{"metric", "show"},
			{"metric", "show", "--quarters", "40", "--format", "json"},
		} {
			b.Run(fmt.Sprintf("%v/%s", cmd, name), func(b *testing.B) {
				db := benchAssessDB(b, dir, n, today)
				args := append([]string{"--db", db, "--today", today.Format(time.DateOnly)}, cmd...)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					runQuiet(b, args...)
				}
			})
		}
	}
}
