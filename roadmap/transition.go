package roadmap

import (
	"fmt"
	"strings"
)

// Transition is a change of an initiative's status, named by the command
// that makes it. Every face says each one with the same words.
type Transition int

// The transitions of the workflow: planned → in-progress (start) and back
// (stop); planned or in-progress → done or dropped; done or dropped →
// planned (reopen).
const (
	Start Transition = iota
	Stop
	MarkDone
	Drop
	Reopen
)

// Transitions lists every transition in workflow order.
var Transitions = []Transition{Start, Stop, MarkDone, Drop, Reopen}

type transitionSpec struct {
	command string
	from    []Status
	to      Status
	do, did string // with %s for the initiative
	summary string
}

var transitions = [...]transitionSpec{
	Start: {"start", []Status{Planned}, InProgress, "start %s", "started %s",
		"Mark an initiative in progress (refused while a prerequisite is not reached)"},
	Stop: {"stop", []Status{InProgress}, Planned, "stop %s", "stopped %s",
		"Set an in-progress initiative back to planned"},
	MarkDone: {"done", []Status{Planned, InProgress}, Done, "mark %s done", "marked %s done",
		"Mark an initiative done (refused while a prerequisite is not reached or a dependency is not done)"},
	Drop: {"drop", []Status{Planned, InProgress}, Dropped, "drop %s", "dropped %s",
		"Drop an initiative: it no longer counts toward any level"},
	Reopen: {"reopen", []Status{Done, Dropped}, Planned, "reopen %s", "reopened %s",
		"Set a done or dropped initiative back to planned"},
}

// Command is the command-line verb: "start", "stop", "done", "drop",
// "reopen".
func (t Transition) Command() string { return transitions[t].command }

// To is the status the transition leads to.
func (t Transition) To() Status { return transitions[t].to }

// Summary describes the transition in a line, for help texts.
func (t Transition) Summary() string { return transitions[t].summary }

// Do says the transition as an order about what: "mark #7 "X" done".
func (t Transition) Do(what string) string { return fmt.Sprintf(transitions[t].do, what) }

// Did says the transition as done to what: "marked #7 "X" done".
func (t Transition) Did(what string) string { return fmt.Sprintf(transitions[t].did, what) }

// allows reports whether the transition can start from status s.
func (t Transition) allows(s Status) bool {
	for _, f := range transitions[t].from {
		if f == s {
			return true
		}
	}
	return false
}

// BlockedError says that a transition is refused because prerequisites of
// the initiative's level are not reached or, to mark it done, because
// dependencies are not done. It can be overridden with a recorded reason.
type BlockedError struct {
	// Verb says what was refused: the transition's order ("start %s"),
	// or "retarget %s" for a change of level.
	Verb       string
	Initiative Initiative
	Target     string // "automation 3 GitOps"
	Unmet      []Need
	Waiting    []Waiting // only when marking done
	model      *Model
}

// Error says what was refused and why: `cannot start #7 "Adopt Argo CD"
// (automation 3 GitOps): requires governance ≥ 2 (Static Checks), now 1
// (Audits)`, or `cannot mark #18 "Docs" done: depends on #5 "Envs",
// which is in-progress`.
func (e *BlockedError) Error() string {
	what := e.Initiative.Ref()
	if len(e.Unmet) > 0 {
		what += " (" + e.Target + ")"
	}
	var why []string
	if len(e.Unmet) > 0 {
		why = append(why, "requires "+e.model.NeedList(e.Unmet))
	}
	if len(e.Waiting) > 0 {
		why = append(why, WaitingText(e.Waiting))
	}
	return "cannot " + fmt.Sprintf(e.Verb, what) + ": " + strings.Join(why, "; ")
}

// CheckTransition reports whether initiative id may make transition t. A
// move the workflow does not allow (starting a done initiative, say) is an
// error that no override lifts. Starting while a prerequisite is not
// reached, or marking done while a prerequisite is not reached or a
// dependency is not done, returns a *BlockedError unless forced.
func (r *Roadmap) CheckTransition(id int64, t Transition, forced bool) error {
	in, err := r.Find(id)
	if err != nil {
		return err
	}
	return r.Model.CheckTransitionOf(in, r, r.Levels, t, forced)
}

// CheckTransitionOf is CheckTransition for a caller that does not hold the
// whole roadmap: deps holds (at least) the dependencies of in, and now
// returns the levels reached now (LevelsFrom); it is called only when the
// transition depends on them. It refuses what CheckTransition on the whole
// roadmap refuses, with the same errors.
func (m *Model) CheckTransitionOf(in *Initiative, deps *Roadmap, now func() Levels, t Transition, forced bool) error {
	if t < Start || t > Reopen {
		return fmt.Errorf("invalid transition %d", t)
	}
	if err := t.refusal(in); err != nil {
		return err
	}
	if forced || (t != Start && t != MarkDone) {
		return nil
	}
	be := &BlockedError{Verb: transitions[t].do, Initiative: *in, Target: m.TargetName(in), model: m}
	if len(m.Prerequisites(in.Domain, in.Level)) > 0 {
		be.Unmet = m.blockers(in, now())
	}
	if t == MarkDone {
		be.Waiting = deps.Waiting(in)
	}
	if len(be.Unmet) > 0 || len(be.Waiting) > 0 {
		return be
	}
	return nil
}

// refusal explains why the workflow does not allow t from in's status, or
// returns nil when it does.
func (t Transition) refusal(in *Initiative) error {
	from := in.Status
	switch {
	case t.allows(from):
		return nil
	case from == t.To():
		return fmt.Errorf("%s is already %s", in.Ref(), from)
	}
	cannot := "cannot " + t.Do(in.Ref()) + ": it is " + string(from)
	switch {
	case t == Reopen && from == InProgress:
		return fmt.Errorf("%s; stop it to set it back to planned", cannot)
	case t == Stop:
		return fmt.Errorf("%s, not in progress", cannot)
	case from.Finished():
		return fmt.Errorf("%s; reopen it first", cannot)
	}
	return fmt.Errorf("%s", cannot)
}

// CheckRetarget reports whether an initiative that is in progress or done
// may now target level of domain: its prerequisites must be reached, as
// for starting it. It returns a *BlockedError unless forced.
func (r *Roadmap) CheckRetarget(in Initiative, forced bool) error {
	return r.Model.CheckRetargetAt(in, r.Levels, forced)
}

// CheckRetargetAt is CheckRetarget with the levels reached given by now
// (LevelsFrom), called only when they matter: those the roadmap would
// reach with in as it is to be.
func (m *Model) CheckRetargetAt(in Initiative, now func() Levels, forced bool) error {
	if forced || (in.Status != InProgress && in.Status != Done) {
		return nil
	}
	if unmet := m.blockers(&in, now()); len(unmet) > 0 {
		return &BlockedError{Verb: "retarget %s", Initiative: in, Target: m.TargetName(&in), Unmet: unmet, model: m}
	}
	return nil
}
