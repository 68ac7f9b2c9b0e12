package roadmap

import (
	"math"
	"strings"
	"testing"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in   string
		want Status
		err  bool
	}{
		{"planned", Planned, false},
		{"in-progress", InProgress, false},
		{"done", Done, false},
		{"dropped", Dropped, false},
		{"", Planned, false},
		{"  DONE ", Done, false},
		{"In_Progress", InProgress, false},
		{"inprogress", InProgress, false},
		{"started", InProgress, false},
		{"finished", "", true},
		{"in progress", "", true},
	}
	for _, tt := range tests {
		name := "status " + strings.TrimSpace(tt.in) + " is " + string(tt.want)
		if tt.err {
			name = "status " + tt.in + " is refused"
		}
		t.Run(name, func(t *testing.T) {
			got, err := ParseStatus(tt.in)
			if tt.err {
				if err == nil || !strings.Contains(err.Error(), "want planned, in-progress, done or dropped") {
					t.Fatalf("ParseStatus(%q) = %q, %v; want an error", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseStatus(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	t.Run("only done and dropped are finished", func(t *testing.T) {
		for _, s := range Statuses {
			if got, want := s.Finished(), s == Done || s == Dropped; got != want {
				t.Errorf("%s.Finished() = %v", s, got)
			}
		}
	})
}

func TestParseEffort(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Effort
		str  string
		err  string
	}{
		{name: "empty is unset", in: "", want: Effort{}, str: ""},
		{name: "blank is unset", in: "  ", want: Effort{}, str: ""},
		{name: "a whole number is set", in: "3", want: Effort{3, true}, str: "3"},
		{name: "zero is set", in: "0", want: Effort{0, true}, str: "0"},
		{name: "a fraction keeps its digits", in: " 2.50 ", want: Effort{2.5, true}, str: "2.5"},
		{name: "an exponent is written out", in: "1e5", want: Effort{100000, true}, str: "100000"},
		{name: "a tiny amount is written exactly", in: "1e-7", want: Effort{1e-7, true}, str: "0.0000001"},
		{name: "a negative amount is refused", in: "-1", err: `invalid effort "-1": want a number from 0 to 100000`},
		{name: "more than the maximum is refused", in: "100000.5", err: "want a number from 0 to 100000"},
		{name: "not a number is refused", in: "NaN", err: `invalid effort "NaN": want a number such as 3 or 2.5`},
		{name: "infinity is refused", in: "Inf", err: "want a number such as 3 or 2.5"},
		{name: "a word is refused", in: "lots", err: "want a number such as 3 or 2.5"},
		{name: "a unit is refused", in: "3w", err: "want a number such as 3 or 2.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEffort(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseEffort(%q) = %v, %v; want error %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseEffort(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if got.String() != tt.str {
				t.Errorf("String() = %q, want %q", got.String(), tt.str)
			}
		})
	}
}

func TestParseLevelAndIDs(t *testing.T) {
	t.Run("levels 1 to 4 are accepted with space around", func(t *testing.T) {
		for in, want := range map[string]int{"1": 1, " 2 ": 2, "3": 3, "4": 4} {
			if got, err := ParseLevel(in); err != nil || got != want {
				t.Errorf("ParseLevel(%q) = %d, %v", in, got, err)
			}
		}
	})
	t.Run("levels outside 1 to 4 are refused", func(t *testing.T) {
		for _, in := range []string{"0", "5", "-1", "", "one", "1.0"} {
			_, err := ParseLevel(in)
			if want := `invalid level "` + in + `": want a number from 1 to 4`; errText(err) != want {
				t.Errorf("ParseLevel(%q) error = %v, want %s", in, err, want)
			}
		}
	})
	t.Run("an id may carry a hash", func(t *testing.T) {
		for in, want := range map[string]int64{"7": 7, "#7": 7, " #12 ": 12, "9007199254740991": MaxID} {
			if got, err := ParseID(in); err != nil || got != want {
				t.Errorf("ParseID(%q) = %d, %v", in, got, err)
			}
		}
	})
	t.Run("an id must be a positive number", func(t *testing.T) {
		for _, in := range []string{"0", "-3", "", "#", "x", "1.5", "9223372036854775808"} {
			_, err := ParseID(in)
			if want := `invalid id "` + in + `": want a positive number`; errText(err) != want {
				t.Errorf("ParseID(%q) error = %v, want %s", in, err, want)
			}
		}
	})
	tests := []struct {
		name string
		in   string
		want []int64
		err  string
	}{
		{name: "ids are separated by semicolons", in: "3;1;2", want: []int64{1, 2, 3}},
		{name: "ids are separated by commas and spaces", in: " #4, 2 \t9", want: []int64{2, 4, 9}},
		{name: "duplicates are removed", in: "5;5;#5", want: []int64{5}},
		{name: "empty separators are ignored", in: ";;1;;", want: []int64{1}},
		{name: "nothing is no ids", in: "", want: []int64{}},
		{name: "a bad id fails the list", in: "1;x", err: `invalid id "x": want a positive number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseIDs(tt.in)
			if tt.err != "" {
				if errText(err) != tt.err {
					t.Fatalf("ParseIDs(%q) error = %v, want %s", tt.in, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			mustEqual(t, "ids", got, tt.want)
		})
	}
	t.Run("ids are formatted with a separator", func(t *testing.T) {
		mustEqual(t, "FormatIDs", FormatIDs([]int64{1, 20, 300}, ";"), "1;20;300")
		mustEqual(t, "FormatIDs", FormatIDs(nil, ";"), "")
	})
}

func TestNormalize(t *testing.T) {
	base := Initiative{ID: 7, Title: "Adopt Argo CD", Domain: "automation", Level: 3, Status: Planned}
	with := func(f func(*Initiative)) Initiative {
		in := base
		f(&in)
		return in
	}
	tests := []struct {
		name string
		in   Initiative
		want Initiative
		err  string
	}{
		{name: "a valid initiative is unchanged", in: base, want: base},
		{name: "text is trimmed", in: with(func(in *Initiative) {
			in.Title, in.Owner, in.Description = "  Adopt Argo CD ", " sre ", "\n  why\r\nhow \n"
		}), want: with(func(in *Initiative) { in.Owner, in.Description = "sre", "why\nhow" })},
		{name: "a missing status becomes planned", in: with(func(in *Initiative) { in.Status = "" }), want: base},
		{name: "dependencies are sorted and deduplicated", in: with(func(in *Initiative) { in.DependsOn = []int64{9, 3, 9} }),
			want: with(func(in *Initiative) { in.DependsOn = []int64{3, 9} })},
		{name: "an empty title is refused", in: with(func(in *Initiative) { in.Title = "  " }), err: "title is empty"},
		{name: "a long title is refused", in: with(func(in *Initiative) { in.Title = strings.Repeat("é", MaxTitle+1) }),
			err: "title is 201 characters long: at most 200 allowed"},
		{name: "a title of exactly the maximum length is fine", in: with(func(in *Initiative) { in.Title = strings.Repeat("é", MaxTitle) }),
			want: with(func(in *Initiative) { in.Title = strings.Repeat("é", MaxTitle) })},
		{name: "a title with a newline is refused", in: with(func(in *Initiative) { in.Title = "a\nb" }), err: "title contains a control character (U+000A)"},
		{name: "a title with a bidi override is refused", in: with(func(in *Initiative) { in.Title = "a\u202eb" }), err: "title contains a control character (U+202E)"},
		{name: "a title that is not UTF-8 is refused", in: with(func(in *Initiative) { in.Title = "a\xffb" }), err: "title is not valid UTF-8"},
		{name: "a long owner is refused", in: with(func(in *Initiative) { in.Owner = strings.Repeat("o", MaxOwner+1) }), err: "owner is 101 characters long"},
		{name: "a description with an escape is refused", in: with(func(in *Initiative) { in.Description = "red \x1b[31m" }), err: "description contains a control character (U+001B)"},
		{name: "a description with tabs and newlines is fine", in: with(func(in *Initiative) { in.Description = "a\tb\nc" }),
			want: with(func(in *Initiative) { in.Description = "a\tb\nc" })},
		{name: "a long description is refused", in: with(func(in *Initiative) { in.Description = strings.Repeat("d", MaxDescription+1) }),
			err: "description is 10001 characters long: at most 10000 allowed"},
		{name: "an unknown domain is refused", in: with(func(in *Initiative) { in.Domain = "security" }),
			err: `unknown domain "security": want standardization, automation, governance, observability`},
		{name: "level 0 is refused", in: with(func(in *Initiative) { in.Level = 0 }), err: "invalid level 0: want a number from 1 to 4"},
		{name: "level 5 is refused", in: with(func(in *Initiative) { in.Level = 5 }), err: "invalid level 5: want a number from 1 to 4"},
		{name: "an unknown status is refused", in: with(func(in *Initiative) { in.Status = "finished" }), err: `invalid status "finished"`},
		{name: "an upper-case status is refused", in: with(func(in *Initiative) { in.Status = "DONE" }), err: `invalid status "DONE"`},
		{name: "a status alias is refused", in: with(func(in *Initiative) { in.Status = "started" }), err: `invalid status "started"`},
		{name: "a status with space is refused", in: with(func(in *Initiative) { in.Status = " done" }), err: `invalid status " done"`},
		{name: "a negative effort is refused", in: with(func(in *Initiative) { in.Effort = Effort{-1, true} }), err: "invalid effort -1: want a number from 0 to 100000"},
		{name: "an infinite effort is refused", in: with(func(in *Initiative) { in.Effort = Effort{math.Inf(1), true} }), err: "invalid effort +Inf"},
		{name: "a NaN effort is refused", in: with(func(in *Initiative) { in.Effort = Effort{math.NaN(), true} }), err: "invalid effort NaN"},
		{name: "an unset effort is not checked", in: with(func(in *Initiative) { in.Effort = Effort{-1, false} }),
			want: with(func(in *Initiative) { in.Effort = Effort{-1, false} })},
		{name: "depending on itself is refused", in: with(func(in *Initiative) { in.DependsOn = []int64{7} }), err: "#7 cannot depend on itself"},
		{name: "a zero dependency is refused", in: with(func(in *Initiative) { in.DependsOn = []int64{0} }), err: "invalid dependency id 0"},
		{name: "a new initiative without an id may have dependencies", in: with(func(in *Initiative) { in.ID, in.DependsOn = 0, []int64{7} }),
			want: with(func(in *Initiative) { in.ID, in.DependsOn = 0, []int64{7} })},
		{name: "more than 100 dependencies are refused", in: with(func(in *Initiative) {
			for i := int64(100); i <= 200; i++ {
				in.DependsOn = append(in.DependsOn, i)
			}
		}), err: "too many dependencies: at most 100"},
		{name: "an invalid quarter is refused", in: with(func(in *Initiative) { in.Quarter = Quarter{2026, 5} }), err: `invalid quarter 2026-Q5: want one from 1970-Q1 to 2999-Q4`},
		{name: "a quarter outside the calendar is refused", in: with(func(in *Initiative) { in.Quarter = Quarter{3000, 1} }), err: `invalid quarter 3000-Q1: want one from 1970-Q1 to 2999-Q4`},
		{name: "a scheduled quarter is kept", in: with(func(in *Initiative) { in.Quarter = Quarter{2999, 4} }),
			want: with(func(in *Initiative) { in.Quarter = Quarter{2999, 4} })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Normalize(testModel)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("Normalize error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			mustEqual(t, "Normalize", got, tt.want)
		})
	}
	t.Run("the caller's dependencies are not reordered", func(t *testing.T) {
		deps := []int64{3, 1}
		in := with(func(in *Initiative) { in.DependsOn = deps })
		if _, err := in.Normalize(testModel); err != nil {
			t.Fatal(err)
		}
		mustEqual(t, "deps", deps, []int64{3, 1})
	})
}

func TestRef(t *testing.T) {
	in := Initiative{ID: 7, Title: `Adopt "Argo" CD`}
	mustEqual(t, "Ref", in.Ref(), `#7 "Adopt \"Argo\" CD"`)
}

func TestCleanLineAndText(t *testing.T) {
	t.Run("an optional line may be empty", func(t *testing.T) {
		got, err := CleanLine("  ", "owner", 10, false)
		if err != nil || got != "" {
			t.Fatalf("CleanLine = %q, %v", got, err)
		}
	})
	t.Run("length counts characters, not bytes", func(t *testing.T) {
		if _, err := CleanLine("ééééé", "x", 5, true); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a zero-width joiner in an emoji is allowed", func(t *testing.T) {
		s := "👩\u200d💻 platform"
		if got, err := CleanLine(s, "title", 50, true); err != nil || got != s {
			t.Fatalf("CleanLine = %q, %v", got, err)
		}
	})
	t.Run("a byte order mark inside text is refused", func(t *testing.T) {
		if _, err := CleanLine("a\ufeffb", "title", 50, true); errText(err) != "title contains a control character (U+FEFF)" {
			t.Fatalf("CleanLine error = %v", err)
		}
	})
	t.Run("a bidi isolate is refused in a description", func(t *testing.T) {
		if _, err := CleanText("a\u2067b", "description", 50); errText(err) != "description contains a control character (U+2067)" {
			t.Fatalf("CleanText error = %v", err)
		}
	})
	t.Run("lone carriage returns become newlines", func(t *testing.T) {
		if got, err := CleanText("a\rb\r\nc", "d", 50); err != nil || got != "a\nb\nc" {
			t.Fatalf("CleanText = %q, %v", got, err)
		}
	})
	t.Run("a description that is not UTF-8 is refused", func(t *testing.T) {
		if _, err := CleanText("\xc3", "description", 50); errText(err) != "description is not valid UTF-8" {
			t.Fatalf("CleanText error = %v", err)
		}
	})
}

func TestPrintable(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clean text is returned as is", "Adopt Argo CD ✓", "Adopt Argo CD ✓"},
		{"escape sequences lose their escape", "a\x1b[2Jb", "a [2Jb"},
		{"newlines and tabs become spaces", "a\nb\tc\r", "a b c "},
		{"bidi overrides become spaces", "a\u202eb", "a b"},
		{"invalid UTF-8 becomes spaces", "a\xffb", "a b"},
		{"C1 controls become spaces", "a\u009bb", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Printable(tt.in); got != tt.want {
				t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseIDRefusesIDsJSONCannotHold(t *testing.T) {
	if _, err := ParseID("9007199254740992"); err == nil || err.Error() != `invalid id "9007199254740992": at most 9007199254740991` {
		t.Fatalf("ParseID(2^53) error = %v", err)
	}
}
