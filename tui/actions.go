package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"maturity/roadmap"
	"maturity/store"
)

// openDelete asks before deleting an initiative. The store refuses while
// others depend on it: when the roadmap shown says so already, the dialog
// says it, naming them, in the store's words, and asks nothing; when it
// learns of them only from the store (they came elsewhere since), the
// dialog shows the store's refusal after y.
func (m *Model) openDelete(in *roadmap.Initiative) tea.Cmd {
	if refusal := m.snap.r.DeleteBlocked(in); refusal != "" {
		m.dialog = &confirm{styles: &m.styles, question: roadmap.Printable(refusal)}
		return nil
	}
	id, version := in.ID, in.Version
	m.dialog = &confirm{
		styles:   &m.styles,
		question: fmt.Sprintf("Delete %s? Its history stays; the id is not reused.", roadmap.Printable(in.Ref())),
		yes:      func() tea.Cmd { return m.startChange(m.remove(id, version)) },
	}
	return nil
}

// openDepends edits the dependencies of an initiative as a list of ids.
// The prompt names the dependencies it has now, and under the field the
// initiatives the ids typed stand for.
func (m *Model) openDepends(in *roadmap.Initiative) tea.Cmd {
	id, version := in.ID, in.Version
	detail := "Ids of the initiatives this one waits for, separated by commas. Leave empty for none. Cycles are refused."
	if len(in.DependsOn) > 0 {
		detail += "\n\nNow: " + m.refList(in.DependsOn, maxListed)
	}
	p := newPrompt(&m.styles, "Dependencies of "+roadmap.Printable(in.Ref()), detail,
		roadmap.FormatIDs(in.DependsOn, ", "), "e.g. 3, 5", inputLimit(maxDependsText),
		func(value string) (tea.Cmd, error) {
			ids, err := roadmap.ParseIDs(value)
			if err != nil {
				return nil, err
			}
			if err := m.snap.r.CheckDependencies(id, ids); err != nil {
				return nil, err
			}
			return m.startChange(m.change("updated the dependencies of %s", func(ctx context.Context, st *store.Store) (roadmap.Initiative, error) {
				return st.Edit(ctx, id, roadmap.Patch{DependsOn: &ids}, store.Options{ExpectVersion: version})
			})), nil
		})
	p.about = m.typedRefs
	m.dialog = p
	return nil
}

// openForce offers to override a refused start or done, with a reason
// that the history keeps.
func (m *Model) openForce(blocked *roadmap.BlockedError, tr roadmap.Transition) tea.Cmd {
	// The override is of the initiative as the refusal saw it.
	id, version := blocked.Initiative.ID, blocked.Initiative.Version
	title := "Prerequisites not reached"
	if len(blocked.Unmet) == 0 {
		title = "Dependencies not done"
	}
	m.dialog = newPrompt(&m.styles, title, roadmap.Printable(blocked.Error())+"\n\nTo do it anyway, give the reason (it is kept in the history), or press esc.",
		"", "why the override is right", inputLimit(roadmap.MaxReason),
		func(value string) (tea.Cmd, error) {
			reason, err := roadmap.CleanLine(value, "reason", roadmap.MaxReason, true)
			if err != nil {
				return nil, errors.New("a reason is required to override: " + err.Error())
			}
			return m.startChange(m.setStatus(id, tr, store.Options{ExpectVersion: version, Force: true, Reason: reason})), nil
		})
	return nil
}

// openExport asks where to write the roadmap CSV.
func (m *Model) openExport() tea.Cmd {
	def := fmt.Sprintf("roadmap-%s.csv", m.today().Format("2006-01-02"))
	m.dialog = m.askFile("Export the roadmap as CSV", def, "", m.export)
	return nil
}

// maxListed is how many initiatives a list in a dialog names before it
// counts the rest.
const maxListed = 6

// refList names the initiatives of ids with their status (RefStatus), at
// most limit of them, then counts the rest.
func (m *Model) refList(ids []int64, limit int) string {
	var parts []string
	for i, id := range ids {
		if i == limit {
			parts = append(parts, fmt.Sprintf("%d more", len(ids)-limit))
			break
		}
		if d, ok := m.snap.r.Get(id); ok {
			parts = append(parts, d.RefStatus())
		} else {
			parts = append(parts, fmt.Sprintf("#%d", id))
		}
	}
	return roadmap.Printable(roadmap.JoinAnd(parts))
}

// typedRefs says, a line each, which initiative each id typed in value
// is, or that there is none; what is not an id yet says nothing (enter
// says what is wrong with it). After maxListed lines it counts the rest.
func (m *Model) typedRefs(value string, width int) string {
	var lines []string
	seen := map[int64]bool{}
	more := 0
	for _, f := range roadmap.SplitIDs(value) {
		id, err := roadmap.ParseID(f)
		if err != nil || seen[id] {
			continue
		}
		seen[id] = true
		if len(lines) == maxListed {
			more++
			continue
		}
		d, err := m.snap.r.Find(id)
		if err != nil {
			lines = append(lines, m.styles.Warning.Render(truncate("  "+err.Error(), width)))
			continue
		}
		lines = append(lines, truncate("  "+roadmap.Printable(d.RefStatus()), width))
	}
	if more > 0 {
		lines = append(lines, m.styles.Muted.Render(fmt.Sprintf("  and %d more", more)))
	}
	return strings.Join(lines, "\n")
}
