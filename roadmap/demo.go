package roadmap

import "time"

// demoRow is one sample initiative, scheduled relative to today's quarter.
type demoRow struct {
	title, domain string
	level         int
	offset        int // quarters from today; backlogOffset for the backlog
	status        Status
	owner         string
	effort        float64
	deps          []int64
	description   string
}

const backlogOffset = 1000

var demoRows = []demoRow{
	{"Move all Terraform and Helm charts into Git", "standardization", 1, -2, Done, "platform-core", 4, nil, "One repository per environment, protected main branch, reviews required."},
	{"Expose RED metrics from every service", "observability", 1, -2, Done, "sre", 3, nil, ""},
	{"Quarterly access and configuration audits", "governance", 1, -2, Done, "secops", 2, nil, ""},
	{"Script environment provisioning", "automation", 1, -2, Done, "platform-core", 5, []int64{1}, "Wrapper scripts around Terraform so that a new environment is one command."},
	{"Service templates for Go and Java", "standardization", 2, -1, Done, "devex", 6, []int64{1}, ""},
	{"Shared hardened base images", "standardization", 2, -1, Done, "secops", 3, nil, ""},
	{"Central logging with Loki", "observability", 2, -1, Done, "sre", 5, []int64{2}, ""},
	{"Shared Grafana dashboards and alert rules", "observability", 2, -1, InProgress, "sre", 4, []int64{2}, "Every team gets the same golden-signal dashboards; paging rules live in Git."},
	{"Self-service CI pipelines from templates", "automation", 2, -1, Done, "devex", 8, []int64{4, 5}, ""},
	{"Policy checks in CI with Conftest", "governance", 2, 0, InProgress, "secops", 4, []int64{9}, ""},
	{"Image and dependency scanning in pipelines", "governance", 2, 0, Planned, "secops", 3, []int64{9}, ""},
	{"Developer portal with one-click environments", "automation", 2, 0, InProgress, "devex", 10, []int64{9}, "Backstage with templates that create a repository, a pipeline and a dev environment."},
	{"Distributed tracing with OpenTelemetry", "observability", 3, 1, Planned, "sre", 6, []int64{7}, ""},
	{"Golden path for new services", "standardization", 3, 0, Planned, "devex", 5, []int64{5, 12}, ""},
	{"Adopt Argo CD for production clusters", "automation", 3, 1, Planned, "platform-core", 8, []int64{12}, "Declarative deployments reconciled from Git; rollbacks are reverts."},
	{"Move deploy scripts into GitOps repositories", "automation", 3, 1, Planned, "platform-core", 6, []int64{15, 27}, ""},
	{"Admission control with OPA Gatekeeper", "governance", 3, 1, Planned, "secops", 5, []int64{10}, ""},
	{"Correlate logs, metrics and traces", "observability", 3, 2, Planned, "sre", 5, []int64{13}, ""},
	{"Golden path guides in the developer portal", "standardization", 3, 1, Planned, "devex", 2, []int64{14}, ""},
	{"Cost and quota policies as code", "governance", 3, 2, Planned, "finops", 4, nil, ""},
	{"Continuous drift detection for clusters", "standardization", 4, 2, Planned, "platform-core", 6, nil, ""},
	{"Predictive autoscaling from traffic forecasts", "automation", 4, 1, Planned, "sre", 9, []int64{15}, "Scale ahead of the daily peak using last month's traffic."},
	{"Self-healing runbooks for common incidents", "observability", 4, 3, Planned, "sre", 8, []int64{18}, ""},
	{"Risk scoring of changes from incident history", "governance", 4, 3, Planned, "secops", 7, nil, ""},
	{"Drift-free database schemas", "standardization", 4, backlogOffset, Planned, "data-platform", 5, nil, ""},
	{"Prescriptive capacity recommendations", "observability", 4, backlogOffset, Planned, "finops", 6, []int64{23}, ""},
	{"ChatOps deployment bot", "automation", 2, -1, Dropped, "devex", 3, nil, "Replaced by the developer portal."},
	{"Weekly change advisory board", "governance", 2, 0, Dropped, "secops", 1, nil, "Superseded by policy checks in CI."},
	{"Self-service secrets with Vault", "automation", 3, 1, Planned, "platform-core", 5, []int64{30}, ""},
	{"Vault rollout and secret rotation policy", "governance", 3, 2, Planned, "secops", 6, nil, ""},
	{"Service catalogue with owners and tiers", "standardization", 3, 2, Planned, "devex", 4, []int64{19}, ""},
}

// Demo returns a sample roadmap of about thirty initiatives over six
// quarters around today's (two before it, three after), in all domains,
// some done, some dropped, a few in the backlog, and a few with warnings:
// enough to see every part of the tool at once. Ids run from 1.
func Demo(today Quarter) []Initiative {
	out := make([]Initiative, len(demoRows))
	for i, d := range demoRows {
		q := Backlog
		if d.offset != backlogOffset {
			q = today
			for n := d.offset; n < 0; n++ {
				q = q.Prev()
			}
			for n := d.offset; n > 0; n-- {
				q = q.Next()
			}
		}
		out[i] = Initiative{
			ID: int64(i + 1), Title: d.title, Domain: d.domain, Level: d.level, Quarter: q, Status: d.status,
			Owner: d.owner, Effort: Effort{Value: d.effort, Set: true}, DependsOn: d.deps, Description: d.description,
		}
		if d.status == Done {
			// Finished in the middle of the last month of its quarter,
			// staggered so that the level history has distinct dates.
			out[i].DoneAt = time.Date(q.Year, time.Month(q.Q*3), 10+i%15, 16, 0, 0, 0, time.UTC)
		}
	}
	return out
}

// ImportOf turns initiatives into an import that sets every field, as if
// read from a CSV with all columns.
func ImportOf(ins []Initiative) *CSVImport {
	imp := &CSVImport{Columns: map[string]bool{}}
	for _, c := range CSVHeader {
		imp.Columns[c] = true
	}
	for i, in := range ins {
		imp.Rows = append(imp.Rows, CSVRow{Line: i + 2, HasID: in.ID != 0, Initiative: in})
	}
	return imp
}

// demoAnswer is a sample answer, given offset quarters from today's
// quarter and day days into it.
type demoAnswer struct {
	offset, day    int
	key            string
	state          CriterionState
	who            string
	evidence, note string
}

var demoAnswers = []demoAnswer{
	{-2, 12, "gov-1-periodic-audit", Met, "secops", "Quarterly access review, report in the compliance wiki", ""},
	{-2, 12, "gov-1-findings-tracked", Met, "secops", "Every finding is a SEC ticket with an owner", ""},
	{-2, 30, "std-1-config-in-git", Met, "platform-core", "Terraform and Helm for every environment live in the infra monorepo", ""},
	{-2, 30, "std-1-reviewed-changes", Met, "platform-core", "Branch protection: two reviews on main", ""},
	{-2, 45, "obs-1-service-metrics", Met, "sre", "RED dashboards for all 41 services", ""},
	{-2, 45, "obs-1-alerting", Unmet, "sre", "Only the public API pages on-call", "Internal services alert by e-mail"},
	{-1, 20, "obs-1-alerting", Met, "sre", "PagerDuty for every tier-1 and tier-2 service", "Rolled out with the Loki migration"},
	{-1, 40, "std-2-service-templates", Met, "devex", "Go and Java templates in the developer portal", ""},
	{-1, 40, "std-2-shared-toolchain", Met, "devex", "One CI system, one registry, Terraform only", ""},
	{-1, 55, "auto-1-scripted-provisioning", Met, "platform-core", "make env NAME=... creates a full environment", ""},
	{0, 5, "std-3-golden-path", Unmet, "devex", "The golden path covers Go services only", "Java and Python paths are planned"},
	{0, 10, "obs-2-central-store", Met, "sre", "Loki and Prometheus for every service, shared Grafana", ""},
	{0, 10, "obs-2-incident-reviews", Unknown, "sre", "", "Reviews happen, but not for every major incident yet"},
	{0, 15, "auto-2-no-ticket", Unmet, "devex", "Portal in beta", "About half the teams still file a ticket for an environment"},
}

// demoSeries are the sample's metric values, oldest quarter first, the
// last one today's quarter's.
var demoSeries = []struct {
	metric, source string
	values         []string
}{
	// DORA's five over six quarters; deployment frequency slips in the
	// current quarter (elite to high), so metric-regressed shows.
	{"deployment-frequency", "DevLake", []string{"2/month", "1/week", "2/week", "3/week", "1/day", "2/week"}},
	{"change-lead-time", "DevLake", []string{"3w", "2w", "5d", "3d", "2d", "36h"}},
	{"change-fail-rate", "DevLake", []string{"22%", "18%", "14%", "12%", "9%", "8%"}},
	{"failed-deployment-recovery-time", "DevLake", []string{"3d", "2d", "1d", "20h", "6h", "4h"}},
	{"deployment-rework-rate", "DevLake", []string{"12%", "11%", "10%", "9%", "8%", "7%"}},
	// The platform's own measures, for the last two quarters. Drift still
	// above 20% leaves standardization 2 without evidence (level-unevidenced).
	{"automation-coverage", "pipeline audit", []string{"45%", "55%"}},
	{"environment-drift", "drift report", []string{"28%", "25%"}},
	{"provisioning-time", "developer survey", []string{"3d", "2d"}},
	{"critical-outages", "incident log", []string{"2", "1"}},
	{"audit-failures", "compliance wiki", []string{"3", "2"}},
	{"developer-satisfaction", "developer survey", []string{"3.2", "3.6"}},
}

// DemoCapacity returns the sample's capacity figures: the team delivers 30
// a quarter by default, but the quarter after today's has a figure of its
// own, 36, which its 41 booked exceed (one over-capacity warning); secops
// can take 8 a quarter, which it never exceeds.
func DemoCapacity(today Quarter) []CapacityFigure {
	return []CapacityFigure{
		{Effort: 30},
		{Quarter: today.Next(), Effort: 36},
		{Owner: "secops", Effort: 8},
	}
}

// DemoEvidence returns the sample's assessment as of today: answers with
// evidence over the last three quarters (governance's only two quarters
// back, so it is stale) and metric values, DORA's for six quarters with
// one regression; with Demo, every warning of the evidence shows at once.
// Nothing is dated after today.
func DemoEvidence(today time.Time) Evidence {
	m := DefaultModel()
	q := QuarterOf(today)
	shift := func(n int) Quarter {
		out := q
		for ; n < 0; n++ {
			out = out.Prev()
		}
		return out
	}
	start := func(x Quarter) time.Time {
		return time.Date(x.Year, time.Month(x.Q*3-2), 1, 10, 0, 0, 0, time.UTC)
	}
	atMost := func(t time.Time) time.Time {
		if last := today.Add(-time.Hour); t.After(last) {
			return last
		}
		return t
	}
	var ev Evidence
	for _, d := range demoAnswers {
		at := atMost(start(shift(d.offset)).AddDate(0, 0, d.day))
		ev.Answers = append(ev.Answers, Answer{Criterion: d.key, State: d.state, Evidence: d.evidence, Note: d.note, Actor: d.who, At: at})
	}
	for _, s := range demoSeries {
		x := m.Metric(s.metric)
		for i, text := range s.values {
			quarter := shift(i - len(s.values) + 1)
			v, err := x.ParseValue(text)
			if err != nil {
				panic("roadmap: a demo value is invalid: " + err.Error())
			}
			// Recorded early in the next quarter; today's a few days in.
			at := atMost(start(quarter.Next()).AddDate(0, 0, 5))
			if quarter == q {
				at = atMost(start(q).AddDate(0, 0, 20))
			}
			ev.Values = append(ev.Values, MetricValue{Metric: x.Key, Quarter: quarter, Value: v, Source: s.source, Actor: "sre", At: at})
		}
	}
	return ev
}
