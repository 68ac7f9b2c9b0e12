package cli

import (
	"time"

	"maturity/roadmap"
)

// The JSON shapes of the command line's output. Field names match the CSV
// columns where both exist.

type initiativeJSON struct {
	ID          int64         `json:"id"`
	Title       string        `json:"title"`
	Domain      string        `json:"domain"`
	Level       int           `json:"level"`
	LevelName   string        `json:"level_name"`
	Quarter     string        `json:"quarter"`
	Status      string        `json:"status"`
	Owner       string        `json:"owner"`
	Effort      *float64      `json:"effort"`
	DependsOn   []int64       `json:"depends_on"`
	Description string        `json:"description"`
	Warnings    []warningJSON `json:"warnings"`
	Created     string        `json:"created,omitempty"`
	Updated     string        `json:"updated,omitempty"`
	DoneAt      string        `json:"done_at,omitempty"`
}

type warningJSON struct {
	Code     string      `json:"code"`
	Severity string      `json:"severity"`
	Subject  subjectJSON `json:"subject"`
	Message  string      `json:"message"`
}

// subjectJSON is what a warning is about: {"kind": "initiative", "id": 7}
// or {"kind": "domain", "key": "automation"}, or {"kind": "quarter",
// "key": "2027-Q3", "owner": "sam"} for one person's quarter.
type subjectJSON struct {
	Kind  string `json:"kind"`
	ID    int64  `json:"id,omitempty"`
	Key   string `json:"key,omitempty"`
	Owner string `json:"owner,omitempty"`
}

func toWarningJSON(ws []roadmap.Warning) []warningJSON {
	out := make([]warningJSON, len(ws))
	for i, w := range ws {
		out[i] = warningJSON{Code: w.Code, Severity: w.Severity.String(), Message: w.Message(),
			Subject: subjectJSON{Kind: w.Subject.Kind.String(), ID: w.Subject.ID(), Key: w.Subject.Key, Owner: w.Subject.Owner}}
	}
	return out
}

func toInitiativeJSON(m *roadmap.Model, in *roadmap.Initiative, ws []roadmap.Warning) initiativeJSON {
	j := initiativeJSON{
		ID: in.ID, Title: in.Title, Domain: in.Domain, Level: in.Level, LevelName: m.LevelName(in.Domain, in.Level),
		Quarter: in.Quarter.String(), Status: string(in.Status), Owner: in.Owner, DependsOn: in.DependsOn,
		Description: in.Description, Warnings: toWarningJSON(ws),
		Created: jsonTime(in.Created), Updated: jsonTime(in.Updated), DoneAt: jsonTime(in.DoneAt),
	}
	if j.DependsOn == nil {
		j.DependsOn = []int64{}
	}
	if in.Effort.Set {
		v := in.Effort.Value
		j.Effort = &v
	}
	return j
}

func jsonTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
