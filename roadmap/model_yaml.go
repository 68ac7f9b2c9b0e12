package roadmap

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
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
	stageList                  int
	stageLines, domains, rules []int
	levels                     [][]int
}

func (l *modelLines) stages() int        { return l.stageList }
func (l *modelLines) stage(i int) int    { return l.stageLines[i] }
func (l *modelLines) domain(i int) int   { return l.domains[i] }
func (l *modelLines) level(d, i int) int { return l.levels[d][i] }
func (l *modelLines) rule(i int) int     { return l.rules[i] }

// ParseModel reads a model written in YAML (the format WriteModel writes)
// and validates it. Errors name the line: unknown keys, duplicate domains,
// levels other than exactly 0..4, rules naming unknown domains or levels,
// and rules that form a cycle are all refused.
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
	top, err := fields(root, "model", nil, "stages", "domains", "rules")
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
	if err := validateModel(stages, domains, rules, lines); err != nil {
		return nil, err
	}
	return buildModel(stages, domains, rules), nil
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
			case *yaml.Node:
				v = x
			}
			if s, ok := pairs[i+1].(string); ok && s == "" && pairs[i] == "description" {
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
	root := kv("stages", stages, "domains", domains, "rules", rules)

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
