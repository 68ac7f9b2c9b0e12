package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"maturity/roadmap"
)

// m on a check asks for the evidence, and enter records the answer
// through the store; the dashboard then shows the roadmap read again, with
// the criterion met and the domain's evidence as the store holds it.
func TestAssessmentAnswerIsRecordedThroughTheStore(t *testing.T) {
	h := demoHarness(t)
	before, _ := h.evidence()
	h.selectCriterion("std-3-parity")
	h.press("m")
	if h.dialogKind() != "prompt" {
		t.Fatalf("m opened %q, want the evidence prompt", h.dialogKind())
	}
	if text := h.dialogText(); !strings.Contains(text, "Answer std-3-parity: met") || !strings.Contains(text, "Now unknown (never answered)") {
		t.Errorf("the prompt says %q", text)
	}
	h.typeText("staging and prod from one chart")
	h.press("enter")
	if h.dialogKind() != "" {
		t.Fatalf("the prompt is still open: %q", h.dialogError())
	}
	after, _ := h.evidence()
	if len(after) != len(before)+1 {
		t.Fatalf("%d answers stored, want %d", len(after), len(before)+1)
	}
	last := after[len(after)-1]
	if last.Criterion != "std-3-parity" || last.State != roadmap.Met || last.Evidence != "staging and prod from one chart" {
		t.Errorf("stored %+v", last)
	}
	if got := h.snapshot().r.Assessment.Status("std-3-parity").State; got != roadmap.Met {
		t.Errorf("the dashboard shows std-3-parity %s after the answer, want met: it did not read the roadmap again", got)
	}
	if want := "answered std-3-parity: met; standardization evidenced 1"; !strings.HasPrefix(h.statusText(), want) {
		t.Errorf("status %q, want it to start with %q", h.statusText(), want)
	}
	if h.selection() != "std-3-parity" {
		t.Errorf("the cursor moved to %q", h.selection())
	}
	if !strings.Contains(h.screen(), "evidence: staging and prod from one chart") {
		t.Errorf("the detail does not show the evidence:\n%s", h.screen())
	}
}

// The same state again keeps the answer's note and starts from its
// evidence; esc records nothing.
func TestAssessmentAnswerAgainStartsFromItsEvidence(t *testing.T) {
	h := demoHarness(t)
	before, _ := h.evidence()
	h.selectCriterion("auto-2-no-ticket")
	h.press("u")
	if got := h.input(); got != "Portal in beta" {
		t.Errorf("the prompt starts from %q, want the evidence recorded", got)
	}
	if !strings.Contains(h.dialogText(), "Its note stays") {
		t.Errorf("the prompt does not say the note stays: %q", h.dialogText())
	}
	h.press("esc")
	h.press("u", "enter")
	after, _ := h.evidence()
	if len(after) != len(before)+1 {
		t.Fatalf("%d answers stored, want one more than %d", len(after), len(before))
	}
	if last := after[len(after)-1]; last.Note != "About half the teams still file a ticket for an environment" || last.Evidence != "Portal in beta" {
		t.Errorf("stored %+v, want the note and evidence kept", last)
	}
	h.press("m")
	if got := h.input(); got != "" {
		t.Errorf("a new state starts from %q, want nothing", got)
	}
}

// A metric criterion is met by its metric's value: answering it is
// refused with the store's sentence, which names the metric, and nothing
// is written; v there records a value of that metric.
func TestAssessmentMetricCriterionRefusesAnAnswer(t *testing.T) {
	h := demoHarness(t)
	before, _ := h.evidence()
	h.selectCriterion("std-2-drift")
	h.press("m")
	if h.dialogKind() != "" {
		t.Fatalf("m on a metric criterion opened %q", h.dialogKind())
	}
	want := "std-2-drift is met by the value of metric environment-drift (environment-drift at most 20%), not by an answer: record one with v"
	if h.statusText() != want {
		t.Errorf("status %q, want %q", h.statusText(), want)
	}
	if after, _ := h.evidence(); len(after) != len(before) {
		t.Errorf("%d answers stored, want %d", len(after), len(before))
	}
	h.press("v")
	if text := h.dialogText(); !strings.Contains(text, "Record environment-drift for 2026-Q4") {
		t.Errorf("v on std-2-drift opened %q", text)
	}
}

// v records a value for the selected metric and quarter: a value that does
// not read in the metric's unit is refused under the field with the unit's
// sentence and nothing is written; a good one is written through the
// store, keeping the quarter's source, and shown at once.
func TestAssessmentValueIsRecordedThroughTheStore(t *testing.T) {
	h := demoHarness(t)
	_, before := h.evidence()
	h.selectMetric("change-lead-time")
	if h.selection() != "change-lead-time 2026-Q4" {
		t.Fatalf("selected %q, want the current quarter", h.selection())
	}
	h.press("v")
	if got := h.input(); got != "36h" {
		t.Errorf("the prompt starts from %q, want the quarter's value", got)
	}
	h.press("ctrl+u")
	h.typeText("fast")
	h.press("enter")
	if want := `invalid value "fast" for change-lead-time: want a duration such as 4h, 3d or 2w`; h.dialogError() != want {
		t.Errorf("the prompt says %q, want %q", h.dialogError(), want)
	}
	if _, after := h.evidence(); len(after) != len(before) {
		t.Fatalf("a bad value wrote: %d values, want %d", len(after), len(before))
	}
	h.press("ctrl+u")
	h.typeText("1d")
	h.press("enter")
	if h.dialogKind() != "" {
		t.Fatalf("the prompt is still open: %q", h.dialogError())
	}
	_, after := h.evidence()
	if len(after) != len(before)+1 {
		t.Fatalf("%d values stored, want %d", len(after), len(before)+1)
	}
	last := after[len(after)-1]
	if last.Metric != "change-lead-time" || last.Quarter.String() != "2026-Q4" || last.Value != 86400 || last.Source != "DevLake" {
		t.Errorf("stored %+v, want 1d for 2026-Q4 with its source kept", last)
	}
	if want := "recorded change-lead-time for 2026-Q4: 1d (high), was 36h"; h.statusText() != want {
		t.Errorf("status %q, want %q", h.statusText(), want)
	}
	if !strings.Contains(h.screen(), "1d H↑") {
		t.Errorf("the metrics do not show the new value:\n%s", h.screen())
	}

	// The same value again changes nothing.
	h.press("v", "enter")
	if want := "change-lead-time for 2026-Q4 is 1d already: nothing changed"; h.statusText() != want {
		t.Errorf("status %q, want %q", h.statusText(), want)
	}
	if _, again := h.evidence(); len(again) != len(after) {
		t.Errorf("the same value wrote again")
	}
}

// ← picks an earlier quarter, and v records for it.
func TestAssessmentValueForAnEarlierQuarter(t *testing.T) {
	h := demoHarness(t)
	h.selectMetric("incident-auto-remediation")
	h.press("left", "left")
	if h.selection() != "incident-auto-remediation 2026-Q2" {
		t.Fatalf("selected %q", h.selection())
	}
	h.press("v")
	if got := h.input(); got != "" {
		t.Errorf("a quarter without a value starts from %q", got)
	}
	h.typeText("40")
	h.press("enter")
	_, values := h.evidence()
	last := values[len(values)-1]
	if last.Metric != "incident-auto-remediation" || last.Quarter.String() != "2026-Q2" || last.Value != 40 {
		t.Errorf("stored %+v", last)
	}
	if h.selection() != "incident-auto-remediation 2026-Q2" {
		t.Errorf("after the save the cursor is on %q", h.selection())
	}
}

// One cursor goes down the criteria into the metrics and back up; the keys
// that do nothing where it is are not in the help.
func TestAssessmentCursorAndItsKeys(t *testing.T) {
	h := demoHarness(t)
	h.view(assessmentTitle)
	if h.selection() != "std-1-config-in-git" {
		t.Fatalf("the cursor starts on %q", h.selection())
	}
	if line := h.helpLine(); !strings.Contains(line, "m/u/n") || strings.Contains(line, "v record") {
		t.Errorf("on a check the help line is %q", line)
	}
	h.press("right")
	if h.selection() != "auto-1-scripted-provisioning" {
		t.Errorf("→ went to %q", h.selection())
	}
	h.press("G", "down")
	if h.selection() != "deployment-frequency 2026-Q4" {
		t.Errorf("↓ past the criteria went to %q", h.selection())
	}
	if line := h.helpLine(); strings.Contains(line, "m/u/n") || !strings.Contains(line, "v record") {
		t.Errorf("on a metric the help line is %q", line)
	}
	h.press("m")
	if h.dialogKind() != "" {
		t.Errorf("m on a metric opened %q", h.dialogKind())
	}
	h.press("up")
	if h.selection() != "auto-4-coverage" {
		t.Errorf("↑ from the metrics went to %q", h.selection())
	}
	// auto-4-coverage is decided by a metric: the help offers a value, not
	// an answer (m still says why it does not apply).
	if line := h.helpLine(); strings.Contains(line, "m/u/n") || !strings.Contains(line, "v record") {
		t.Errorf("on a metric criterion the help line is %q", line)
	}
}

// An empty database has the default model's criteria and nothing
// recorded: the view says what to do first, and the first answer works.
func TestAssessmentOnAnEmptyDatabase(t *testing.T) {
	h := newHarness(t, openStore(t), 80, 24)
	h.view(assessmentTitle)
	if s := flat(h.screen()); !strings.Contains(s, "Nothing is assessed yet: select a criterion and press m, u or n") {
		t.Errorf("the empty view does not say what to do first:\n%s", h.screen())
	}
	h.press("m")
	h.typeText("make env")
	h.press("enter")
	answers, _ := h.evidence()
	if len(answers) != 1 || answers[0].Criterion != "std-1-config-in-git" {
		t.Fatalf("stored %+v", answers)
	}
	if strings.Contains(flat(h.screen()), "Nothing is assessed yet") {
		t.Errorf("the hint stays after the first answer")
	}
}

// TestGoldenAssessmentEmpty draws the assessment view of an empty
// database, which has the default model's criteria and nothing recorded,
// at each size. Regenerate with: go test ./tui -run TestGoldenAssessmentEmpty -update
func TestGoldenAssessmentEmpty(t *testing.T) {
	for _, size := range []struct{ w, h int }{{64, 16}, {80, 24}, {120, 40}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			h := newHarness(t, openStore(t), size.w, size.h)
			h.view(assessmentTitle)
			golden.RequireEqual(t, []byte(h.screen()))
		})
	}
}

// The full help lists every key of the view wherever the cursor is: m, u
// and n on a metric too, and v on a check, each saying where it works.
func TestAssessmentFullHelpListsEveryKey(t *testing.T) {
	h := demoHarness(t)
	h.resize(120, 40)
	for _, c := range []struct {
		at   func()
		want []string
	}{
		{func() { h.selectCriterion("std-1-config-in-git") }, []string{"m answer met", "u answer unmet", "n answer unknown", "v record a value (on a metric)"}},
		{func() { h.selectMetric("change-lead-time") }, []string{"m answer met (on a check)", "u answer unmet (on a check)", "n answer unknown (on a check)", "v record a value"}},
	} {
		c.at()
		h.press("?")
		screen := h.screen()
		for _, want := range c.want {
			if !strings.Contains(screen, want) {
				t.Errorf("on %s the full help has no %q:\n%s", h.selection(), want, screen)
			}
		}
		for _, k := range []string{"↑/k", "↓/j", "←/h", "→/l", "g/home", "G/end"} {
			if !strings.Contains(screen, k+" ") {
				t.Errorf("on %s the full help has no %s", h.selection(), k)
			}
		}
		h.press("esc")
	}
}

// The detail of the selected criterion or metric wraps in full, its
// statement, state, evidence, note, time and author, and the line above
// the criteria wraps rather than being cut, from 80×24.
func TestAssessmentDetailWrapsInFull(t *testing.T) {
	h := demoHarness(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		h.resize(size[0], size[1])
		a := h.snapshot().r.Assessment
		m := a.Model
		check := func(what string, texts ...string) {
			t.Helper()
			screen := h.screen()
			for _, text := range texts {
				if !strings.Contains(squeeze(screen), squeeze(roadmap.Printable(text))) {
					t.Errorf("%dx%d, on %s the screen does not show %q in full:\n%s", size[0], size[1], what, text, screen)
				}
			}
		}
		for i := range m.Criteria {
			c := &m.Criteria[i]
			h.selectCriterion(c.Key)
			cs := a.Status(c.Key)
			check(c.Key, "metric values from 2026-Q2 to 2026-Q4 count", a.StateText(cs), m.Statement(c), a.Detail(cs))
		}
		h.selectMetric("change-lead-time")
		check("change-lead-time", "recorded ", "by ", "source: DevLake", bandsText(m.Metric("change-lead-time")))
	}
}

// At 64×16 the metrics show the most recent quarters that fit, the
// current one always with its band and trend; each metric's name is long
// enough to tell it from the others; the legend line counts the rows
// below; and each domain says the level reached next to the evidence.
func TestAssessmentMetricsAtTheSmallestSize(t *testing.T) {
	h := demoHarness(t)
	h.resize(64, 16)
	h.selectMetric("deployment-frequency")
	m := h.snapshot().r.Assessment.Model
	qs := h.assessment().quarters()
	for i := range m.Metrics {
		screen := h.screen()
		lines := strings.Split(screen, "\n")
		head := -1
		for j, line := range lines {
			if strings.HasPrefix(line, "  Metrics") {
				head = j
			}
		}
		if head < 0 {
			t.Fatalf("no metrics head:\n%s", screen)
		}
		shown := false
		for j, q := range qs {
			has := strings.Contains(lines[head], q.String())
			if shown && !has || j == len(qs)-1 && !has {
				t.Fatalf("the metrics show quarters that are not the most recent, or not the current one: %q", lines[head])
			}
			shown = shown || has
		}
		if !strings.Contains(lines[head], strings.Fields(h.selection())[1]) {
			t.Errorf("the selected quarter %s is not shown: %q", h.selection(), lines[head])
		}
		var row string
		for _, line := range lines[head+1:] {
			if strings.HasPrefix(line, "▌ ") {
				row = line
			}
		}
		name := strings.TrimSuffix(strings.Fields(strings.TrimPrefix(row, "▌ "))[0], "…")
		key := m.Metrics[i].Key
		matches := 0
		for _, x := range m.Metrics {
			if strings.HasPrefix(x.Key, name) {
				matches++
			}
		}
		if !strings.HasPrefix(key, name) || matches != 1 && name != key {
			t.Errorf("metric %s is shown as %q, which does not tell it from the others:\n%s", key, name, screen)
		}
		if i == 0 && !strings.Contains(row, "2/week H↓") {
			t.Errorf("the current quarter's value, band and trend are not shown: %q", row)
		}
		if more := len(m.Metrics) - 1 - i; more > 0 && !regexp.MustCompile(`↓\d+ more`).MatchString(screen) {
			t.Errorf("on row %d no line says rows are below:\n%s", i, screen)
		}
		for _, want := range []string{"reached 2", "evidenced 1"} {
			if !strings.Contains(screen, want) {
				t.Errorf("the domains do not say %q:\n%s", want, screen)
			}
		}
		h.press("down")
	}
	h.press("left", "left", "left", "left", "left", "left")
	if q := strings.Fields(h.selection())[1]; !strings.Contains(h.screen(), q) {
		t.Errorf("← selected %s, which is not shown:\n%s", q, h.screen())
	}
}
