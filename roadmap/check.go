package roadmap

import (
	"cmp"
	"slices"
	"strconv"
)

// Check finds every warning in the roadmap as seen from the quarter today:
// errors first, then by subject (domains, then initiatives by id), then by
// code.
func (r *Roadmap) Check(today Quarter) []Warning {
	return r.CheckWith(today, r.Project(today))
}

// CheckWith is Check with the projection already made: p must be
// r.Project(today). A caller that shows both computes it once.
func (r *Roadmap) CheckWith(today Quarter, p Projection) []Warning {
	// The initiatives come in id order, so the report is ordered by
	// putting each initiative's warnings in code order and then the errors
	// before the warnings, keeping the rest of the order: no global sort.
	var errs, warns, mine []Warning
	warns = append(warns, r.Model.subjectWarnings(r.baseline(), p.Now, r.Assessment)...)
	warns = append(warns, r.capacityWarnings(today)...)
	flush := func() {
		for _, w := range sortedByCode(mine) {
			if w.Severity == SeverityError {
				errs = append(errs, w)
			} else {
				warns = append(warns, w)
			}
		}
		mine = mine[:0]
	}
	cur := -1
	r.initiativeWarnings(today, p, func(i int, w Warning) {
		if i != cur {
			flush()
			cur = i
		}
		mine = append(mine, w)
	})
	flush()
	return append(errs, warns...)
}

// CodesOf returns the codes of each initiative's warnings, by its index in
// Initiatives: what Check finds about initiatives, without making the
// warnings (a CSV export needs only the codes).
func (r *Roadmap) CodesOf(today Quarter) []CodeSet {
	codes := make([]CodeSet, len(r.Initiatives))
	r.initiativeWarnings(today, r.Project(today), func(i int, w Warning) { codes[i].Add(w.Code) })
	return codes
}

// initiativeWarnings finds every warning about an initiative and hands it
// to found with the initiative's index, initiative by initiative in id
// order: the one place the rules of the warnings are written.
func (r *Roadmap) initiativeWarnings(today Quarter, p Projection, found func(i int, w Warning)) {
	m := r.Model
	cycles := r.dependencyCycles()
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		d := r.dom[i]
		if d < 0 || in.Level < 1 || in.Level > MaxLevel {
			continue
		}
		base := facts{m: m, in: in}
		subject := Subject{Kind: SubjectInitiative, Initiative: in.ID}
		add := func(code string, sev Severity, f facts) {
			found(i, Warning{Code: code, Severity: sev, Subject: subject, facts: f})
		}
		open := in.Status == Planned || in.Status == InProgress
		scheduled := !in.Quarter.IsBacklog()

		deps := r.depsOf(i)
		for k, j := range deps {
			if j < 0 {
				f := base
				f.missing = in.DependsOn[k]
				add(CodeDependencyUnknown, SeverityError, f)
			}
		}
		if cycles != nil && cycles.inCycle(int32(i)) {
			f := base
			f.loops, f.node = cycles, int32(i)
			add(CodeDependencyCycle, SeverityError, f)
		}
		if in.Status == Done {
			for _, b := range m.unmet(p.Now, d, in.Level) {
				f := base
				f.need, f.now = b.Prerequisite, int32(b.Now)
				add(CodeUnmetPrerequisite, SeverityError, f)
			}
			for _, j := range deps {
				if j >= 0 && r.Initiatives[j].Status != Done {
					f := base
					f.other = &r.Initiatives[j]
					add(CodeDependencyUnfinished, SeverityError, f)
				}
			}
		}
		if !open {
			continue
		}
		node, deadlocked := p.waits.deadlocked(i)
		if deadlocked {
			f := base
			f.loops, f.node = p.waits.cycles, node
			add(CodeDeadlock, SeverityError, f)
		}
		if !deadlocked {
			// Work outside a loop that needs work inside one.
			for _, j := range deps {
				if j >= 0 && p.waits.stuckOn(int(j)) {
					f := base
					f.other = &r.Initiatives[j]
					if _, in := p.waits.deadlocked(int(j)); in {
						f.loops = p.waits.cycles
					}
					add(CodeDependencyDeadlocked, SeverityError, f)
				}
			}
		}
		if scheduled {
			for _, need := range m.needs[d][in.Level] {
				r.checkNeed(p, base, need, deadlocked, add)
			}
		}
		for _, j := range deps {
			if j < 0 {
				continue
			}
			dep := &r.Initiatives[j]
			f := base
			f.other = dep
			switch {
			case dep.Status == Dropped:
				add(CodeDependencyDropped, SeverityError, f)
			case !scheduled || dep.Status.Finished():
			case dep.Quarter.IsBacklog(), in.Quarter.Before(dep.Quarter):
				add(CodeDependencyLate, SeverityError, f)
			}
		}
		if scheduled && !today.IsBacklog() && in.Quarter.Before(today) {
			add(CodeOverdue, SeverityWarning, base)
		}
	}
}

// sortedByCode sorts one initiative's warnings by code, stably.
func sortedByCode(ws []Warning) []Warning {
	if len(ws) < 2 {
		return ws
	}
	slices.SortStableFunc(ws, func(a, b Warning) int { return cmp.Compare(codeRank(a.Code), codeRank(b.Code)) })
	return ws
}

// checkNeed compares when the plan reaches a prerequisite with the quarter
// of the initiative that needs it. A prerequisite that a deadlock blocks
// is not reported again for an initiative in that deadlock.
func (r *Roadmap) checkNeed(p Projection, base facts, need Prerequisite, deadlocked bool, add func(string, Severity, facts)) {
	w := p.When(r.Model.index[need.Domain], need.Level)
	f := base
	f.need, f.when, f.why = need, int32(w.Quarter.index()), w.Why
	switch {
	case w.Now:
	case !w.Planned:
		if !(deadlocked && w.Why != nil && w.Why.Deadlock) {
			add(CodePrerequisiteUnplanned, SeverityError, f)
		}
	case base.in.Quarter.Before(w.Quarter):
		add(CodePrerequisiteLate, SeverityError, f)
	case base.in.Quarter == w.Quarter:
		add(CodePrerequisiteSameQ, SeverityWarning, f)
	}
}

// dependencyCycles finds the cycles of the stored dependencies, whatever
// the initiatives' statuses: the store refuses to make one, so one found
// here came in by hand. Nodes are indexes into Initiatives. It returns nil
// when there is none.
func (r *Roadmap) dependencyCycles() *cycles {
	// Dependencies that all point to earlier initiatives (as those the
	// store makes nearly always do) cannot close a cycle.
	backward := true
	for i := range r.Initiatives {
		for _, j := range r.depsOf(i) {
			backward = backward && int(j) < i
		}
	}
	if backward {
		return nil
	}
	e := edgeList{from: make([]int32, 0, len(r.deps)), to: make([]int32, 0, len(r.deps))}
	for i := range r.Initiatives {
		for _, j := range r.depsOf(i) {
			if j >= 0 {
				e.add(int32(i), j)
			}
		}
	}
	c := findCycles(e.compress(len(r.Initiatives)),
		func(b []byte, v int32) []byte { return r.Initiatives[v].AppendRef(b) },
		func(int32) string { return "depends on" }, func(int32) bool { return false })
	if c.loops == nil {
		return nil
	}
	return c
}

// subjectWarnings finds what is wrong about domains and metrics rather
// than initiatives, given the baseline, the levels reached now and the
// assessment (nil when none is attached), in the order Check reports
// them.
func (m *Model) subjectWarnings(base, now Levels, a *Assessment) []Warning {
	out := m.domainWarnings(base, now, a)
	if a != nil {
		out = append(out, a.warnings(now)...)
		m.SortWarnings(out)
	}
	return out
}

// domainWarnings finds a baseline whose prerequisites (those of it and of
// every level below it) are not reached, given the levels reached now.
func (m *Model) domainWarnings(base, now Levels, a *Assessment) []Warning {
	var out []Warning
	for d, dom := range m.Domains {
		var unmet [][]Need
		found := false
		for k := base[d]; k >= 1; k-- {
			var lv []Need
			for _, n := range m.unmet(now, d, k) {
				if n.Domain != dom.Key { // the assessment itself vouches for the levels below
					lv = append(lv, n)
				}
			}
			unmet = append(unmet, lv)
			found = found || len(lv) > 0
		}
		if !found {
			continue
		}
		out = append(out, Warning{Code: CodeAssessmentInconsistent, Severity: SeverityWarning,
			Subject: Subject{Kind: SubjectDomain, Key: dom.Key},
			facts: facts{m: m, contra: &contradiction{domain: dom.Key, level: base[d], unmet: unmet,
				evidenced: a != nil && a.Manual[dom.Key] < base[d]}}})
	}
	return out
}

// inconsistencyText says how an assessment contradicts the model:
// "automation is assessed at 3 GitOps, but GitOps requires governance ≥ 2
// (Static Checks), now 1 (Audits)".
func (m *Model) inconsistencyText(a *contradiction) string {
	domain, level := a.domain, a.level
	verb := " is assessed at "
	if a.evidenced {
		verb = " is evidenced at "
	}
	s := domain + verb + strconv.Itoa(level) + " " + m.LevelName(domain, level) + ", but "
	first := true
	for i, ns := range a.unmet {
		if len(ns) == 0 {
			continue
		}
		if !first {
			s += "; "
		}
		first = false
		s += m.LevelName(domain, level-i) + " requires " + m.NeedList(ns)
	}
	return s
}
