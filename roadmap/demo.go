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
	{"Prescriptive capacity recommendations", "observability", 4, backlogOffset, Planned, "finops", 6, nil, ""},
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
