package store

import (
	"fmt"
	"strings"

	"maturity/roadmap"
)

// Text writes a history entry on one line, as `maturity log` and `show`
// print it and the dashboard's detail shows it: when (local time), who,
// and what changed, with the reason of a forced change. Long values are
// cut to 60 characters; the text is not made printable (roadmap.Printable
// does that where it is shown).
func (e Event) Text() string {
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
	case ActionCreate:
		what = fmt.Sprintf("created #%d %q", e.Initiative, short(e.New))
	case ActionDelete:
		what = fmt.Sprintf("deleted #%d %q", e.Initiative, short(e.Old))
	case ActionAssess:
		what = fmt.Sprintf("assessed %s at level %s (was %s)", e.Field, e.New, e.Old)
	case ActionModel:
		what = "replaced the maturity model"
	case ActionAnswer:
		what = fmt.Sprintf("answered %s: %s (was %s)", e.Field, e.New, e.Old)
	case ActionMetric:
		metric, quarter, _ := strings.Cut(e.Field, " ")
		what = fmt.Sprintf("recorded %s for %s: %s", metric, quarter, e.New)
		if e.Old != "" {
			what += " (was " + e.Old + ")"
		}
	case ActionSchedule:
		what = fmt.Sprintf("#%d moved by the scheduler: %s → %s", e.Initiative, quarterLabel(e.Old), quarterLabel(e.New))
	case ActionCapacity:
		when, who, _ := strings.Cut(e.Field, " ")
		if who == "" {
			who = "team"
		}
		what = fmt.Sprintf("capacity of %s (%s): %s → %s", when, who, orDash(e.Old), orDash(e.New))
	default:
		what = fmt.Sprintf("#%d %s: %s → %s", e.Initiative, e.Field, orDash(short(e.Old)), orDash(short(e.New)))
		if e.Action == ActionForce {
			what += " (forced)"
		}
	}
	if e.Reason != "" && e.Action != ActionModel {
		what += " — " + strings.ReplaceAll(e.Reason, "\n", " ")
	}
	return head + what
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// quarterLabel writes a stored quarter, "backlog" for none.
func quarterLabel(s string) string {
	if s == "" {
		return "backlog"
	}
	return s
}
