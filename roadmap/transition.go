package roadmap

import (
	"fmt"
	"strings"
)

// BlockedError says that an initiative cannot start or be done because
// cross-domain prerequisites of its level are not reached. It can be
// overridden with a recorded reason.
type BlockedError struct {
	Verb       string // "start" or "finish"
	Initiative Initiative
	Target     string // "automation 3 GitOps"
	Unmet      []Blocker
	model      *Model
}

func (e *BlockedError) Error() string {
	parts := make([]string, len(e.Unmet))
	for i, b := range e.Unmet {
		parts[i] = fmt.Sprintf("%s, now %s", e.model.DescribeLevel(b.Prerequisite), e.model.levelText(b.Domain, b.Now))
	}
	return fmt.Sprintf("cannot %s %s (%s): requires %s", e.Verb, e.Initiative.Ref(), e.Target, strings.Join(parts, "; "))
}

// Unmet returns the cross-domain prerequisites of level of domain that are
// not reached now.
func (r *Roadmap) Unmet(domain string, level int) []Blocker {
	d, ok := r.Model.index[domain]
	if !ok || level < 1 || level > MaxLevel {
		return nil
	}
	return r.Model.unmet(r.Levels(), d, level)
}

// verbs names each move for messages.
var verbs = map[Status]string{Planned: "reopen", InProgress: "start", Done: "finish", Dropped: "drop"}

// CheckTransition reports whether initiative id may move to status to. A
// move the workflow does not allow (starting a done initiative, say) is an
// error that no override lifts. Starting or finishing while a cross-domain
// prerequisite is not reached returns a *BlockedError, unless forced.
//
// The workflow: planned → in-progress → done; planned or in-progress →
// dropped; done or dropped → planned (reopen); planned → done directly.
func (r *Roadmap) CheckTransition(id int64, to Status, forced bool) error {
	in, err := r.Find(id)
	if err != nil {
		return err
	}
	from := in.Status
	if from == to {
		return fmt.Errorf("%s is already %s", in.Ref(), from)
	}
	switch to {
	case InProgress, Done:
		if from.Finished() {
			return fmt.Errorf("cannot %s %s: it is %s; reopen it first", verbs[to], in.Ref(), from)
		}
	case Dropped:
		if from == Done {
			return fmt.Errorf("cannot drop %s: it is done; reopen it first", in.Ref())
		}
	case Planned:
		if !from.Finished() {
			return fmt.Errorf("cannot reopen %s: it is %s, not done or dropped", in.Ref(), from)
		}
	default:
		return fmt.Errorf("invalid status %q", to)
	}
	if (to == InProgress || to == Done) && !forced {
		if unmet := r.Unmet(in.Domain, in.Level); len(unmet) > 0 {
			return &BlockedError{Verb: verbs[to], Initiative: *in, Target: r.Model.TargetName(in), Unmet: unmet, model: r.Model}
		}
	}
	return nil
}

// CheckRetarget reports whether an initiative that is in progress or done
// may now target level of domain: the same prerequisites hold as for
// starting it. It returns a *BlockedError unless forced.
func (r *Roadmap) CheckRetarget(in Initiative, forced bool) error {
	if forced || (in.Status != InProgress && in.Status != Done) {
		return nil
	}
	if unmet := r.Unmet(in.Domain, in.Level); len(unmet) > 0 {
		verb := "retarget"
		return &BlockedError{Verb: verb, Initiative: in, Target: r.Model.TargetName(&in), Unmet: unmet, model: r.Model}
	}
	return nil
}

// Ready reports whether an unfinished initiative can start now: every
// dependency is done and every cross-domain prerequisite is reached. The
// levels are passed in so that a list can compute them once.
func (r *Roadmap) Ready(in *Initiative, now Levels) bool {
	if in.Status.Finished() {
		return false
	}
	for _, id := range in.DependsOn {
		if dep, ok := r.Get(id); !ok || dep.Status != Done {
			return false
		}
	}
	d, ok := r.Model.index[in.Domain]
	return ok && r.Model.met(now, d, in.Level)
}
