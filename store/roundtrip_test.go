package store

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"maturity/roadmap"
)

// TestEditFieldsAreWhatDiffReports shows that EditFields, which the dump
// parser accepts as the field of a change, are exactly the fields
// roadmap.Diff reports, found by diffing an initiative against one whose
// every field is set.
func TestEditFieldsAreWhatDiffReports(t *testing.T) {
	t.Parallel()
	var set roadmap.Initiative
	fillEvery(reflect.ValueOf(&set).Elem())
	var got []string
	for _, c := range roadmap.Diff(roadmap.Initiative{}, set) {
		got = append(got, c.Field)
	}
	if !slices.Equal(got, EditFields) {
		t.Errorf("roadmap.Diff reports %v; EditFields are %v", got, EditFields)
	}
}

// fillEvery sets every settable field of v to a value that is not zero.
func fillEvery(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		e := reflect.New(v.Type().Elem()).Elem()
		fillEvery(e)
		v.Set(reflect.Append(reflect.MakeSlice(v.Type(), 0, 1), e))
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				fillEvery(f)
			}
		}
	default:
		panic("fillEvery: no value for " + v.Type().String())
	}
}

// historyActions reads the Action constants of this package from its
// source, so that a new kind of history entry is seen here without being
// listed by hand.
func historyActions(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			for i, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "Action") || i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					v, _ := strconv.Unquote(lit.Value)
					actions = append(actions, v)
				}
			}
			return true
		})
	}
	if len(actions) == 0 {
		t.Fatal("no Action constants found")
	}
	slices.Sort(actions)
	return actions
}

// TestEveryKindOfWriteRestores drives random sequences of every write
// the command line and the dashboard make (add, edit of each field, moves,
// dependencies, status changes forced or not, deletes, assessments, model
// imports, CSV imports), by many actors, with text at the limits. Then it
// dumps the database, restores the dump into a new one and dumps that:
// the two dumps must be the same bytes. The kinds of write it must have
// made are derived, not listed: every Action constant of the store, and
// for edits every field roadmap.Diff reports; a kind never produced
// fails the test, so a new one cannot escape it. The sequences run at
// once (each waits on its own disk writes); -short runs two of the four.
func TestEveryKindOfWriteRestores(t *testing.T) {
	t.Parallel()
	seeds := []uint64{1, 2, 3, uint64(time.Now().UnixNano())}
	if testing.Short() {
		seeds = []uint64{1, seeds[3]}
	}
	var mu sync.Mutex
	kinds := map[string]bool{}
	t.Run("sequences", func(t *testing.T) {
		for i, seed := range seeds {
			t.Run(fmt.Sprintf("%d", i+1), func(t *testing.T) {
				t.Parallel()
				t.Logf("seed %d", seed)
				s := newStore(t)
				randomWrites(t, s, rand.New(rand.NewPCG(seed, 8)), 250)
				first := dumpText(t, s)
				d, m, err := ParseDump(strings.NewReader(first))
				if err != nil {
					t.Fatalf("seed %d: the dump does not parse: %v", seed, err)
				}
				mu.Lock()
				for _, e := range d.History {
					kinds[e.Action] = true
					if e.Action == ActionEdit || e.Action == ActionForce {
						kinds[e.Action+" "+e.Field] = true
					}
				}
				mu.Unlock()
				dst := openAt(t, dbPath(t))
				if err := dst.Restore(context.Background(), d, m); err != nil {
					t.Fatalf("seed %d: restore: %v", seed, err)
				}
				var second bytes.Buffer
				if err := dst.ExportDump(context.Background(), &second); err != nil {
					t.Fatal(err)
				}
				if second.String() != first {
					t.Errorf("seed %d: the restored database dumps differently: %s", seed, firstDifference(first, second.String()))
				}
			})
		}
	})
	var missing []string
	for _, a := range historyActions(t) {
		if !kinds[a] {
			missing = append(missing, a)
		}
		if a == ActionEdit {
			for _, f := range EditFields {
				if !kinds[a+" "+f] {
					missing = append(missing, a+" "+f)
				}
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("no write of these kinds was made, so their round trip is not shown: %s", strings.Join(missing, ", "))
	}
}

func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	line := 1 + strings.Count(a[:i], "\n")
	clip := func(s string) string { return s[max(0, i-80):min(len(s), i+80)] }
	return fmt.Sprintf("line %d:\n%s\n---\n%s", line, clip(a), clip(b))
}

// Text at the limits and beyond plain ASCII, for the random writes.
var (
	titles = []string{"Adopt Argo CD", "Tracing «über» 🙂", strings.Repeat("t", roadmap.MaxTitle), "a <b> & \"c\"",
		"  padded  ", "日本語のタイトル", `back\slash`}
	descriptions = []string{"", "Line one\nLine two\twith a tab", strings.Repeat("d", roadmap.MaxDescription),
		"zero\u200bwidth soft\u00adhyphen", "crlf\r\nends\r\n", "  trimmed  "}
	owners    = []string{"", "dana", strings.Repeat("o", roadmap.MaxOwner), "Ölund", "sec ops"}
	actors    = []string{"tester", "Dana Ölund", strings.Repeat("a", MaxActor), "日本", " spaced out ", "a\u200bb"}
	reasons   = []string{"pilot team only", strings.Repeat("r", 500), "signed off\tby governance"}
	notes     = []string{"", "audits\nquarterly", strings.Repeat("n", MaxNote), "  trimmed  "}
	evidences = []string{"", "https://wiki.example.com/audit-2026q3", strings.Repeat("e", MaxEvidence), "runbook «v2»\nsee ticket OPS-12", " padded "}
	sources   = []string{"", "DevLake dashboard", strings.Repeat("s", MaxSource), "survey 2026 «Q3»"}
	// Values in every unit's forms, and a few that no metric takes.
	valueTexts = []string{"4h", "1.5d", "2w", "45m", "0.5s", "3/day", "2/week", "1/month", "0.25/week", "12%", "12.125", "100",
		"0", "3", "4.5", "1000000/day", "5200w", "fast", "-1", "101%"}
	valueOfUnit = map[roadmap.Unit][]string{roadmap.UnitDuration: {"4h", "1.5d", "45m"}, roadmap.UnitRate: {"3/day", "0.25/week"},
		roadmap.UnitPercent: {"12%", "0", "100"}, roadmap.UnitCount: {"0", "3"}, roadmap.UnitScore: {"3", "4.5"}}
	states = []string{"met", "unmet", "unknown", "Met", "done"}
)

// randomWrites makes n random writes through the store's operations;
// refusals (a cycle, a blocked start, an id in use) are part of the mix.
func randomWrites(t *testing.T, s *Store, rng *rand.Rand, n int) {
	t.Helper()
	ctx := context.Background()
	start := time.Date(1971+rng.IntN(220), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, rng.IntN(1e9), time.UTC)
	step := time.Duration(1 + rng.Int64N(int64(48*time.Hour)))
	s.Now = tickingClock(start, step)
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	// security is in one of the models only.
	domains := []string{"standardization", "automation", "governance", "observability", "security"}
	quarter := func() roadmap.Quarter {
		if rng.IntN(4) == 0 {
			return roadmap.Quarter{}
		}
		return roadmap.Quarter{Year: 2025 + rng.IntN(4), Q: 1 + rng.IntN(4)}
	}
	effort := func() roadmap.Effort {
		switch rng.IntN(4) {
		case 0:
			return roadmap.Effort{}
		case 1:
			return roadmap.Effort{Value: roadmap.MaxEffort, Set: true}
		}
		return roadmap.Effort{Value: float64(rng.IntN(80)) / 4, Set: true}
	}
	models := []*roadmap.Model{modelWith(t, "security"), roadmap.DefaultModel(), renamedModel(t)}
	ids := func() []int64 {
		r, err := s.LoadBrief(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, in := range r.Initiatives {
			out = append(out, in.ID)
		}
		return out
	}
	someIDs := func(max int) []int64 {
		all := ids()
		var out []int64
		for i := rng.IntN(max + 1); i > 0 && len(all) > 0; i-- {
			out = append(out, all[rng.IntN(len(all))])
		}
		return out
	}
	anID := func() int64 {
		all := ids()
		if len(all) == 0 || rng.IntN(20) == 0 {
			return 1 + rng.Int64N(1000)
		}
		return all[rng.IntN(len(all))]
	}
	// Every run has a model change, and the domain only one model has.
	if err := s.ReplaceModel(ctx, models[0]); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if actor, err := CleanActor(pick(actors), "actor"); err == nil {
			s.Actor = actor
		}
		var err error
		switch op := rng.IntN(24); {
		case op < 5 || i < 10:
			_, err = s.Add(ctx, roadmap.Initiative{Title: pick(titles), Description: pick(descriptions), Domain: pick(domains),
				Level: 1 + rng.IntN(4), Quarter: quarter(), Owner: pick(owners), Effort: effort(), DependsOn: someIDs(2)})
		case op < 10:
			var p roadmap.Patch
			for p.Empty() {
				if rng.IntN(3) == 0 {
					p.Title = ptr(pick(titles))
				}
				if rng.IntN(3) == 0 {
					p.Description = ptr(pick(descriptions))
				}
				if rng.IntN(4) == 0 {
					p.Domain = ptr(pick(domains))
				}
				if rng.IntN(4) == 0 {
					p.Level = ptr(1 + rng.IntN(4))
				}
				if rng.IntN(3) == 0 {
					p.Quarter = ptr(quarter())
				}
				if rng.IntN(3) == 0 {
					p.Owner = ptr(pick(owners))
				}
				if rng.IntN(3) == 0 {
					p.Effort = ptr(effort())
				}
				switch rng.IntN(6) {
				case 0:
					p.DependsOn = ptr(someIDs(3))
				case 1:
					p.AddDeps = someIDs(2)
				case 2:
					p.RemoveDeps = someIDs(2)
				}
			}
			opt := Options{}
			if rng.IntN(3) == 0 {
				opt = Options{Force: true, Reason: pick(reasons)}
			}
			id := anID()
			if rng.IntN(3) == 0 {
				// The dashboard sends the version it showed.
				if r, err := s.LoadBrief(ctx); err == nil {
					if in, ok := r.Get(id); ok {
						opt.ExpectVersion = in.Version
					}
				}
			}
			_, err = s.Edit(ctx, id, p, opt)
		case op < 14:
			opt := Options{}
			if rng.IntN(2) == 0 {
				opt = Options{Force: true, Reason: pick(reasons)}
			}
			_, err = s.SetStatus(ctx, anID(), roadmap.Transitions[rng.IntN(len(roadmap.Transitions))], opt)
		case op < 15:
			_, err = s.Delete(ctx, anID(), Options{})
		case op == 16 && rng.IntN(2) == 0:
			// Capacity figures: the default or a quarter's, the team's or
			// a person's in another case; set, replaced or removed.
			owner := pick(append(owners, "DANA", "Ölund"))
			if rng.IntN(3) == 0 {
				err = s.UnsetCapacity(ctx, quarter(), owner)
			} else {
				err = s.SetCapacity(ctx, roadmap.CapacityFigure{Quarter: quarter(), Owner: owner, Effort: effort().Value})
			}
		case op < 17:
			_, err = s.Assess(ctx, pick(domains), rng.IntN(roadmap.MaxLevel+1), pick(notes))
		case op >= 20 && op < 22:
			m, err := s.Model(ctx)
			if err == nil && len(m.Criteria) > 0 {
				key := m.Criteria[rng.IntN(len(m.Criteria))].Key
				_, _ = s.Answer(ctx, key, pick(states), pick(evidences), pick(notes))
			}
		case op >= 22:
			m, err := s.Model(ctx)
			if err == nil && len(m.Metrics) > 0 {
				var ins []ValueInput
				for k := rng.IntN(3); k >= 0; k-- {
					x := m.Metrics[rng.IntN(len(m.Metrics))]
					// Half the values are of the metric's own unit, so that
					// batches of several values are also accepted.
					text := pick(valueTexts)
					if rng.IntN(2) == 0 {
						text = pick(valueOfUnit[x.Unit])
					}
					ins = append(ins, ValueInput{Metric: x.Key,
						Quarter: roadmap.Quarter{Year: 2025 + rng.IntN(3), Q: 1 + rng.IntN(4)}, Value: text,
						Note: pick(notes), Source: pick(sources)})
				}
				_, _ = s.RecordValues(ctx, ins, rng.IntN(5) == 0)
			}
		case op < 18:
			// A model that drops security is refused while initiatives
			// use it: move them away first, as a person would.
			if r, err := s.LoadBrief(ctx); err == nil && rng.IntN(2) == 0 {
				for _, in := range r.Initiatives {
					if in.Domain == "security" {
						_, _ = s.Edit(ctx, in.ID, roadmap.Patch{Domain: ptr("automation")}, Options{Force: true, Reason: pick(reasons)})
					}
				}
			}
			err = s.ReplaceModel(ctx, models[rng.IntN(len(models))])
		case op == 19 && rng.IntN(2) == 0:
			err = scheduleRandomly(ctx, s, rng)
		default:
			err = importRandomCSV(ctx, s, rng, ids(), pick)
		}
		_ = err // refusals are expected; what was accepted must restore
	}
}

// importRandomCSV imports rows that update existing initiatives, create
// ones with and without ids, and change statuses.
func importRandomCSV(ctx context.Context, s *Store, rng *rand.Rand, existing []int64, pick func([]string) string) error {
	var b strings.Builder
	b.WriteString("id,title,domain,level,quarter,status,owner,effort,description\n")
	for i := rng.IntN(4); i >= 0; i-- {
		id := ""
		switch {
		case len(existing) > 0 && rng.IntN(2) == 0:
			id = strconv.FormatInt(existing[rng.IntN(len(existing))], 10)
		case rng.IntN(3) == 0:
			id = strconv.FormatInt(10000+rng.Int64N(1000), 10)
		}
		q := ""
		if rng.IntN(2) == 0 {
			q = fmt.Sprintf("%d-Q%d", 2026+rng.IntN(2), 1+rng.IntN(4))
		}
		fmt.Fprintf(&b, "%s,%s,%s,%d,%s,%s,%s,%d,%s\n", id, csvCell(pick(titles)), []string{"automation", "governance"}[rng.IntN(2)],
			1+rng.IntN(4), q, roadmap.Statuses[rng.IntN(len(roadmap.Statuses))], csvCell(pick(owners)), rng.IntN(9), csvCell(pick(descriptions)))
	}
	m, err := s.Model(ctx)
	if err != nil {
		return err
	}
	imp, err := roadmap.ReadCSV(strings.NewReader(b.String()), m)
	if err != nil {
		return err
	}
	_, err = s.Import(ctx, imp, false)
	return err
}

func csvCell(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// renamedModel is the default model with a level renamed and described.
func renamedModel(t *testing.T) *roadmap.Model {
	t.Helper()
	def := roadmap.DefaultModel()
	domains := slices.Clone(def.Domains)
	levels := slices.Clone(domains[0].Levels)
	levels[2].Name, levels[2].Description = "Templated «v2»", "Templates\nfor every service"
	domains[0].Levels = levels
	p := def.Parts()
	p.Domains = domains
	// A threshold moved and a check reworded: what a model import may
	// change while answers and values are kept.
	for i := range p.Criteria {
		switch c := &p.Criteria[i]; {
		case c.Key == "std-2-drift":
			c.Threshold = 15
		case c.Key == "obs-1-alerting":
			c.Check = "Someone is paged «first» when a service stops answering."
		}
	}
	m, err := roadmap.NewModelOf(p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
