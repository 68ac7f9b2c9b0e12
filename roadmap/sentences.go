package roadmap

import (
	"strconv"
	"strings"
)

// The sentences that more than one face shows (the command line, the
// dashboard, the reports) are written here once, so that they cannot
// drift apart.

// levelText writes a level with its name: "1 (Audits)".
func (m *Model) levelText(domain string, level int) string {
	return string(m.appendLevelText(nil, domain, level))
}

func (m *Model) appendLevelText(b []byte, domain string, level int) []byte {
	b = strconv.AppendInt(b, int64(level), 10)
	b = append(b, " ("...)
	b = append(b, m.LevelName(domain, level)...)
	return append(b, ')')
}

// NeedList lists prerequisites with where their domains stand:
// "governance ≥ 2 (Static Checks), now 1 (Audits); observability ≥ 2
// (Centralized), now 0 (Log Files)".
func (m *Model) NeedList(needs []Need) string {
	var b strings.Builder
	for i, n := range needs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(m.DescribeLevel(n.Prerequisite) + ", now " + m.levelText(n.Domain, n.Now))
	}
	return b.String()
}

// NeedState says whether a prerequisite is reached: "reached", or "NOT
// reached: now 1 (Audits)".
func (m *Model) NeedState(n Need) string {
	if n.Met() {
		return "reached"
	}
	return "NOT reached: now " + m.levelText(n.Domain, n.Now)
}

// BlockerText says what keeps a level from being reached: "needs
// governance ≥ 2 (Static Checks), now 1 (Audits)", or "" when nothing
// does.
func (m *Model) BlockerText(blockers []Need) string {
	if len(blockers) == 0 {
		return ""
	}
	return "needs " + m.NeedList(blockers)
}

// String says why a level is not planned: `#17 "Docs" is in the backlog`,
// "it waits on a deadlock", "no initiative targets it", or "no initiative
// targets governance 2 Static Checks" (a level it waits for).
func (u *Unplanned) String() string {
	switch {
	case u == nil:
		return ""
	case u.Deadlock:
		return "it waits on a deadlock"
	case u.Backlog != nil:
		return u.Backlog.Ref() + " is in the backlog"
	case u.self:
		return "no initiative targets it"
	case u.Untargeted.Domain != "":
		return "no initiative targets " + u.model.LevelTitle(u.Untargeted.Domain, u.Untargeted.Level)
	}
	return ""
}

// Text says when the plan reaches a level not reached yet: "in 2027-Q1",
// "late: 2026-Q2" (a quarter already past), "blocked: deadlock", or "not
// planned: " with the reason.
func (r Reach) Text(today Quarter) string {
	switch {
	case r.Now:
		return "reached"
	case r.Planned && !today.IsBacklog() && r.Quarter.Before(today):
		return "late: " + r.Quarter.String()
	case r.Planned:
		return "in " + r.Quarter.String()
	case r.Why != nil && r.Why.Deadlock:
		return "blocked: deadlock"
	case r.Why.String() != "":
		return "not planned: " + r.Why.String()
	}
	return "not planned"
}

// Text says when a level was reached ("on 2026-03-02", in the local time
// zone; "reached" when no dated event reached it), or when the plan
// expects it (Reach.Text). Level 0, where every domain starts, says "".
func (ld LevelDate) Text(level int, today Quarter) string {
	switch {
	case ld.Reached && ld.At.IsZero() && level == 0:
		return ""
	case ld.Reached && ld.At.IsZero():
		return "reached"
	case ld.Reached:
		return "on " + ld.At.Local().Format("2006-01-02")
	}
	return ld.Expected.Text(today)
}

// Waiting is a dependency that is not done: the initiative, or nil when
// no initiative has its id.
type Waiting struct {
	ID         int64
	Initiative *Initiative
}

// WaitingText says which dependencies are not done: `depends on #5
// "Self-service environments", which is in-progress, and #6 "Docs", which
// is planned`.
func WaitingText(ws []Waiting) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		if w.Initiative == nil {
			parts[i] = "#" + strconv.FormatInt(w.ID, 10) + ", which does not exist"
		} else {
			parts[i] = w.Initiative.Ref() + ", which is " + string(w.Initiative.Status)
		}
	}
	return "depends on " + JoinAnd(parts)
}

// JoinAnd joins items as "a", "a and b" or "a, b and c".
func JoinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// CriteriaText says how many criteria of the next level are met:
// "criteria 2/3 met"; "" when that level has none (the domain has no
// criteria, or is at the top).
func (s DomainState) CriteriaText() string {
	if s.Criteria == 0 {
		return ""
	}
	return "criteria " + strconv.Itoa(s.CriteriaMet) + "/" + strconv.Itoa(s.Criteria) + " met"
}

// EvidencedText says which level a domain's criteria support: "evidenced
// 1 (Scripted)"; "" when the model gives it no criteria.
func (m *Model) EvidencedText(s DomainState) string {
	if !s.HasCriteria {
		return ""
	}
	return "evidenced " + m.levelText(s.Domain, s.Evidenced)
}

// EvidenceText says what the criteria say of a domain: "evidenced 1
// (Scripted), criteria 1/3 met for 2 (Self-Service)"; "" when the model
// gives it no criteria.
func (m *Model) EvidenceText(s DomainState) string {
	t := m.EvidencedText(s)
	if t == "" || s.AtTop() {
		return t
	}
	return t + ", " + s.CriteriaText() + " for " + m.levelText(s.Domain, s.Next)
}

// DeleteRefusal says why an initiative cannot be deleted while others
// depend on it: `cannot delete #1 "Base": #2 "Uses base" and #3 "Docs"
// depend on it; remove those dependencies first`. ref names it and
// dependents name those that depend on it (Initiative.Ref); the store's
// refusal and the dashboard's warning before it ask are this sentence.
func DeleteRefusal(ref string, dependents []string) string {
	verb := "depends"
	if len(dependents) > 1 {
		verb = "depend"
	}
	return "cannot delete " + ref + ": " + JoinAnd(dependents) + " " + verb + " on it; remove those dependencies first"
}

// DeleteBlocked returns the refusal (DeleteRefusal) the store would give
// to deleting in, or "" when nothing depends on it.
func (r *Roadmap) DeleteBlocked(in *Initiative) string {
	ids := r.Dependents(in.ID)
	if len(ids) == 0 {
		return ""
	}
	refs := make([]string, len(ids))
	for i, id := range ids {
		d, _ := r.Get(id)
		refs[i] = d.Ref()
	}
	return DeleteRefusal(in.Ref(), refs)
}

// ReadyText says whether an initiative could be marked done now (Ready)
// and, if not, why: "yes: dependencies done and prerequisites reached",
// or "no: " with what blocks it (BlockerText) and the dependencies not
// done (WaitingText); "" for a finished one.
func (r *Roadmap) ReadyText(in *Initiative, now Levels) string {
	if in.Status.Finished() {
		return ""
	}
	if r.Ready(in, now) {
		return "yes: dependencies done and prerequisites reached"
	}
	var why []string
	if b := r.Model.BlockerText(r.Blockers(in, now)); b != "" {
		why = append(why, b)
	}
	if w := r.Waiting(in); len(w) > 0 {
		why = append(why, WaitingText(w))
	}
	return "no: " + strings.Join(why, "; ")
}
