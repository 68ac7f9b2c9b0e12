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
				parts[i] = p(d.RefStatus())
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
	if ready := r.ReadyText(in, now); ready != "" {
		field("ready", p(ready))
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
			fmt.Fprintf(&b, "    %s\n", p(e.Text()))
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
