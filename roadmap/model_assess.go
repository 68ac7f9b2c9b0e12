package roadmap

import (
	"sort"
	"strconv"
)

// The rules of a model's metrics and criteria, checked by validateModel
// with the rest of the model.

// Limits of the texts of metrics and criteria.
const (
	maxCheck  = 300 // a check criterion's statement
	maxSource = 300 // a band table's source
)

// validateMetrics checks the metrics: keys, names, units, directions,
// domains, a score's range and the band tables. Bounds given as text are
// read in the metric's unit.
func validateMetrics(metrics []Metric, domains map[string]int, lines lineFinder) error {
	seen := map[string]int{}
	for i := range metrics {
		x := &metrics[i]
		ln := lines.metric(i)
		if err := checkKey(x.Key, "metric key", ln); err != nil {
			return err
		}
		if j, dup := seen[x.Key]; dup {
			return at(ln, "metric %q is defined twice%s", x.Key, firstAt(lines.metric(j)))
		}
		seen[x.Key] = i
		if err := checkName(x.Name, "metric name", ln); err != nil {
			return err
		}
		if _, err := ParseUnit(string(x.Unit)); err != nil {
			return at(ln, "metric %s: %v", x.Key, err)
		}
		if _, err := ParseDirection(string(x.Direction)); err != nil {
			return at(ln, "metric %s: %v", x.Key, err)
		}
		if _, ok := domains[x.Domain]; x.Domain != "" && !ok {
			return at(ln, "metric %s names unknown domain %q", x.Key, x.Domain)
		}
		if err := checkRange(x, ln); err != nil {
			return err
		}
		if x.Bands != nil {
			if err := checkBands(x, i, lines); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkRange holds a score's range to whole thousandths from 0 to
// maxScore, min below max; the other units have none.
func checkRange(x *Metric, ln int) error {
	s := x.Scale()
	if x.Unit != UnitScore {
		if x.Min != 0 || x.Max != 0 {
			return at(ln, "metric %s: min and max are for scores only, not a %s", x.Key, x.Unit)
		}
		return nil
	}
	for _, v := range []float64{x.Min, x.Max} {
		if v < 0 || v > maxScore || float64(s.milli(v))/decimals != v {
			return at(ln, "metric %s: a score's range runs within 0..%d, in at most three decimals, not %s", x.Key, maxScore,
				strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	if x.Min >= x.Max {
		return at(ln, "metric %s: min %s must be below max %s", x.Key, formatDecimal(s.milli(x.Min)), formatDecimal(s.milli(x.Max)))
	}
	return nil
}

// checkBands checks a band table: its edition and source, at least one
// band, names that are keys with distinct initials, bounds in the
// metric's unit, and a lower bound below the upper one.
func checkBands(x *Metric, mi int, lines lineFinder) error {
	b := x.Bands
	ln := lines.metric(mi)
	if err := checkName(b.Edition, "band edition", ln); err != nil {
		return err
	}
	if _, err := CleanLine(b.Source, "band source", maxSource, true); err != nil {
		return at(ln, "metric %s: %v", x.Key, err)
	}
	if len(b.Table) == 0 {
		return at(ln, "metric %s: bands list no band", x.Key)
	}
	names, letters := map[string]int{}, map[string]int{}
	s := x.Scale()
	for j := range b.Table {
		band := &b.Table[j]
		bl := lines.band(mi, j)
		if err := checkKey(band.Name, "band name", bl); err != nil {
			return err
		}
		if k, dup := names[band.Name]; dup {
			return at(bl, "metric %s: band %q is given twice%s", x.Key, band.Name, firstAt(lines.band(mi, k)))
		}
		names[band.Name] = j
		if k, dup := letters[band.Letter()]; dup {
			return at(bl, "metric %s: bands %q and %q share the initial %s, which compact views show",
				x.Key, b.Table[k].Name, band.Name, band.Letter())
		}
		letters[band.Letter()] = j
		for _, bound := range []*Bound{&band.Lower, &band.Upper} {
			if err := readBound(s, bound, x.Key, band.Name, bl); err != nil {
				return err
			}
		}
		if lo, hi := band.Lower, band.Upper; lo.Set && hi.Set {
			if c := s.Compare(lo.Value, hi.Value); c > 0 || c == 0 && !(lo.Inclusive && hi.Inclusive) {
				return at(bl, "metric %s: band %s holds no value: %s", x.Key, band.Name, band.Describe(s))
			}
		}
	}
	return nil
}

// readBound reads a bound given as text in the scale's unit, or checks
// that a bound given as a number is a value of the scale.
func readBound(s Scale, b *Bound, metric, band string, ln int) error {
	if !b.Set {
		return nil
	}
	v, err := readValue(s, b.text, b.Value)
	if err != nil {
		return at(ln, "metric %s: band %s: %v", metric, band, err)
	}
	b.Value, b.text = v, ""
	return nil
}

// readValue reads text in the scale's unit when it is given, else checks
// that v is a value the scale reads back as itself.
func readValue(s Scale, text string, v float64) (float64, error) {
	if text == "" {
		text = s.Format(v)
	}
	return s.Parse(text)
}

// validateCriteria checks the criteria: unique keys, a known domain and
// level, either a check or a threshold on a known metric in its unit,
// and criteria on every level 1..MaxLevel of a domain that has any.
func validateCriteria(p *Parts, domains map[string]int, lines lineFinder) error {
	metrics := map[string]*Metric{}
	for i := range p.Metrics {
		metrics[p.Metrics[i].Key] = &p.Metrics[i]
	}
	seen := map[string]int{}
	type rung struct {
		d string
		k int
	}
	has := map[rung]bool{}
	first := map[string]int{} // the first criterion of each domain
	for i := range p.Criteria {
		c := &p.Criteria[i]
		ln := lines.criterion(i)
		if err := checkKey(c.Key, "criterion key", ln); err != nil {
			return err
		}
		if j, dup := seen[c.Key]; dup {
			return at(ln, "criterion %q is defined twice%s", c.Key, firstAt(lines.criterion(j)))
		}
		seen[c.Key] = i
		if _, ok := domains[c.Domain]; !ok {
			return at(ln, "criterion %s names unknown domain %q", c.Key, c.Domain)
		}
		if c.Level < 1 || c.Level > MaxLevel {
			return at(ln, "criterion %s: level %d is out of range: want 1..%d", c.Key, c.Level, MaxLevel)
		}
		switch {
		case c.Check != "" && (c.Metric != "" || c.Op != "" || c.text != ""):
			return at(ln, "criterion %s has both a check and a metric: give one", c.Key)
		case c.Check != "":
			if _, err := CleanLine(c.Check, "check", maxCheck, true); err != nil {
				return at(ln, "criterion %s: %v", c.Key, err)
			}
		case c.Metric == "":
			return at(ln, "criterion %s has neither a check nor a metric: give one", c.Key)
		default:
			x := metrics[c.Metric]
			if x == nil {
				return at(ln, "criterion %s names unknown metric %q", c.Key, c.Metric)
			}
			if c.Op != AtLeast && c.Op != AtMost {
				return at(ln, "criterion %s: a metric criterion needs at_least or at_most", c.Key)
			}
			v, err := readValue(x.Scale(), c.text, c.Threshold)
			if err != nil {
				return at(ln, "criterion %s: threshold is not a value of %s (%s): %v", c.Key, x.Key, x.Unit, err)
			}
			c.Threshold, c.text = v, ""
		}
		has[rung{c.Domain, c.Level}] = true
		if _, ok := first[c.Domain]; !ok {
			first[c.Domain] = i
		}
	}
	for _, d := range p.Domains {
		i, ok := first[d.Key]
		if !ok {
			continue
		}
		for k := 1; k <= MaxLevel; k++ {
			if !has[rung{d.Key, k}] {
				return at(lines.criterion(i), "domain %s has criteria but none at level %d: a domain has criteria on every level 1..%d or on none",
					d.Key, k, MaxLevel)
			}
		}
	}
	return nil
}

// buildAssessment indexes validated metrics and criteria; the criteria
// are sorted by domain (model order) and level, keeping the given order
// within a level.
func (m *Model) buildAssessment(metrics []Metric, criteria []Criterion) {
	m.Metrics = append([]Metric(nil), metrics...)
	m.metricIndex = make(map[string]int, len(metrics))
	for i := range m.Metrics {
		if b := m.Metrics[i].Bands; b != nil {
			cp := *b
			cp.Table = append([]Band(nil), b.Table...)
			m.Metrics[i].Bands = &cp
		}
		m.metricIndex[m.Metrics[i].Key] = i
	}
	m.Criteria = append([]Criterion(nil), criteria...)
	sort.SliceStable(m.Criteria, func(i, j int) bool {
		a, b := m.Criteria[i], m.Criteria[j]
		if a.Domain != b.Domain {
			return m.index[a.Domain] < m.index[b.Domain]
		}
		return a.Level < b.Level
	})
	m.criterionIndex = make(map[string]int, len(criteria))
	m.criteriaAt = make([][MaxLevel + 1][2]int, len(m.Domains))
	for i, c := range m.Criteria {
		m.criterionIndex[c.Key] = i
		d := m.index[c.Domain]
		r := &m.criteriaAt[d][c.Level]
		if r[1] == 0 {
			r[0] = i
		}
		r[1] = i + 1
	}
}

// WithDefaultEvidence gives a model that has no metrics and no criteria
// those of the default model: every metric (without its domain where m
// lacks it) and the criteria of the domains m has. A model that has
// either, or that they do not fit, is returned as it is.
func WithDefaultEvidence(m *Model) *Model {
	if len(m.Metrics) > 0 || len(m.Criteria) > 0 {
		return m
	}
	def := DefaultModel()
	p := m.Parts()
	for _, x := range def.Metrics {
		if !m.HasDomain(x.Domain) {
			x.Domain = ""
		}
		p.Metrics = append(p.Metrics, x)
	}
	for _, c := range def.Criteria {
		if m.HasDomain(c.Domain) {
			p.Criteria = append(p.Criteria, c)
		}
	}
	next, err := NewModelOf(p)
	if err != nil {
		return m
	}
	return next
}
