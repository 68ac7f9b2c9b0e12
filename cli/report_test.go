package cli

import (
	"testing"
	"time"

	"maturity/report"
	"maturity/store"
)

func TestReportChanges(t *testing.T) {
	at := time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		e    store.Event
		want report.Change // Kind "" for none
	}{
		{"a start", store.Event{Action: store.ActionEdit, Field: "status", Old: "planned", New: "in-progress"},
			report.Change{Kind: report.Started, From: "planned", To: "in-progress"}},
		{"a forced done keeps its reason", store.Event{Action: store.ActionForce, Field: "status", Old: "in-progress", New: "done", Reason: "why"},
			report.Change{Kind: report.Finished, From: "in-progress", To: "done", Forced: true, Reason: "why"}},
		{"a drop", store.Event{Action: store.ActionEdit, Field: "status", Old: "planned", New: "dropped"},
			report.Change{Kind: report.Dropped, From: "planned", To: "dropped"}},
		{"a reopen", store.Event{Action: store.ActionEdit, Field: "status", Old: "done", New: "planned"},
			report.Change{Kind: report.Reopened, From: "done", To: "planned"}},
		{"a move", store.Event{Action: store.ActionEdit, Field: "quarter", Old: "2026-Q4", New: "2027-Q1"},
			report.Change{Kind: report.Moved, From: "2026-Q4", To: "2027-Q1"}},
		{"a new level", store.Event{Action: store.ActionEdit, Field: "level", Old: "2", New: "3"},
			report.Change{Kind: report.Retargeted, From: "level 2", To: "level 3"}},
		{"a new domain", store.Event{Action: store.ActionEdit, Field: "domain", Old: "automation", New: "governance"},
			report.Change{Kind: report.Retargeted, From: "automation", To: "governance"}},
		{"a title edit is left out", store.Event{Action: store.ActionEdit, Field: "title", Old: "a", New: "b"}, report.Change{}},
		{"a creation is left out", store.Event{Action: store.ActionCreate, New: "x"}, report.Change{}},
		{"an answer is left out", store.Event{Action: store.ActionAnswer, Field: "std-1", New: "met"}, report.Change{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.e.At, tt.e.Actor, tt.e.Initiative = at, "sam", 7
			got := reportChanges([]store.Event{tt.e})
			if tt.want.Kind == "" {
				if len(got) != 0 {
					t.Errorf("got %+v, want nothing", got)
				}
				return
			}
			tt.want.At, tt.want.Actor, tt.want.Initiative = at, "sam", 7
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReportSince(t *testing.T) {
	today := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	tests := []struct{ in, want, err string }{
		{"", "2026-08-20", ""},
		{"2026-Q3", "2026-07-01", ""},
		{"2026-10-15", "2026-10-15", ""},
		{"2026-11-20", "2026-11-20", ""},
		{"2026-Q5", "", `invalid --since "2026-Q5": want a date (YYYY-MM-DD) or a quarter (such as 2026-Q3)`},
		{"backlog", "", `invalid --since "backlog": want a date (YYYY-MM-DD) or a quarter (such as 2026-Q3)`},
		{"2027-Q1", "", "invalid --since 2027-Q1: it is after today (2026-11-20)"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := reportSince(tt.in, today)
			switch {
			case tt.err != "" && (err == nil || err.Error() != tt.err):
				t.Errorf("error %v, want %q", err, tt.err)
			case tt.err == "" && (err != nil || got.Format(time.DateOnly) != tt.want):
				t.Errorf("got %v, %v; want %s", got, err, tt.want)
			}
		})
	}
}
