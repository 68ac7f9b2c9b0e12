package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"maturity/roadmap"
)

// FuzzParseDump feeds ParseDump arbitrary documents. It must never panic;
// whatever it accepts must restore into a fresh database, and dumping that
// database must give back an equivalent document, which ParseDump accepts
// again.
func FuzzParseDump(f *testing.F) {
	rich := fuzzSeedDump(f)
	f.Add(rich)
	f.Add(fuzzEmptyDump(f))
	f.Add(bytes.Replace(rich, []byte(`Z"`), []byte(`+02:00"`), 3))
	// The edges of the time range the store keeps: the Unix epoch (0
	// stands for no time), and the nanoseconds around the wrap of Unix
	// nanoseconds in 2262.
	for _, at := range []string{"1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000001Z", "2262-04-11T23:47:16.854775807Z", "2262-04-11T23:47:16.854775808Z"} {
		f.Add(fuzzDumpVariant(f, rich, func(d *Dump) {
			d.ModelUpdated, d.Initiatives[0].DoneAt, d.History[0].At = at, at, at
		}))
	}
	f.Add([]byte(`{"format":"maturity-dump","version":1}`))
	f.Add([]byte(`{"format":"maturity-dump","version":1,"model":{"stages":[],"domains":[],"rules":[]}}`))
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, m, err := ParseDump(bytes.NewReader(data))
		if err != nil {
			if d != nil || m != nil {
				t.Fatalf("ParseDump failed (%v) but returned a dump", err)
			}
			return
		}
		ctx := context.Background()
		s, err := Open(ctx, filepath.Join(t.TempDir(), "restored.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Restore(ctx, d, m); err != nil {
			t.Fatalf("Restore of an accepted dump: %v\ninput:\n%s", err, data)
		}
		back, err := s.Dump(ctx)
		if err != nil {
			t.Fatalf("Dump after Restore: %v", err)
		}
		var buf bytes.Buffer
		if err := writeDump(&buf, back); err != nil {
			t.Fatalf("writeDump: %v", err)
		}
		d2, m2, err := ParseDump(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("ParseDump of the restored database's dump: %v\ninput:\n%s\nwritten:\n%s", err, data, buf.Bytes())
		}
		want, got := canonicalDump(t, d, m), canonicalDump(t, d2, m2)
		if diff := dumpDifference(got, want); diff != "" {
			t.Fatalf("the restored database dumps a different document: %s\ninput:\n%s", diff, data)
		}
	})
}

// canonicalDump returns the content of a parsed dump in one form, so that
// documents that mean the same compare equal: rows in id order, times as
// instants in UTC, the model as the store writes it, empty lists for none.
func canonicalDump(t *testing.T, d *Dump, m *roadmap.Model) Dump {
	t.Helper()
	// The instant itself, not as the store keeps it: a time the store
	// cannot keep exactly must not pass as restored.
	instant := func(s string) string {
		if s == "" {
			return ""
		}
		at, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatalf("a time ParseDump accepted does not parse: %v", err)
		}
		return at.UTC().Format(time.RFC3339Nano)
	}
	c := *d
	c.Version = DumpVersion // a version 1 dump restores into what version 2 writes
	c.Model = dumpModel(m)
	c.Answers = slices.Clone(d.Answers)
	if c.Answers == nil {
		c.Answers = []DumpAnswer{}
	}
	for i := range c.Answers {
		c.Answers[i].At = instant(c.Answers[i].At)
	}
	slices.SortFunc(c.Answers, func(a, b DumpAnswer) int { return cmp.Compare(a.ID, b.ID) })
	c.Values = slices.Clone(d.Values)
	if c.Values == nil {
		c.Values = []DumpValue{}
	}
	for i := range c.Values {
		c.Values[i].At = instant(c.Values[i].At)
	}
	slices.SortFunc(c.Values, func(a, b DumpValue) int { return cmp.Compare(a.ID, b.ID) })
	c.ModelUpdated = instant(d.ModelUpdated)
	c.Assessments = slices.Clone(d.Assessments)
	if c.Assessments == nil {
		c.Assessments = []DumpAssessment{}
	}
	for i := range c.Assessments {
		c.Assessments[i].At = instant(c.Assessments[i].At)
	}
	slices.SortFunc(c.Assessments, func(a, b DumpAssessment) int { return cmp.Compare(a.ID, b.ID) })
	c.Initiatives = slices.Clone(d.Initiatives)
	if c.Initiatives == nil {
		c.Initiatives = []DumpInitiative{}
	}
	for i := range c.Initiatives {
		in := &c.Initiatives[i]
		in.Created, in.Updated, in.DoneAt = instant(in.Created), instant(in.Updated), instant(in.DoneAt)
		if in.DependsOn == nil {
			in.DependsOn = []int64{}
		}
		if in.Effort != nil && *in.Effort == 0 {
			zero := 0.0 // -0 and 0 are the same effort
			in.Effort = &zero
		}
	}
	slices.SortFunc(c.Initiatives, func(a, b DumpInitiative) int { return cmp.Compare(a.ID, b.ID) })
	c.History = slices.Clone(d.History)
	if c.History == nil {
		c.History = []DumpEvent{}
	}
	for i := range c.History {
		c.History[i].At = instant(c.History[i].At)
	}
	slices.SortFunc(c.History, func(a, b DumpEvent) int { return cmp.Compare(a.ID, b.ID) })
	return c
}

// dumpDifference names the first part in which two dumps differ, with
// both versions of it, or returns "".
func dumpDifference(got, want Dump) string {
	part := func(name string, g, w any) string {
		if reflect.DeepEqual(g, w) {
			return ""
		}
		return fmt.Sprintf("%s is\n  %+v\nwant\n  %+v", name, g, w)
	}
	if diff := part("the header", []any{got.Format, got.Version, got.LastID, got.ModelUpdated},
		[]any{want.Format, want.Version, want.LastID, want.ModelUpdated}); diff != "" {
		return diff
	}
	if diff := part("the model", got.Model, want.Model); diff != "" {
		return diff
	}
	for _, p := range []struct {
		name      string
		got, want any
		n, m      int
	}{
		{"assessments", got.Assessments, want.Assessments, len(got.Assessments), len(want.Assessments)},
		{"answers", got.Answers, want.Answers, len(got.Answers), len(want.Answers)},
		{"metric values", got.Values, want.Values, len(got.Values), len(want.Values)},
		{"initiatives", got.Initiatives, want.Initiatives, len(got.Initiatives), len(want.Initiatives)},
		{"history", got.History, want.History, len(got.History), len(want.History)},
	} {
		if p.n != p.m {
			return fmt.Sprintf("%d %s, want %d", p.n, p.name, p.m)
		}
		g, w := reflect.ValueOf(p.got), reflect.ValueOf(p.want)
		for i := range p.n {
			if diff := part(fmt.Sprintf("%s[%d]", p.name, i), g.Index(i).Interface(), w.Index(i).Interface()); diff != "" {
				return diff
			}
		}
	}
	return ""
}

// fuzzSeedDump is a real dump of a database with something of everything:
// a model with one more domain, assessments, initiatives in every status
// with dependencies, efforts and descriptions, a deleted initiative, a
// forced change, and their history.
func fuzzSeedDump(f *testing.F) []byte {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(f.TempDir(), "seed.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	clock := time.Date(2026, 4, 1, 9, 0, 0, 123456789, time.UTC)
	s.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	ctx = WithActor(ctx, "fuzz seed")
	must := func(err error) {
		f.Helper()
		if err != nil {
			f.Fatal(err)
		}
	}
	model, err := roadmap.ParseModel([]byte(strings.Replace(fuzzDefaultModel(f), "domains:\n",
		"domains:\n  - key: security\n    name: Security\n    levels:\n      - {level: 0, name: None}\n      - {level: 1, name: Scans}\n"+
			"      - {level: 2, name: Gates}\n      - {level: 3, name: Policies}\n      - {level: 4, name: Autonomous}\n", 1)))
	must(err)
	must(s.ReplaceModel(ctx, model))
	_, err = s.Assess(ctx, "governance", 1, "quarterly audits\nsince 2025")
	must(err)
	_, err = s.Answer(ctx, "gov-1-periodic-audit", "met", "audit report «2026-Q1»", "every quarter\nsince 2025")
	must(err)
	_, err = s.Answer(ctx, "gov-1-periodic-audit", "unmet", "", "")
	must(err)
	_, err = s.RecordValues(ctx, []ValueInput{{Metric: "deployment-frequency", Quarter: roadmap.Quarter{Year: 2026, Q: 1}, Value: "2/week", Source: "DevLake"},
		{Metric: "change-lead-time", Quarter: roadmap.Quarter{Year: 2026, Q: 1}, Value: "1.5d", Note: "median"},
		{Metric: "developer-satisfaction", Quarter: roadmap.Quarter{Year: 2026, Q: 2}, Value: "3.75"}}, false)
	must(err)
	_, err = s.RecordValue(ctx, ValueInput{Metric: "deployment-frequency", Quarter: roadmap.Quarter{Year: 2026, Q: 1}, Value: "3/week"})
	must(err)
	q := func(text string) roadmap.Quarter {
		qq, err := roadmap.ParseQuarter(text)
		must(err)
		return qq
	}
	add := func(in roadmap.Initiative) int64 {
		got, err := s.Add(ctx, in)
		must(err)
		return got.ID
	}
	a := add(roadmap.Initiative{Title: "Version-control everything", Domain: "standardization", Level: 1, Quarter: q("2026-Q2"),
		Owner: "alice", Effort: roadmap.Effort{Value: 2.5, Set: true}, Description: "One repository per environment.\nReviews required."})
	b := add(roadmap.Initiative{Title: "Scripted provisioning", Domain: "automation", Level: 1, Quarter: q("2026-Q3"), DependsOn: []int64{a}})
	c := add(roadmap.Initiative{Title: "Policy as code «über»", Domain: "governance", Level: 3, Owner: "sec ops", DependsOn: []int64{a, b}})
	gone := add(roadmap.Initiative{Title: "Removed", Domain: "security", Level: 1})
	add(roadmap.Initiative{Title: "Dropped idea", Domain: "observability", Level: 2, Effort: roadmap.Effort{Value: 0, Set: true}})
	_, err = s.SetStatus(ctx, a, roadmap.MarkDone, Options{})
	must(err)
	_, err = s.SetStatus(ctx, c, roadmap.Start, Options{Force: true, Reason: "pilot team only"})
	must(err)
	_, err = s.SetStatus(ctx, 5, roadmap.Drop, Options{})
	must(err)
	_, err = s.Delete(ctx, gone, Options{})
	must(err)
	d, err := s.Dump(ctx)
	must(err)
	var buf bytes.Buffer
	must(writeDump(&buf, d))
	return buf.Bytes()
}

// fuzzDumpVariant returns the dump changed by change.
func fuzzDumpVariant(f *testing.F, dump []byte, change func(d *Dump)) []byte {
	var d Dump
	if err := json.Unmarshal(dump, &d); err != nil {
		f.Fatal(err)
	}
	change(&d)
	var buf bytes.Buffer
	if err := writeDump(&buf, &d); err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

// fuzzEmptyDump is the dump of a new database.
func fuzzEmptyDump(f *testing.F) []byte {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(f.TempDir(), "empty.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	d, err := s.Dump(ctx)
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeDump(&buf, d); err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

func fuzzDefaultModel(f *testing.F) string {
	var buf bytes.Buffer
	if err := roadmap.WriteModel(&buf, roadmap.DefaultModel()); err != nil {
		f.Fatal(err)
	}
	return buf.String()
}
