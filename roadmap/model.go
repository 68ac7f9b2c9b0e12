package roadmap

import (
	"fmt"
	"sort"
	"strconv"
)

// MaxLevel is the highest level of every domain; levels run 0..MaxLevel.
const MaxLevel = 4

// Model is a maturity model: the domains an organisation climbs, the names
// of their levels, the overall stages, and the cross-domain rules that say
// which level of one domain needs which level of another. A Model is
// immutable once built by NewModelOf or ParseModel.
type Model struct {
	Stages  []Stage  // exactly levels 0..MaxLevel, in order
	Domains []Domain // in display order
	Rules   []Rule   // sorted by domain (model order), level, required domain
	// Metrics are the outcomes measured each quarter, in display order.
	Metrics []Metric
	// Criteria are the evidence each level asks for, sorted by domain
	// (model order) and level, in the order given within a level.
	Criteria []Criterion

	index          map[string]int
	metricIndex    map[string]int
	criterionIndex map[string]int
	// criteriaAt[d][k] is the range of Criteria at level k of domain d.
	criteriaAt [][MaxLevel + 1][2]int
	// needs[d][k] holds the prerequisites of level k of domain d: level
	// k-1 of d (from level 2 up), then the rules that gate it; at[d][k]
	// holds the same with domains as indexes, for the hot loops.
	needs [][MaxLevel + 1][]Prerequisite
	at    [][MaxLevel + 1][]level
}

// Stage names the organisation's overall maturity: the minimum level over
// all domains.
type Stage struct {
	Level       int
	Name        string
	Description string
}

// Domain is one axis of the model, such as automation.
type Domain struct {
	Key         string // lower-case identifier used in commands and files
	Name        string // display name
	Description string
	Levels      []Level // exactly levels 0..MaxLevel, in order
}

// Level names one rung of a domain.
type Level struct {
	Level       int
	Name        string
	Description string
}

// Rule says that Domain at Level requires Requires to be at AtLeast or more.
type Rule struct {
	Domain   string
	Level    int
	Requires string
	AtLeast  int
}

// level is a level of the domain with model index d.
type level struct{ d, k int }

// Prerequisite is a level that some other level waits for: Domain ≥ Level.
type Prerequisite struct {
	Domain string
	Level  int
}

// Parts are what a model is made of.
type Parts struct {
	Stages   []Stage
	Domains  []Domain
	Rules    []Rule
	Metrics  []Metric
	Criteria []Criterion
}

// Parts returns the model's parts, copied: change them and build a new
// model with NewModelOf.
func (m *Model) Parts() Parts {
	p := Parts{Stages: append([]Stage(nil), m.Stages...), Domains: append([]Domain(nil), m.Domains...),
		Rules: append([]Rule(nil), m.Rules...), Metrics: append([]Metric(nil), m.Metrics...),
		Criteria: append([]Criterion(nil), m.Criteria...)}
	for i := range p.Domains {
		p.Domains[i].Levels = append([]Level(nil), p.Domains[i].Levels...)
	}
	return p
}

// NewModelOf validates the parts and builds a Model from them. Errors
// name the offending part; ParseModel reports the same problems with line
// numbers.
func NewModelOf(p Parts) (*Model, error) {
	p.Metrics = append([]Metric(nil), p.Metrics...)
	p.Criteria = append([]Criterion(nil), p.Criteria...)
	if err := validateModel(&p, noLines{}); err != nil {
		return nil, err
	}
	return buildModel(p), nil
}

// buildModel assembles a Model from validated parts.
func buildModel(p Parts) *Model {
	stages, domains, rules := p.Stages, p.Domains, p.Rules
	m := &Model{
		Stages:  append([]Stage(nil), stages...),
		Domains: append([]Domain(nil), domains...),
		index:   make(map[string]int, len(domains)),
	}
	sort.Slice(m.Stages, func(i, j int) bool { return m.Stages[i].Level < m.Stages[j].Level })
	for i := range m.Domains {
		m.Domains[i].Levels = append([]Level(nil), m.Domains[i].Levels...)
		sort.Slice(m.Domains[i].Levels, func(a, b int) bool { return m.Domains[i].Levels[a].Level < m.Domains[i].Levels[b].Level })
		m.index[m.Domains[i].Key] = i
	}
	m.Rules = append([]Rule(nil), rules...)
	sort.SliceStable(m.Rules, func(i, j int) bool {
		a, b := m.Rules[i], m.Rules[j]
		if a.Domain != b.Domain {
			return m.index[a.Domain] < m.index[b.Domain]
		}
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		return m.index[a.Requires] < m.index[b.Requires]
	})
	m.needs = make([][MaxLevel + 1][]Prerequisite, len(m.Domains))
	for d, dom := range m.Domains {
		for k := 2; k <= MaxLevel; k++ {
			m.needs[d][k] = []Prerequisite{{Domain: dom.Key, Level: k - 1}}
		}
	}
	for _, r := range m.Rules {
		d := m.index[r.Domain]
		m.needs[d][r.Level] = append(m.needs[d][r.Level], Prerequisite{Domain: r.Requires, Level: r.AtLeast})
	}
	m.at = make([][MaxLevel + 1][]level, len(m.Domains))
	for d := range m.needs {
		for k, ps := range m.needs[d] {
			for _, p := range ps {
				m.at[d][k] = append(m.at[d][k], level{m.index[p.Domain], p.Level})
			}
		}
	}
	m.buildAssessment(p.Metrics, p.Criteria)
	return m
}

// HasDomain reports whether key names a domain of the model.
func (m *Model) HasDomain(key string) bool {
	_, ok := m.index[key]
	return ok
}

// DomainIndex returns the position of the domain in display order.
func (m *Model) DomainIndex(key string) (int, bool) {
	i, ok := m.index[key]
	return i, ok
}

// Domain returns the domain with the given key, or nil.
func (m *Model) Domain(key string) *Domain {
	i, ok := m.index[key]
	if !ok {
		return nil
	}
	return &m.Domains[i]
}

// LevelName returns the name of a domain's level, or "" if either is unknown.
func (m *Model) LevelName(domain string, level int) string {
	d := m.Domain(domain)
	if d == nil || level < 0 || level > MaxLevel {
		return ""
	}
	return d.Levels[level].Name
}

// StageName returns the name of an overall stage.
func (m *Model) StageName(level int) string {
	if level < 0 || level >= len(m.Stages) {
		return ""
	}
	return m.Stages[level].Name
}

// Prerequisites returns what reaching level of domain waits for: the
// previous level of the same domain (from level 2 up: every domain starts
// at level 0 and level 1 has nothing below it to wait for), then every
// cross-domain rule of that level in model order. It is the one definition
// of a prerequisite: an initiative's are those of the level it targets, and
// readiness, start, done, the warnings, deadlocks and the levels reached all
// use it. Unknown domains and levels have none. The caller must not modify
// the result.
func (m *Model) Prerequisites(domain string, level int) []Prerequisite {
	i, ok := m.index[domain]
	if !ok || level < 0 || level > MaxLevel {
		return nil
	}
	return m.needs[i][level]
}

// DescribeLevel writes a domain level the way every message does:
// "governance ≥ 2 (Static Checks)".
func (m *Model) DescribeLevel(p Prerequisite) string { return string(m.appendDescribed(nil, p)) }

func (m *Model) appendDescribed(b []byte, p Prerequisite) []byte {
	b = append(b, p.Domain...)
	b = append(b, " ≥ "...)
	b = strconv.AppendInt(b, int64(p.Level), 10)
	b = append(b, " ("...)
	b = append(b, m.LevelName(p.Domain, p.Level)...)
	return append(b, ')')
}

// lineFinder tells validation where a part of a model was written, so that
// errors from a file can name the line.
type lineFinder interface {
	stages() int // the list of stages
	stage(i int) int
	domain(i int) int
	level(d, l int) int
	rule(i int) int
	metric(i int) int
	band(m, b int) int
	criterion(i int) int
}

type noLines struct{}

func (noLines) stages() int        { return 0 }
func (noLines) stage(int) int      { return 0 }
func (noLines) domain(int) int     { return 0 }
func (noLines) level(int, int) int { return 0 }
func (noLines) rule(int) int       { return 0 }
func (noLines) metric(int) int     { return 0 }
func (noLines) band(int, int) int  { return 0 }
func (noLines) criterion(int) int  { return 0 }

func at(line int, format string, args ...any) error {
	if line > 0 {
		return fmt.Errorf("line %d: "+format, append([]any{line}, args...)...)
	}
	return fmt.Errorf(format, args...)
}

// firstAt tells where a repeated part was first given, when it came from a
// file.
func firstAt(line int) string {
	if line > 0 {
		return fmt.Sprintf(" (first at line %d)", line)
	}
	return ""
}

// validateModel checks every part of a model: the one home of the
// model's rules, for files and for parts built in code. It reads the
// thresholds that a file gave as text (Bound.text, Criterion.text) in
// their metric's unit.
func validateModel(p *Parts, lines lineFinder) error {
	stages, domains, rules := p.Stages, p.Domains, p.Rules
	if err := checkRungs(len(stages), func(i int) int { return stages[i].Level }, lines.stage, "stage", lines.stages()); err != nil {
		return err
	}
	for i, s := range stages {
		if err := checkName(s.Name, "stage name", lines.stage(i)); err != nil {
			return err
		}
	}
	if len(domains) == 0 {
		return at(0, "the model has no domains")
	}
	seen := map[string]int{}
	for i, d := range domains {
		if err := checkKey(d.Key, "domain key", lines.domain(i)); err != nil {
			return err
		}
		if j, dup := seen[d.Key]; dup {
			return at(lines.domain(i), "domain %q is defined twice%s", d.Key, firstAt(lines.domain(j)))
		}
		seen[d.Key] = i
		if err := checkName(d.Name, "domain name", lines.domain(i)); err != nil {
			return err
		}
		i := i
		if err := checkRungs(len(d.Levels), func(l int) int { return d.Levels[l].Level }, func(l int) int { return lines.level(i, l) }, "level of domain "+d.Key, lines.domain(i)); err != nil {
			return err
		}
		for l, lv := range d.Levels {
			if err := checkName(lv.Name, "level name", lines.level(i, l)); err != nil {
				return err
			}
		}
	}
	type key struct {
		d   string
		l   int
		req string
	}
	ruleAt := map[key]int{}
	for i, r := range rules {
		ln := lines.rule(i)
		if _, ok := seen[r.Domain]; !ok {
			return at(ln, "rule names unknown domain %q", r.Domain)
		}
		if _, ok := seen[r.Requires]; !ok {
			return at(ln, "rule requires unknown domain %q", r.Requires)
		}
		if r.Level < 1 || r.Level > MaxLevel {
			return at(ln, "rule level %d is out of range: want 1..%d", r.Level, MaxLevel)
		}
		if r.AtLeast < 1 || r.AtLeast > MaxLevel {
			return at(ln, "rule at_least %d is out of range: want 1..%d", r.AtLeast, MaxLevel)
		}
		if r.Requires == r.Domain {
			return at(ln, "rule for %s %d requires its own domain: levels of one domain already come in order", r.Domain, r.Level)
		}
		k := key{r.Domain, r.Level, r.Requires}
		if j, dup := ruleAt[k]; dup {
			return at(ln, "rule %s %d requires %s is given twice%s", r.Domain, r.Level, r.Requires, firstAt(lines.rule(j)))
		}
		ruleAt[k] = i
	}
	if err := checkRuleCycles(domains, rules, lines); err != nil {
		return err
	}
	if err := validateMetrics(p.Metrics, seen, lines); err != nil {
		return err
	}
	return validateCriteria(p, seen, lines)
}

// checkRungs verifies that n items carry exactly the levels 0..MaxLevel.
func checkRungs(n int, levelOf func(int) int, lineOf func(int) int, what string, parentLine int) error {
	seen := map[int]int{}
	for i := 0; i < n; i++ {
		l := levelOf(i)
		if l < 0 || l > MaxLevel {
			return at(lineOf(i), "%s %d is out of range: levels are exactly 0..%d", what, l, MaxLevel)
		}
		if j, dup := seen[l]; dup {
			return at(lineOf(i), "%s %d is defined twice%s", what, l, firstAt(lineOf(j)))
		}
		seen[l] = i
	}
	for l := 0; l <= MaxLevel; l++ {
		if _, ok := seen[l]; !ok {
			return at(parentLine, "%s %d is missing: levels are exactly 0..%d", what, l, MaxLevel)
		}
	}
	return nil
}

// checkKey holds a key (of a domain, metric, criterion or band) to
// lower-case letters, digits, '-' and '_', starting with a letter, at most
// 32 characters; what names it in the error.
func checkKey(k, what string, line int) error {
	if k == "" {
		return at(line, "%s is empty", what)
	}
	if len(k) > 32 {
		return at(line, "%s %q is longer than 32 characters", what, k)
	}
	for i, c := range k {
		ok := c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '_')
		if !ok {
			return at(line, "%s %q: use lower-case letters, digits, '-' and '_', starting with a letter", what, k)
		}
	}
	return nil
}

func checkName(s, what string, line int) error {
	if _, err := CleanLine(s, what, 80, true); err != nil {
		return at(line, "%v", err)
	}
	return nil
}

// checkRuleCycles refuses rules that make a level wait for itself. The graph
// has a node per (domain, level); level k of a domain waits for level k-1 of
// the same domain and for every level its rules require.
func checkRuleCycles(domains []Domain, rules []Rule, lines lineFinder) error {
	idx := map[string]int{}
	for i, d := range domains {
		idx[d.Key] = i
	}
	type node struct{ d, l int }
	type edge struct {
		to   node
		rule int // -1 for the implicit previous-level edge
	}
	out := map[node][]edge{}
	for i, r := range rules {
		from := node{idx[r.Domain], r.Level}
		out[from] = append(out[from], edge{node{idx[r.Requires], r.AtLeast}, i})
	}
	next := func(n node) []edge {
		es := out[n]
		if n.l > 0 {
			es = append([]edge{{node{n.d, n.l - 1}, -1}}, es...)
		}
		return es
	}
	const (
		white = iota
		grey
		black
	)
	colour := map[node]int{}
	var stack []int // rule indexes along the current path
	var visit func(n node) error
	visit = func(n node) error {
		colour[n] = grey
		for _, e := range next(n) {
			if e.rule >= 0 {
				stack = append(stack, e.rule)
			}
			switch colour[e.to] {
			case grey:
				r := rules[stack[len(stack)-1]]
				return at(lines.rule(stack[len(stack)-1]), "rule %s %d requires %s %d makes a cycle: %s %d would have to wait for itself",
					r.Domain, r.Level, r.Requires, r.AtLeast, domains[e.to.d].Key, e.to.l)
			case white:
				if err := visit(e.to); err != nil {
					return err
				}
			}
			if e.rule >= 0 {
				stack = stack[:len(stack)-1]
			}
		}
		colour[n] = black
		return nil
	}
	for d := range domains {
		for l := MaxLevel; l >= 0; l-- {
			if n := (node{d, l}); colour[n] == white {
				if err := visit(n); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
