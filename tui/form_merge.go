package tui

import (
	"fmt"
	"strings"

	"maturity/roadmap"
)

// A save refused because the initiative changed elsewhere since the form
// opened (store.StaleError) loses nothing: the form is set on the version
// the store holds now, field by field. A field the user left alone shows
// its current value; a field the user changed keeps the user's value; a
// field changed on both sides, to different values, shows both, and the
// user chooses. Then the form asks whether to save the user's changes on
// top of the current version: the same patch of the changed fields, now
// expecting that version.

// merge is what a stale save left to settle.
type merge struct {
	// conflicts are the fields changed here and elsewhere to different
	// values, in form order; chosen counts those settled.
	conflicts []conflict
	chosen    int
	// elsewhere names what changed elsewhere ("owner, quarter"), or "".
	elsewhere string
}

// conflict is a field changed here and elsewhere: the text of each.
type conflict struct {
	field         int
	yours, theirs string
}

// rebase sets the form on cur, the initiative as the store holds it now,
// keeping the user's changes, and asks what is to be asked.
func (f *form) rebase(cur roadmap.Initiative) {
	theirs := fieldTexts(&cur)
	var mg merge
	var elsewhere []string
	for i := range fieldCount {
		yours := f.text(i)
		mine, there := yours != f.initial[i], theirs[i] != f.initial[i]
		if there {
			elsewhere = append(elsewhere, strings.ToLower(fieldLabels[i]))
		}
		switch {
		case !mine:
			f.setText(i, theirs[i])
		case there && yours != theirs[i]:
			mg.conflicts = append(mg.conflicts, conflict{field: i, yours: yours, theirs: theirs[i]})
		}
		f.initial[i] = theirs[i]
	}
	if cur.Status != f.editing.Status {
		elsewhere = append(elsewhere, "status ("+string(cur.Status)+")")
	}
	mg.elsewhere = strings.Join(elsewhere, ", ")
	f.editing, f.merge = &cur, mg
	if f.errs != [fieldCount]string{} {
		f.values() // the messages, against the current version
	}
	f.ask()
}

// ask asks the next question of a merge: which value of the next field
// changed on both sides, else whether to save.
func (f *form) ask() {
	if f.merge.chosen < len(f.merge.conflicts) {
		f.step = stepConflict
		f.setFocus(f.merge.conflicts[f.merge.chosen].field)
		return
	}
	f.step = stepMerge
}

// choose takes the user's answer about a field changed on both sides: y
// keeps the user's value, t takes the one saved elsewhere; esc goes back
// to the form as it is.
func (f *form) choose(key string) {
	c := f.merge.conflicts[f.merge.chosen]
	switch key {
	case "y", "Y":
		f.setText(c.field, c.yours)
	case "t", "T":
		f.setText(c.field, c.theirs)
	case "esc":
		f.backToEditing()
		return
	default:
		return
	}
	f.merge.chosen++
	f.ask()
}

// backToEditing leaves the merge's questions for the form, which now
// edits the current version.
func (f *form) backToEditing() {
	f.step, f.saveErr = stepEdit, ""
	f.note = fmt.Sprintf("Editing %s as it is now (version %d): ctrl+s saves your changes on top of it.",
		roadmap.Printable(f.editing.Ref()), f.editing.Version)
}

// mergeView draws the merge's question, w cells wide.
func (f *form) mergeView(w int) string {
	st := f.styles
	var b strings.Builder
	b.WriteString(st.Error.Render(wrapWords(f.saveErr+".", w)) + "\n")
	if f.step == stepConflict {
		c := f.merge.conflicts[f.merge.chosen]
		head := fieldLabels[c.field] + " changed here and elsewhere"
		if n := len(f.merge.conflicts); n > 1 {
			head += fmt.Sprintf(" (%d of %d)", f.merge.chosen+1, n)
		}
		b.WriteString(st.Warning.Render(head+":") + "\n")
		for _, v := range []struct{ who, text string }{{"yours ", c.yours}, {"theirs", c.theirs}} {
			b.WriteString("  " + st.Bold.Render(v.who) + "  " + oneLine(st, v.text, w-10) + "\n")
		}
		b.WriteString(st.Muted.Render("y keeps yours · t takes theirs · esc back to the form"))
		return b.String()
	}
	var yours []string
	for i := range fieldCount {
		if f.text(i) != f.initial[i] {
			yours = append(yours, strings.ToLower(fieldLabels[i]))
		}
	}
	elsewhere := f.merge.elsewhere
	if elsewhere == "" {
		elsewhere = "nothing this form shows"
	}
	text := "Changed elsewhere: " + elsewhere + "; the form shows the current version"
	keys := "y saves · n keeps editing"
	if len(yours) == 0 {
		text += ", which has your changes already: nothing is left to save."
		keys = "y closes · n keeps editing"
	} else {
		text += " with your changes (" + strings.Join(yours, ", ") + "). Save them on top of it?"
	}
	b.WriteString(wrapWords(text, w) + "\n")
	b.WriteString(st.Muted.Render(keys))
	return b.String()
}

// oneLine shows a field's text on one line of at most w cells: the line
// breaks of a description as ↵, an empty text as such.
func oneLine(st *Styles, s string, w int) string {
	if s == "" {
		return st.Muted.Render("(empty)")
	}
	return truncate(strings.ReplaceAll(s, "\n", " ↵ "), w)
}
