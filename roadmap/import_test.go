package roadmap

import (
	"reflect"
	"strings"
	"testing"
)

// importBase is the roadmap the import tests start from.
func importBase() *Roadmap {
	return newRoadmap(map[string]int{"standardization": 1},
		Initiative{ID: 1, Title: "Put infra in Git", Domain: "standardization", Level: 2, Status: Done,
			Quarter: qtr("2026-Q1"), Owner: "ana", Effort: Effort{3, true}, Description: "All of it.", Version: 4},
		Initiative{ID: 2, Title: "Script deploys", Domain: "automation", Level: 1, Status: InProgress,
			Quarter: qtr("2026-Q2"), DependsOn: []int64{1}},
		Initiative{ID: 3, Title: "Audits", Domain: "governance", Level: 1, Status: Planned, DependsOn: []int64{2}},
	)
}

// change is an update of a plan, by value.
type change struct{ Old, New Initiative }

// created returns the initiatives a plan creates, by value.
func created(p *ImportPlan) []Initiative {
	var out []Initiative
	for _, in := range p.Create {
		out = append(out, *in)
	}
	return out
}

// updated returns the updates of a plan, by value.
func updated(p *ImportPlan) []change {
	var out []change
	for _, c := range p.Update {
		out = append(out, change{*c.Old, *c.New})
	}
	return out
}

func TestPlanImport(t *testing.T) {
	tests := []struct {
		name      string
		csv       string
		create    []Initiative
		update    []change
		unchanged int
	}{
		{name: "a row with an existing id updates only the columns in the file",
			csv: "id,title,quarter\n1,Everything in Git,2026-Q2\n",
			update: []change{{Old: *must(importBase().Get(1)), New: func() Initiative {
				in := *must(importBase().Get(1))
				in.Title, in.Quarter = "Everything in Git", qtr("2026-Q2")
				return in
			}()}}},
		{name: "a row that matches its initiative is unchanged",
			csv:       "id,title,domain,level,status,owner,effort,quarter,depends_on\n2,Script deploys,automation,1,in-progress,,,2026-Q2,1\n",
			unchanged: 1},
		{name: "text is trimmed before it is compared",
			csv:       "id,title,owner\n1,  Put infra in Git ,ana \n",
			unchanged: 1},
		{name: "an empty cell clears a field",
			csv: "id,owner,effort,description,depends_on\n1,,,,\n",
			update: []change{{Old: *must(importBase().Get(1)), New: func() Initiative {
				in := *must(importBase().Get(1))
				in.Owner, in.Effort, in.Description = "", Effort{}, ""
				return in
			}()}}},
		{name: "a row with a new id creates an initiative with that id",
			csv:    "id,title,domain,level,depends_on\n10,Templates,standardization,3,1;2\n",
			create: []Initiative{{ID: 10, Title: "Templates", Domain: "standardization", Level: 3, Status: Planned, DependsOn: []int64{1, 2}}}},
		{name: "a row without an id creates an initiative without one",
			csv:    "id,title,domain,level,status\n,Metrics,observability,1,done\n",
			create: []Initiative{{Title: "Metrics", Domain: "observability", Level: 1, Status: Done}}},
		{name: "a file without an id column creates every row",
			csv: "title,domain,level\nMetrics,observability,1\nMetrics,observability,1\n",
			create: []Initiative{{Title: "Metrics", Domain: "observability", Level: 1, Status: Planned},
				{Title: "Metrics", Domain: "observability", Level: 1, Status: Planned}}},
		{name: "a new row may depend on another new row of the file",
			csv: "id,title,domain,level,depends_on\n11,B,automation,2,10\n10,A,automation,1,\n",
			create: []Initiative{{ID: 11, Title: "B", Domain: "automation", Level: 2, Status: Planned, DependsOn: []int64{10}},
				{ID: 10, Title: "A", Domain: "automation", Level: 1, Status: Planned}}},
		{name: "a row without an id may depend on existing initiatives",
			csv:    "title,domain,level,depends_on\nB,automation,2,3\n",
			create: []Initiative{{Title: "B", Domain: "automation", Level: 2, Status: Planned, DependsOn: []int64{3}}}},
		{name: "rows can create, update and leave alone at once",
			csv:    "id,title,domain,level\n3,Audits,governance,1\n,New,governance,2\n2,Script it all,automation,1\n",
			create: []Initiative{{Title: "New", Domain: "governance", Level: 2, Status: Planned}},
			update: []change{{Old: *must(importBase().Get(2)), New: func() Initiative {
				in := *must(importBase().Get(2))
				in.Title = "Script it all"
				return in
			}()}},
			unchanged: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := importBase()
			before := importBase()
			imp, err := ReadCSV(strings.NewReader(tt.csv), r.Model)
			if err != nil {
				t.Fatal(err)
			}
			plan, err := r.PlanImport(imp.Source(), ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			mustEqual(t, "Create", created(plan), tt.create)
			mustEqual(t, "Update", updated(plan), tt.update)
			mustEqual(t, "Unchanged", plan.Unchanged, tt.unchanged)
			if !reflect.DeepEqual(r.Initiatives, before.Initiatives) {
				t.Error("PlanImport changed the roadmap")
			}
		})
	}
}

func TestPlanImportErrors(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		err  string
	}{
		{name: "an id that appears twice is refused",
			csv: "id,title,domain,level\n10,A,automation,1\n,B,automation,1\n10,C,automation,1\n",
			err: "line 4: id 10 appears twice (first on line 2)"},
		{name: "an existing id that appears twice is refused",
			csv: "id,title\n1,A\n1,B\n",
			err: "line 3: id 1 appears twice (first on line 2)"},
		{name: "a dependency on an unknown initiative is refused",
			csv: "id,title,domain,level,depends_on\n10,A,automation,1,\n11,B,automation,1,10;99\n",
			err: "line 3: depends on unknown initiative #99"},
		{name: "a direct cycle between new rows is refused on its first line",
			csv: "id,title,domain,level,depends_on\n10,A,automation,1,11\n11,B,automation,1,10\n",
			err: "line 2: dependency cycle: #10 → #11 → #10"},
		{name: "a cycle through existing initiatives is refused on the line that closes it",
			csv: "id,depends_on\n1,3\n",
			err: "line 2: dependency cycle: #1 → #3 → #2 → #1"},
		{name: "a cycle is reported on the earliest line of its rows",
			csv: "id,title,domain,level,depends_on\n20,Z,automation,1,\n12,C,automation,1,10\n10,A,automation,1,11\n11,B,automation,1,12\n",
			err: "line 3: dependency cycle: #10 → #11 → #12 → #10"},
		{name: "depending on itself is refused",
			csv: "id,depends_on\n2,2\n",
			err: "line 2: #2 cannot depend on itself"},
		{name: "a new initiative without a title column is refused",
			csv: "id,domain,level\n10,automation,1\n",
			err: "line 2: a new initiative needs a title column"},
		{name: "a new initiative without a domain column is refused",
			csv: "title,level\nA,1\n",
			err: "line 2: a new initiative needs a domain column"},
		{name: "a new initiative without a level column is refused",
			csv: "title,domain\nA,automation\n",
			err: "line 2: a new initiative needs a level column"},
		{name: "an update is validated",
			csv: "id,title\n1,\n",
			err: "line 2: title is empty"},
		{name: "a new row is validated",
			csv: "id,title,domain,level,owner\n,A,automation,1," + strings.Repeat("o", MaxOwner+1) + "\n",
			err: "line 2: owner is 101 characters long: at most 100 allowed"},
		{name: "a row that is updated into a bad state is refused",
			csv: "id,description\n2,\"bad \x1b[31m\"\n",
			err: "line 2: description contains a control character (U+001B)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp, err := ReadCSV(strings.NewReader(tt.csv), testModel)
			if err != nil {
				t.Fatal(err)
			}
			plan, err := importBase().PlanImport(imp.Source(), ImportOptions{})
			if !errIs(err, tt.err) {
				t.Fatalf("PlanImport:\n got  %v (%+v)\n want %s", err, plan, tt.err)
			}
		})
	}
}

func must[T any](v T, ok bool) T {
	if !ok {
		panic("must: not found")
	}
	return v
}
