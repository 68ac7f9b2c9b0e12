package cli

import (
	"fmt"
	"io"
	"strings"

	"maturity/roadmap"
	"maturity/store"
)

// writeShow writes the detail page of one initiative.
func writeShow(w io.Writer, r *roadmap.Roadmap, in *roadmap.Initiative, ws []roadmap.Warning, events []store.Event) error {
	m := r.Model
	p := roadmap.Printable
	var b strings.Builder
	field := func(name, value string) { fmt.Fprintf(&b, "  %-11s %s\n", name, value) }

	fmt.Fprintf(&b, "#%d %s\n", in.ID, p(in.Title))
	field("advances", fmt.Sprintf("%s to %d %s", in.Domain, in.Level, m.LevelName(in.Domain, in.Level)))
	field("quarter", in.Quarter.Label())
	field("status", string(in.Status))
	field("owner", orDash(p(in.Owner)))
	field("effort", orDash(in.Effort.String()))

	refs := func(ids []int64) string {
		if len(ids) == 0 {
			return "-"
		}
		parts := make([]string, len(ids))
		for i, id := range ids {
			if d, ok := r.Get(id); ok {
				parts[i] = fmt.Sprintf("%s (%s, %s)", p(d.Ref()), d.Status, d.Quarter.Label())
			} else {
				parts[i] = fmt.Sprintf("#%d", id)
			}
		}
		return strings.Join(parts, "\n              ")
	}
	field("depends on", refs(in.DependsOn))
	field("needed by", refs(r.Dependents(in.ID)))

	if d, ok := m.DomainIndex(in.Domain); ok {
		ds := r.State().Domains[d]
		now := fmt.Sprintf("%s at %d %s", in.Domain, ds.Level, m.LevelName(in.Domain, ds.Level))
		if e := m.EvidenceText(ds); e != "" {
			now += "; " + e
		}
		field("domain now", now)
	}
	now := r.Levels()
	needs := r.Needs(in, now)
	if len(needs) == 0 {
		field("requires", "no prerequisites")
	}
	for i, n := range needs {
		name := "requires"
		if i > 0 {
			name = ""
		}
		field(name, m.DescribeLevel(n.Prerequisite)+", "+m.NeedState(n))
	}
	if !in.Status.Finished() {
		ready := "yes: dependencies done and prerequisites reached"
		if !r.Ready(in, now) {
			var why []string
			if b := m.BlockerText(r.Blockers(in, now)); b != "" {
				why = append(why, b)
			}
			if w := r.Waiting(in); len(w) > 0 {
				why = append(why, p(roadmap.WaitingText(w)))
			}
			ready = "no: " + strings.Join(why, "; ")
		}
		field("ready", ready)
	}
	field("created", roadmap.LocalTime(in.Created))
	field("updated", roadmap.LocalTime(in.Updated))
	if !in.DoneAt.IsZero() {
		field("done", roadmap.LocalTime(in.DoneAt))
	}
	if in.Description != "" {
		b.WriteString("\n  description\n")
		for _, line := range strings.Split(in.Description, "\n") {
			fmt.Fprintf(&b, "    %s\n", p(line))
		}
	}
	if len(ws) > 0 {
		b.WriteString("\n  warnings\n")
		for _, wr := range ws {
			fmt.Fprintf(&b, "    %s %s: %s\n", wr.Severity, wr.Code, p(wr.Message()))
		}
	}
	if len(events) > 0 {
		b.WriteString("\n  history (latest first)\n")
		for _, e := range events {
			fmt.Fprintf(&b, "    %s\n", p(describeEvent(e)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// describeEvent writes one history entry on one line.
func describeEvent(e store.Event) string {
	head := fmt.Sprintf("%s  %s  ", roadmap.LocalTime(e.At), e.Actor)
	short := func(s string) string {
		s = strings.ReplaceAll(s, "\n", " ")
		if r := []rune(s); len(r) > 60 {
			return string(r[:59]) + "…"
		}
		return s
	}
	var what string
	switch e.Action {
	case store.ActionCreate:
		what = fmt.Sprintf("created #%d %q", e.Initiative, short(e.New))
	case store.ActionDelete:
		what = fmt.Sprintf("deleted #%d %q", e.Initiative, short(e.Old))
	case store.ActionAssess:
		what = fmt.Sprintf("assessed %s at level %s (was %s)", e.Field, e.New, e.Old)
	case store.ActionModel:
		what = "replaced the maturity model"
	case store.ActionAnswer:
		what = fmt.Sprintf("answered %s: %s (was %s)", e.Field, e.New, e.Old)
	case store.ActionMetric:
		metric, quarter, _ := strings.Cut(e.Field, " ")
		what = fmt.Sprintf("recorded %s for %s: %s", metric, quarter, e.New)
		if e.Old != "" {
			what += " (was " + e.Old + ")"
		}
	default:
		what = fmt.Sprintf("#%d %s: %s → %s", e.Initiative, e.Field, orDash(short(e.Old)), orDash(short(e.New)))
		if e.Action == store.ActionForce {
			what += " (forced)"
		}
	}
	if e.Reason != "" && e.Action != store.ActionModel {
		what += " — " + strings.ReplaceAll(e.Reason, "\n", " ")
	}
	return head + what
}
