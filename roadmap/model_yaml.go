package roadmap

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

//go:embed default_model.yaml
var defaultModelYAML []byte

// MaxModelSize is the largest model file ParseModel accepts.
const MaxModelSize = 1 << 20

// DefaultModel returns the built-in platform engineering maturity model.
func DefaultModel() *Model {
	m, err := ParseModel(defaultModelYAML)
	if err != nil {
		panic("roadmap: the embedded default model is invalid: " + err.Error())
	}
	return m
}

// modelLines records where each part of a model file was written.
type modelLines struct {
	stageList                                     int
	stageLines, domains, rules, metrics, criteria []int
	levels, bands                                 [][]int
}

func (l *modelLines) stages() int        { return l.stageList }
func (l *modelLines) stage(i int) int    { return l.stageLines[i] }
func (l *modelLines) domain(i int) int   { return l.domains[i] }
func (l *modelLines) level(d, i int) int { return l.levels[d][i] }
func (l *modelLines) rule(i int) int     { return l.rules[i] }
func (l *modelLines) metric(i int) int   { return l.metrics[i] }
func (l *modelLines) band(m, b int) int  { return l.bands[m][b] }
func (l *modelLines) criterion(i int) int {
	return l.criteria[i]
}

// ParseModel reads a model written in YAML (the format WriteModel writes)
// and validates it. Errors name the line: unknown keys, duplicate domains,
// levels other than exactly 0..4, rules naming unknown domains or levels,
// rules that form a cycle, and every problem of the metrics and criteria
// (validateModel) are all refused.
func ParseModel(data []byte) (*Model, error) {
	if len(data) > MaxModelSize {
		return nil, fmt.Errorf("model file is larger than %d bytes", MaxModelSize)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("model file is not valid UTF-8")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, fmt.Errorf("model file is empty")
	}
	root := doc.Content[0]
	top, err := fields(root, "model", nil, "stages", "domains", "rules", "metrics", "criteria")
	if err != nil {
		return nil, err
	}
	lines := &modelLines{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "stages" {
			lines.stageList = root.Content[i].Line
		}
	}
	var stages []Stage
	var domains []Domain
	var rules []Rule

	items, err := list(top["stages"], "stages")
	if err != nil {
		return nil, err
	}
	for _, n := range items {
		f, err := fields(n, "stage", []string{"level", "name"}, "level", "name", "description")
		if err != nil {
			return nil, err
		}
		var s Stage
		if s.Level, err = intField(f["level"], "level"); err != nil {
			return nil, err
		}
		if s.Name, err = strField(f["name"], "name"); err != nil {
			return nil, err
		}
		if s.Description, err = textField(f["description"]); err != nil {
			return nil, err
		}
		stages = append(stages, s)
		lines.stageLines = append(lines.stageLines, n.Line)
	}

	if items, err = list(top["domains"], "domains"); err != nil {
		return nil, err
	}
	for _, n := range items {
		f, err := fields(n, "domain", []string{"key", "name", "levels"}, "key", "name", "description", "levels")
		if err != nil {
			return nil, err
		}
		var d Domain
		if d.Key, err = strField(f["key"], "key"); err != nil {
			return nil, err
		}
		if d.Name, err = strField(f["name"], "name"); err != nil {
			return nil, err
		}
		if d.Description, err = textField(f["description"]); err != nil {
			return nil, err
		}
		lvItems, err := list(f["levels"], "levels")
		if err != nil {
			return nil, err
		}
		var lvLines []int
		for _, ln := range lvItems {
			lf, err := fields(ln, "level", []string{"level", "name"}, "level", "name", "description")
			if err != nil {
				return nil, err
			}
			var l Level
			if l.Level, err = intField(lf["level"], "level"); err != nil {
				return nil, err
			}
			if l.Name, err = strField(lf["name"], "name"); err != nil {
				return nil, err
			}
			if l.Description, err = textField(lf["description"]); err != nil {
				return nil, err
			}
			d.Levels = append(d.Levels, l)
			lvLines = append(lvLines, ln.Line)
		}
		domains = append(domains, d)
		lines.domains = append(lines.domains, n.Line)
		lines.levels = append(lines.levels, lvLines)
	}

	if top["rules"] != nil {
		if items, err = list(top["rules"], "rules"); err != nil {
			return nil, err
		}
	} else {
		items = nil
	}
	for _, n := range items {
		f, err := fields(n, "rule", []string{"domain", "level", "requires", "at_least"}, "domain", "level", "requires", "at_least")
		if err != nil {
			return nil, err
		}
		var r Rule
		if r.Domain, err = strField(f["domain"], "domain"); err != nil {
			return nil, err
		}
		if r.Level, err = intField(f["level"], "level"); err != nil {
			return nil, err
		}
		if r.Requires, err = strField(f["requires"], "requires"); err != nil {
			return nil, err
		}
		if r.AtLeast, err = intField(f["at_least"], "at_least"); err != nil {
			return nil, err
		}
		rules = append(rules, r)
		lines.rules = append(lines.rules, n.Line)
	}
	p := Parts{Stages: stages, Domains: domains, Rules: rules}
	if p.Metrics, err = parseMetrics(top["metrics"], lines); err != nil {
		return nil, err
	}
	if p.Criteria, err = parseCriteria(top["criteria"], lines); err != nil {
		return nil, err
	}
	if err := validateModel(&p, lines); err != nil {
		return nil, err
	}
	return buildModel(p), nil
}

// optionalList reads a list that a model may leave out.
func optionalList(n *yaml.Node, what string) ([]*yaml.Node, error) {
	if n == nil {
		return nil, nil
	}
	return list(n, what)
}

// parseMetrics reads the metrics; their values are read in their units
// by validateModel.
func parseMetrics(n *yaml.Node, lines *modelLines) ([]Metric, error) {
	items, err := optionalList(n, "metrics")
	if err != nil {
		return nil, err
	}
	var out []Metric
	for _, n := range items {
		f, err := fields(n, "metric", []string{"key", "name", "unit", "direction"},
			"key", "name", "description", "unit", "direction", "domain", "min", "max", "bands")
		if err != nil {
			return nil, err
		}
		var x Metric
		var unit, dir string
		for _, s := range []struct {
			to   *string
			name string
		}{{&x.Key, "key"}, {&x.Name, "name"}, {&unit, "unit"}, {&dir, "direction"}, {&x.Domain, "domain"}} {
			if *s.to, err = strField(f[s.name], s.name); err != nil {
				return nil, err
			}
		}
		x.Unit, x.Direction = Unit(unit), Direction(dir)
		if x.Description, err = textField(f["description"]); err != nil {
			return nil, err
		}
		if x.Unit == UnitScore {
			x.Min, x.Max = 1, 5
		}
		for _, s := range []struct {
			to   *float64
			name string
		}{{&x.Min, "min"}, {&x.Max, "max"}} {
			if f[s.name] == nil {
				continue
			}
			if *s.to, err = numberField(f[s.name], s.name); err != nil {
				return nil, err
			}
			if x.Unit != UnitScore {
				return nil, at(f[s.name].Line, "metric %s: min and max are for scores only, not a %s", x.Key, x.Unit)
			}
		}
		var bandLines []int
		if b := f["bands"]; b != nil {
			if x.Bands, bandLines, err = parseBands(b); err != nil {
				return nil, err
			}
		}
		out = append(out, x)
		lines.metrics = append(lines.metrics, n.Line)
		lines.bands = append(lines.bands, bandLines)
	}
	return out, nil
}

// parseBands reads a metric's band table.
func parseBands(n *yaml.Node) (*Bands, []int, error) {
	f, err := fields(n, "bands", []string{"edition", "source", "table"}, "edition", "source", "table")
	if err != nil {
		return nil, nil, err
	}
	b := &Bands{}
	if b.Edition, err = strField(f["edition"], "edition"); err != nil {
		return nil, nil, err
	}
	if b.Source, err = strField(f["source"], "source"); err != nil {
		return nil, nil, err
	}
	items, err := list(f["table"], "table")
	if err != nil {
		return nil, nil, err
	}
	var lines []int
	for _, n := range items {
		bf, err := fields(n, "band", []string{"name"}, "name", "at_least", "above", "at_most", "below")
		if err != nil {
			return nil, nil, err
		}
		var band Band
		if band.Name, err = strField(bf["name"], "name"); err != nil {
			return nil, nil, err
		}
		for _, s := range []struct {
			to        *Bound
			a, b      string // the inclusive and the exclusive key
			inclusive bool
		}{{&band.Lower, "at_least", "above", true}, {&band.Upper, "at_most", "below", true}} {
			if bf[s.a] != nil && bf[s.b] != nil {
				return nil, nil, at(bf[s.b].Line, "band %s has both %s and %s: give one", band.Name, s.a, s.b)
			}
			for _, k := range []string{s.a, s.b} {
				if bf[k] == nil {
					continue
				}
				text, err := valueField(bf[k], k)
				if err != nil {
					return nil, nil, err
				}
				*s.to = Bound{Set: true, Inclusive: k == s.a, text: text}
			}
		}
		b.Table = append(b.Table, band)
		lines = append(lines, n.Line)
	}
	return b, lines, nil
}

// parseCriteria reads the criteria; thresholds are read in their metric's
// unit by validateModel.
func parseCriteria(n *yaml.Node, lines *modelLines) ([]Criterion, error) {
	items, err := optionalList(n, "criteria")
	if err != nil {
		return nil, err
	}
	var out []Criterion
	for _, n := range items {
		f, err := fields(n, "criterion", []string{"key", "domain", "level"},
			"key", "domain", "level", "check", "metric", "at_least", "at_most")
		if err != nil {
			return nil, err
		}
		var c Criterion
		for _, s := range []struct {
			to   *string
			name string
		}{{&c.Key, "key"}, {&c.Domain, "domain"}, {&c.Check, "check"}, {&c.Metric, "metric"}} {
			if *s.to, err = strField(f[s.name], s.name); err != nil {
				return nil, err
			}
		}
		if c.Level, err = intField(f["level"], "level"); err != nil {
			return nil, err
		}
		if f["at_least"] != nil && f["at_most"] != nil {
			return nil, at(f["at_most"].Line, "criterion %s has both at_least and at_most: give one", c.Key)
		}
		for _, s := range []struct {
			name string
			op   Op
		}{{"at_least", AtLeast}, {"at_most", AtMost}} {
			if f[s.name] == nil {
				continue
			}
			if c.text, err = valueField(f[s.name], s.name); err != nil {
				return nil, err
			}
			c.Op = s.op
		}
		out = append(out, c)
		lines.criteria = append(lines.criteria, n.Line)
	}
	return out, nil
}

// valueField reads a value as written (1/day, 4h, 5%, 3): any scalar but
// null; its unit reads it.
func valueField(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Value == "" {
		return "", at(n.Line, "%s must be a value such as 4h, 1/week or 5%%", what)
	}
	return n.Value, nil
}

// numberField reads a number, whole or not.
func numberField(n *yaml.Node, what string) (float64, error) {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		if v, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			return v, nil
		}
	}
	return 0, at(n.Line, "%s must be a number, not %q", what, n.Value)
}

// fields checks that n is a mapping with only the allowed keys, each once,
// and the required ones present.
func fields(n *yaml.Node, what string, required []string, allowed ...string) (map[string]*yaml.Node, error) {
	if n.Kind == yaml.AliasNode {
		return nil, at(n.Line, "aliases are not supported")
	}
	if n.Kind != yaml.MappingNode {
		return nil, at(n.Line, "%s must be a mapping of keys to values", what)
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ok := false
		for _, a := range allowed {
			ok = ok || k.Value == a
		}
		if !ok || k.Kind != yaml.ScalarNode {
			return nil, at(k.Line, "unknown key %q in %s (want %s)", k.Value, what, strings.Join(allowed, ", "))
		}
		if prev, dup := out[k.Value]; dup {
			return nil, at(k.Line, "key %q is given twice in one %s (first at line %d)", k.Value, what, prev.Line)
		}
		out[k.Value] = v
	}
	for _, r := range required {
		if out[r] == nil {
			return nil, at(n.Line, "%s has no %q", what, r)
		}
	}
	return out, nil
}

func list(n *yaml.Node, what string) ([]*yaml.Node, error) {
	if n == nil {
		return nil, fmt.Errorf("model has no %q", what)
	}
	if n.Kind != yaml.SequenceNode {
		return nil, at(n.Line, "%s must be a list", what)
	}
	return n.Content, nil
}

func strField(n *yaml.Node, what string) (string, error) {
	if n == nil {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", at(n.Line, "%s must be text", what)
	}
	return n.Value, nil
}

// textField reads a description: text under the same rules as an
// initiative's description (CleanText), so that no model text can send a
// terminal escape sequence or reorder what is shown.
func textField(n *yaml.Node) (string, error) {
	s, err := strField(n, "description")
	if err != nil || s == "" {
		return s, err
	}
	if s, err = CleanText(s, "description", MaxDescription); err != nil {
		return "", at(n.Line, "%v", err)
	}
	return s, nil
}

func intField(n *yaml.Node, what string) (int, error) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		return 0, at(n.Line, "%s must be a whole number, not %q", what, n.Value)
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil {
		return 0, at(n.Line, "%s must be a whole number, not %q", what, n.Value)
	}
	return v, nil
}

// optionalText are the keys WriteModel leaves out when their text is
// empty (as it does a description).
var optionalText = map[string]bool{"domain": true}

// WriteModel writes the model as YAML that ParseModel reads back to an
// equal model.
func WriteModel(w io.Writer, m *Model) error {
	kv := func(pairs ...any) *yaml.Node {
		n := &yaml.Node{Kind: yaml.MappingNode}
		for i := 0; i < len(pairs); i += 2 {
			var v *yaml.Node
			switch x := pairs[i+1].(type) {
			case string:
				v = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: x}
			case int:
				v = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(x)}
			case float64:
				tag := "!!float"
				if x == math.Trunc(x) {
					tag = "!!int"
				}
				v = &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: strconv.FormatFloat(x, 'f', -1, 64)}
			case *yaml.Node:
				v = x
			case nil:
				continue
			}
			if s, ok := pairs[i+1].(string); ok && s == "" && (pairs[i] == "description" || optionalText[pairs[i].(string)]) {
				continue
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: pairs[i].(string)}, v)
		}
		return n
	}
	seq := func() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode} }

	stages := seq()
	for _, s := range m.Stages {
		stages.Content = append(stages.Content, kv("level", s.Level, "name", s.Name, "description", s.Description))
	}
	domains := seq()
	for _, d := range m.Domains {
		levels := seq()
		for _, l := range d.Levels {
			levels.Content = append(levels.Content, kv("level", l.Level, "name", l.Name, "description", l.Description))
		}
		domains.Content = append(domains.Content, kv("key", d.Key, "name", d.Name, "description", d.Description, "levels", levels))
	}
	rules := seq()
	for _, r := range m.Rules {
		n := kv("domain", r.Domain, "level", r.Level, "requires", r.Requires, "at_least", r.AtLeast)
		n.Style = yaml.FlowStyle
		rules.Content = append(rules.Content, n)
	}
	pairs := []any{"stages", stages, "domains", domains, "rules", rules}
	if len(m.Metrics) > 0 {
		metrics := seq()
		for i := range m.Metrics {
			x := &m.Metrics[i]
			var lo, hi any
			if x.Unit == UnitScore {
				lo, hi = x.Min, x.Max
			}
			var bands any
			if b := x.Bands; b != nil {
				table := seq()
				for _, band := range b.Table {
					bp := []any{"name", band.Name}
					for _, bound := range []struct {
						b          Bound
						incl, excl string
					}{{band.Lower, "at_least", "above"}, {band.Upper, "at_most", "below"}} {
						if !bound.b.Set {
							continue
						}
						key := bound.excl
						if bound.b.Inclusive {
							key = bound.incl
						}
						bp = append(bp, key, x.Format(bound.b.Value))
					}
					n := kv(bp...)
					n.Style = yaml.FlowStyle
					table.Content = append(table.Content, n)
				}
				bands = kv("edition", b.Edition, "source", b.Source, "table", table)
			}
			metrics.Content = append(metrics.Content, kv("key", x.Key, "name", x.Name, "description", x.Description,
				"unit", string(x.Unit), "direction", string(x.Direction), "domain", x.Domain, "min", lo, "max", hi, "bands", bands))
		}
		pairs = append(pairs, "metrics", metrics)
	}
	if len(m.Criteria) > 0 {
		criteria := seq()
		for i := range m.Criteria {
			c := &m.Criteria[i]
			cp := []any{"key", c.Key, "domain", c.Domain, "level", c.Level}
			if c.IsCheck() {
				cp = append(cp, "check", c.Check)
			} else {
				op := "at_least"
				if c.Op == AtMost {
					op = "at_most"
				}
				cp = append(cp, "metric", c.Metric, op, m.Metric(c.Metric).Format(c.Threshold))
			}
			criteria.Content = append(criteria.Content, kv(cp...))
		}
		pairs = append(pairs, "criteria", criteria)
	}
	root := kv(pairs...)

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
