package roadmap

// Needs returns the prerequisites of the level an initiative targets
// (Model.Prerequisites), each with the level its domain has in now. An
// initiative of an unknown domain or level has none.
func (r *Roadmap) Needs(in *Initiative, now Levels) []Need {
	d, ok := r.Model.index[in.Domain]
	if !ok || in.Level < 1 || in.Level > MaxLevel {
		return nil
	}
	return r.Model.needsIn(now, d, in.Level)
}

// Blockers returns the prerequisites of an initiative that now does not
// reach.
func (r *Roadmap) Blockers(in *Initiative, now Levels) []Need { return r.Model.blockers(in, now) }

func (m *Model) blockers(in *Initiative, now Levels) []Need {
	d, ok := m.index[in.Domain]
	if !ok || in.Level < 1 || in.Level > MaxLevel {
		return nil
	}
	return m.unmet(now, d, in.Level)
}

// Waiting returns the dependencies of an initiative that are not done, in
// id order; one that no initiative has counts as not done.
func (r *Roadmap) Waiting(in *Initiative) []Waiting {
	var out []Waiting
	for _, id := range in.DependsOn {
		dep, ok := r.Get(id)
		if !ok {
			out = append(out, Waiting{ID: id})
		} else if dep.Status != Done {
			out = append(out, Waiting{ID: id, Initiative: dep})
		}
	}
	return out
}

// Ready reports whether an initiative could be marked done now without an
// override: it is planned or in progress, every dependency is done, and
// every prerequisite is reached in now. It is exactly the check that done
// makes, so a list of what is ready is a list of what done accepts. The
// levels are passed in so that a list can compute them once.
func (r *Roadmap) Ready(in *Initiative, now Levels) bool {
	if in.Status.Finished() || !r.Model.HasDomain(in.Domain) || in.Level < 1 || in.Level > MaxLevel {
		return false
	}
	for _, id := range in.DependsOn {
		if dep, ok := r.Get(id); !ok || dep.Status != Done {
			return false
		}
	}
	return len(r.Blockers(in, now)) == 0
}
