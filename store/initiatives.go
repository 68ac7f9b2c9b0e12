package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"maturity/roadmap"
)

// Options qualify a change to an initiative.
type Options struct {
	// ExpectVersion, when not 0, refuses the change if the initiative's
	// version differs: someone else changed it since it was read.
	ExpectVersion int64
	// Force overrides unmet cross-domain prerequisites; Reason (required
	// with Force) is recorded in the history.
	Force  bool
	Reason string
}

// StaleError reports that an initiative changed since the caller read it.
type StaleError struct {
	Initiative roadmap.Initiative
	Expected   int64
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("%s was changed elsewhere meanwhile (version %d, now %d)", e.Initiative.Ref(), e.Expected, e.Initiative.Version)
}

// check refuses a stale change, and an override without a valid reason
// (one line of at most roadmap.MaxReason characters), whichever face asks.
func (o *Options) check(in roadmap.Initiative) error {
	if o.ExpectVersion != 0 && o.ExpectVersion != in.Version {
		return &StaleError{Initiative: in, Expected: o.ExpectVersion}
	}
	if o.Force {
		reason, err := roadmap.CleanLine(o.Reason, "reason", roadmap.MaxReason, true)
		if err != nil {
			return fmt.Errorf("a forced change needs a reason: %v", err)
		}
		o.Reason = reason
	}
	return nil
}

// Add stores a new, planned initiative and returns it with its id.
func (s *Store) Add(ctx context.Context, in roadmap.Initiative) (roadmap.Initiative, error) {
	err := s.write(ctx, PlanAccess, func(t *txn) error {
		m, err := t.model()
		if err != nil {
			return err
		}
		in.ID, in.Status = 0, roadmap.Planned
		if in, err = in.Normalize(m); err != nil {
			return err
		}
		// A new initiative cannot close a cycle: nothing depends on it yet.
		for _, d := range in.DependsOn {
			if _, err := t.initiative(d); err != nil {
				return fmt.Errorf("depends on unknown initiative #%d", d)
			}
		}
		if in.ID, err = t.insert(in); err != nil {
			return err
		}
		if err := t.setDependencies(in.ID, in.DependsOn, true); err != nil {
			return err
		}
		in.Version, in.Created, in.Updated = 1, t.at, t.at
		return t.record(Event{Initiative: in.ID, Action: ActionCreate, New: in.Title})
	})
	return in, err
}

// Edit applies a patch to an initiative. The result is validated like a new
// initiative; changed dependencies must exist and make no cycle; changing
// the domain or level of an initiative in progress or done must keep its
// cross-domain prerequisites reached, unless forced.
func (s *Store) Edit(ctx context.Context, id int64, p roadmap.Patch, opt Options) (roadmap.Initiative, error) {
	var out roadmap.Initiative
	err := s.write(ctx, PlanAccess, func(t *txn) error {
		old, err := t.initiative(id)
		if err != nil {
			// A row edited outside maturity: the edit may be its fix.
			if old, err = t.repair(old, err, p, opt); err != nil {
				return err
			}
		}
		if err := opt.check(old); err != nil {
			return err
		}
		m, err := t.model()
		if err != nil {
			return err
		}
		next, err := p.Apply(old).Normalize(m)
		if err != nil {
			return err
		}
		// Only an added dependency can be unknown or close a cycle; a
		// removal needs no look at the other rows (which may be broken).
		depsChanged := slices.ContainsFunc(next.DependsOn, func(d int64) bool { return !slices.Contains(old.DependsOn, d) })
		retarget := (next.Domain != old.Domain || next.Level != old.Level) &&
			(next.Status == roadmap.InProgress || next.Status == roadmap.Done)
		reason := ""
		if depsChanged {
			r, err := t.reachable(m, next.DependsOn)
			if err != nil {
				return err
			}
			if err := r.CheckDependencies(id, next.DependsOn); err != nil {
				return err
			}
		}
		if retarget {
			// Judge the prerequisites as they would be after the change.
			var lerr error
			err := m.CheckRetargetAt(next, func() roadmap.Levels {
				lv, err := t.levelsNow(&next)
				lerr = err
				return lv
			}, false)
			var blocked *roadmap.BlockedError
			switch {
			case lerr != nil:
				return lerr
			case errors.As(err, &blocked) && opt.Force:
				reason = forcedReason(err, opt.Reason)
			case err != nil:
				return err
			}
		}
		action := ActionEdit
		if reason != "" {
			action = ActionForce
		}
		out, err = t.update(old, next, action, reason)
		return err
	})
	return out, err
}

// forcedReason is what the history keeps about an override: the user's
// reason and what was overridden.
func forcedReason(blocked error, reason string) string {
	return strings.TrimSpace(reason) + " (overrode: " + blocked.Error() + ")"
}

// SetStatus makes transition t (roadmap.CheckTransition): starting while a
// prerequisite is not reached, or marking done while a prerequisite is not
// reached or a dependency is not done, returns a *roadmap.BlockedError
// unless forced; a forced override is recorded with its reason. It returns
// the initiative as stored. It reads the initiative, its dependencies and,
// for the levels reached, an index (roadmap.Model.CheckTransitionOf), not
// the whole roadmap: at 100k initiatives that is milliseconds instead of
// a tenth of a second or more.
func (s *Store) SetStatus(ctx context.Context, id int64, tr roadmap.Transition, opt Options) (roadmap.Initiative, error) {
	var out roadmap.Initiative
	err := s.write(ctx, PlanAccess, func(t *txn) error {
		old, err := t.initiative(id)
		if err != nil {
			return err
		}
		if err := opt.check(old); err != nil {
			return err
		}
		m, err := t.model()
		if err != nil {
			return err
		}
		deps, err := t.dependencies(m, old.DependsOn)
		if err != nil {
			return err
		}
		var lerr error
		err = m.CheckTransitionOf(&old, deps, func() roadmap.Levels {
			lv, err := t.levelsNow(nil)
			lerr = err
			return lv
		}, tr, false)
		if lerr != nil {
			return lerr
		}
		action, reason := ActionEdit, ""
		if err != nil {
			var blocked *roadmap.BlockedError
			if !errors.As(err, &blocked) || !opt.Force {
				return err
			}
			action, reason = ActionForce, forcedReason(err, opt.Reason)
		}
		next := old
		next.Status = tr.To()
		out, err = t.update(old, next, action, reason)
		return err
	})
	return out, err
}

// Delete removes an initiative. It is refused while other initiatives
// depend on it; the error names them. The history of the initiative stays.
func (s *Store) Delete(ctx context.Context, id int64, opt Options) (roadmap.Initiative, error) {
	var out roadmap.Initiative
	err := s.write(ctx, PlanAccess, func(t *txn) error {
		// A row edited outside maturity can still be deleted.
		in, err := t.initiative(id)
		var bad *BadRowError
		if err != nil && !errors.As(err, &bad) {
			return err
		}
		if err := opt.check(in); err != nil {
			return err
		}
		rows, err := t.tx.QueryContext(ctx, `SELECT initiative_id FROM dependencies WHERE depends_on = ? ORDER BY initiative_id`, id)
		if err != nil {
			return dbError(err)
		}
		var dependents []int64
		for rows.Next() {
			var d int64
			if err := rows.Scan(&d); err != nil {
				rows.Close()
				return dbError(err)
			}
			dependents = append(dependents, d)
		}
		rows.Close()
		if len(dependents) > 0 {
			refs, err := t.refs(dependents)
			if err != nil {
				return err
			}
			return errors.New(roadmap.DeleteRefusal(in.Ref(), refs))
		}
		if _, err := t.tx.ExecContext(ctx, `DELETE FROM initiatives WHERE id = ?`, id); err != nil {
			return dbError(err)
		}
		t.touch(id)
		out = in
		return t.record(Event{Initiative: id, Action: ActionDelete, Old: in.Title})
	})
	return out, err
}
