package roadmap

import (
	"strings"
	"testing"
)

var (
	duration = Scale{Unit: UnitDuration}
	rate     = Scale{Unit: UnitRate}
	percent  = Scale{Unit: UnitPercent}
	counts   = Scale{Unit: UnitCount}
	score    = Scale{Unit: UnitScore, Min: 1, Max: 5}
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		scale Scale
		in    string
		want  float64 // in the unit's own terms
		text  string  // the canonical form
	}{
		{duration, "45m", 45 * 60, "45m"},
		{duration, "4h", 4 * 3600, "4h"},
		{duration, "3d", 3 * 86400, "3d"},
		{duration, "2w", 14 * 86400, "2w"},
		{duration, "14d", 14 * 86400, "2w"},
		{duration, "90m", 90 * 60, "90m"},
		{duration, "1.5h", 90 * 60, "90m"},
		{duration, "36h", 36 * 3600, "36h"},
		{duration, "1.5d", 36 * 3600, "36h"},
		{duration, "30s", 30, "30s"},
		{duration, "0.5s", 0.5, "0.5s"},
		{duration, "0m", 0, "0m"},
		{duration, "0w", 0, "0m"},
		{duration, " 4 H ", 4 * 3600, "4h"},
		{duration, "5200w", 5200 * 7 * 86400, "5200w"},
		{rate, "3/day", 3, "3/day"},
		{rate, "2/week", 2.0 / 7, "2/week"},
		{rate, "1/month", 1.0 / 30, "1/month"},
		{rate, "7/week", 1, "1/day"},
		{rate, "30/month", 1, "1/day"},
		{rate, "0.5/day", 0.5, "3.5/week"},
		{rate, "0.5/week", 0.5 / 7, "0.5/week"},
		{rate, "0/day", 0, "0/day"},
		{rate, "1.5/week", 1.5 / 7, "1.5/week"},
		{rate, "2.5/day", 2.5, "2.5/day"},
		{rate, "3 per day", 3, "3/day"},
		{rate, "1000000/day", 1e6, "1000000/day"},
		{percent, "12%", 12, "12%"},
		{percent, "12", 12, "12%"},
		{percent, "12.5 %", 12.5, "12.5%"},
		{percent, "0.0004%", 0, "0%"},
		{percent, "0.0005%", 0.001, "0.001%"},
		{percent, "100", 100, "100%"},
		{counts, "3", 3, "3"},
		{counts, "0", 0, "0"},
		{counts, "3.000", 3, "3"},
		{score, "3.7", 3.7, "3.7"},
		{score, "1", 1, "1"},
		{score, "5", 5, "5"},
		{score, "4.25", 4.25, "4.25"},
	}
	for _, tt := range tests {
		t.Run(string(tt.scale.Unit)+" "+tt.in, func(t *testing.T) {
			v, err := tt.scale.Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if tt.scale.Compare(v, tt.want) != 0 {
				t.Errorf("Parse(%q) = %v, want %v", tt.in, v, tt.want)
			}
			if got := tt.scale.Format(v); got != tt.text {
				t.Errorf("Format(Parse(%q)) = %q, want %q", tt.in, got, tt.text)
			}
			back, err := tt.scale.Parse(tt.text)
			if err != nil || tt.scale.Format(back) != tt.text {
				t.Errorf("the canonical %q does not read back to itself: %v, %v", tt.text, back, err)
			}
		})
	}
}

func TestParseValueRefusesBadInput(t *testing.T) {
	tests := []struct {
		scale Scale
		in    string
		err   string
	}{
		{duration, "fast", `invalid value "fast": want a duration such as 4h, 3d or 2w`},
		{duration, "", `invalid value "": want a duration such as 4h, 3d or 2w`},
		{duration, "4", `invalid value "4": want a duration such as 4h, 3d or 2w`},
		{duration, "4y", `invalid value "4y": want a duration such as 4h, 3d or 2w`},
		{duration, "-4h", `invalid value "-4h": want a duration such as 4h, 3d or 2w`},
		{duration, "4h30m", `invalid value "4h30m": want a duration such as 4h, 3d or 2w`},
		{duration, "1e3h", `invalid value "1e3h": want a duration such as 4h, 3d or 2w`},
		{duration, "5201w", `invalid value "5201w": at most 5200w; want a duration such as 4h, 3d or 2w`},
		{duration, "1.2.3h", `invalid value "1.2.3h": want a duration such as 4h, 3d or 2w`},
		{duration, ".h", `invalid value ".h": want a duration such as 4h, 3d or 2w`},
		{duration, "9999999999999h", `invalid value "9999999999999h": want a duration such as 4h, 3d or 2w`},
		{rate, "3", `invalid value "3": want a rate such as 3/day, 2/week or 1/month`},
		{rate, "3/year", `invalid value "3/year": want a rate such as 3/day, 2/week or 1/month`},
		{rate, "1000001/day", `invalid value "1000001/day": at most 1000000/day; want a rate such as 3/day, 2/week or 1/month`},
		{percent, "101%", `invalid value "101%": at most 100%; want a percentage from 0 to 100 such as 12% or 12`},
		{percent, "12 percent", `invalid value "12 percent": want a percentage from 0 to 100 such as 12% or 12`},
		{percent, "-1", `invalid value "-1": want a percentage from 0 to 100 such as 12% or 12`},
		{counts, "2.5", `invalid value "2.5": a count is a whole number; want a whole number of at least 0 such as 3`},
		{counts, "3%", `invalid value "3%": want a whole number of at least 0 such as 3`},
		{counts, "1000000001", `invalid value "1000000001": at most 1000000000; want a whole number of at least 0 such as 3`},
		{score, "6", `invalid value "6": want a score from 1 to 5 such as 3`},
		{score, "0.5", `invalid value "0.5": want a score from 1 to 5 such as 3`},
		{Scale{Unit: UnitScore, Min: 0, Max: 10}, "11", `invalid value "11": want a score from 0 to 10 such as 5`},
		{duration, "4h\x1b", `invalid value "4h ": want a duration such as 4h, 3d or 2w`},
	}
	for _, tt := range tests {
		t.Run(string(tt.scale.Unit)+" "+tt.in, func(t *testing.T) {
			v, err := tt.scale.Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v; want an error", tt.in, v)
			}
			if err.Error() != tt.err {
				t.Errorf("Parse(%q):\n got  %s\n want %s", tt.in, err, tt.err)
			}
		})
	}
}

func TestMetricParseValueNamesTheMetric(t *testing.T) {
	x := DefaultModel().Metric("change-lead-time")
	_, err := x.ParseValue("fast")
	mustEqual(t, "error", err.Error(), `invalid value "fast" for change-lead-time: want a duration such as 4h, 3d or 2w`)
}

// FuzzParseValue shows that whatever a unit accepts, it writes in a form
// it reads back to the same value and the same text.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"45m", "4.5h", "3d", "2w", "3/day", "2.25/week", "1/month", "12%", "12", "3", "3.7",
		"0.0005s", "9999/month", " 1 h", "1.9999h", "0.001/month"} {
		f.Add(s)
	}
	scales := []Scale{duration, rate, percent, counts, score, {Unit: UnitScore, Min: 0.5, Max: 1000000}}
	f.Fuzz(func(t *testing.T, in string) {
		for _, s := range scales {
			v, err := s.Parse(in)
			if err != nil {
				if !strings.HasPrefix(err.Error(), "invalid value ") || !strings.Contains(err.Error(), "want ") {
					t.Fatalf("%s: Parse(%q): the error does not say what to write: %v", s.Unit, in, err)
				}
				continue
			}
			text := s.Format(v)
			back, err := s.Parse(text)
			if err != nil {
				t.Fatalf("%s: Parse(%q) = %v, written %q, which does not read back: %v", s.Unit, in, v, text, err)
			}
			if s.Compare(back, v) != 0 || s.Format(back) != text {
				t.Fatalf("%s: Parse(%q) = %v, written %q, read back as %v, written %q", s.Unit, in, v, text, back, s.Format(back))
			}
		}
	})
}
