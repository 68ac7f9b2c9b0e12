package roadmap

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Unit is what a metric measures in. Each unit reads a few written forms
// and writes one canonical form, so that equal values always print the
// same and what it prints reads back to the same value.
type Unit string

// The units of a metric.
const (
	// UnitDuration is a length of time: 45m, 4h, 3d, 2w (and s for
	// seconds). Values are held in seconds.
	UnitDuration Unit = "duration"
	// UnitRate is how often something happens: 3/day, 2/week, 1/month,
	// where a week is 7 days and a month 30. Values are held per day.
	UnitRate Unit = "rate"
	// UnitPercent is a share from 0 to 100: 12% or 12.
	UnitPercent Unit = "percent"
	// UnitCount is a whole number of events in a quarter.
	UnitCount Unit = "count"
	// UnitScore is a number within the range its metric declares (1 to 5
	// unless it says otherwise), such as a survey's mean.
	UnitScore Unit = "score"
)

// Units lists every unit, in the order documents give them.
var Units = []Unit{UnitDuration, UnitRate, UnitPercent, UnitCount, UnitScore}

// ParseUnit reads a unit's name.
func ParseUnit(s string) (Unit, error) {
	for _, u := range Units {
		if string(u) == s {
			return u, nil
		}
	}
	return "", fmt.Errorf("unknown unit %q: want duration, rate, percent, count or score", s)
}

// Values keep three decimals in the form they were written in (4.5h,
// 2.25/week, 12.125%): the written number is rounded to thousandths.
const decimals = 1000

// Bounds of what a value may be, far beyond any real measure: a duration
// up to about a century, a rate up to a million a day, a count up to a
// billion a quarter. Within them every value is held exactly in thousandths.
const (
	maxDuration = 100 * 52 * 7 * 86400 // seconds
	maxRate     = 1_000_000            // per day
	maxCount    = 1_000_000_000
	maxScore    = 1_000_000 // the largest magnitude of a score's range
)

// durationUnits are the written forms of a duration, largest first, in
// seconds.
var durationUnits = []struct {
	suffix  string
	seconds int64
}{{"w", 7 * 86400}, {"d", 86400}, {"h", 3600}, {"m", 60}, {"s", 1}}

// rateUnits are the written forms of a rate, in the order the canonical
// form prefers them, with their length in days. A rate is held exactly
// as thousandths of events per 210 days (the least common multiple of 1,
// 7 and 30), where every written form is a whole number.
var rateUnits = []struct {
	suffix string
	days   int64
}{{"day", 1}, {"week", 7}, {"month", 30}}

const rateSpan = 210 // days: 1, 7 and 30 all divide it

// example is how the unit's error messages show what to write.
func (u Unit) example() string {
	switch u {
	case UnitDuration:
		return "a duration such as 4h, 3d or 2w"
	case UnitRate:
		return "a rate such as 3/day, 2/week or 1/month"
	case UnitPercent:
		return "a percentage from 0 to 100 such as 12% or 12"
	case UnitCount:
		return "a whole number of at least 0 such as 3"
	}
	return "a number such as 3.5"
}

// Scale is what a metric's values are read against: the unit and, for a
// score, its range.
type Scale struct {
	Unit     Unit
	Min, Max float64 // a score's range; ignored by the other units
}

// Want says what a value of the scale looks like: "want a duration such as
// 4h, 3d or 2w", "want a score from 1 to 5".
func (s Scale) Want() string {
	if s.Unit == UnitScore {
		return "want a score from " + formatDecimal(s.milli(s.Min)) + " to " + formatDecimal(s.milli(s.Max)) + " such as " +
			formatDecimal(s.milli((s.Min+s.Max)/2))
	}
	return "want " + s.Unit.example()
}

// Parse reads a value written in one of the scale's forms and returns it
// in the unit's own terms (seconds, per day, percent, events, points),
// rounded to three decimals in the form it was written in. Surrounding
// space and a space before the unit are allowed, the unit in any case.
// The error says what was wrong and what to write.
func (s Scale) Parse(text string) (float64, error) {
	t := strings.ToLower(strings.TrimSpace(text))
	num, suffix := splitNumber(t)
	milli, ok := parseDecimal(num)
	if !ok {
		return 0, s.invalid(text, "")
	}
	suffix = strings.TrimSpace(suffix)
	switch s.Unit {
	case UnitDuration:
		for _, u := range durationUnits {
			if suffix == u.suffix {
				ms := milli * u.seconds
				if milli > maxDuration*decimals/u.seconds {
					return 0, s.invalid(text, "at most 5200w")
				}
				return float64(ms) / decimals, nil
			}
		}
	case UnitRate:
		for _, u := range rateUnits {
			if suffix == "/"+u.suffix || suffix == "per "+u.suffix {
				x := milli * (rateSpan / u.days)
				if x > maxRate*decimals*rateSpan {
					return 0, s.invalid(text, "at most 1000000/day")
				}
				return float64(x) / (decimals * rateSpan), nil
			}
		}
	case UnitPercent:
		if suffix == "%" || suffix == "" {
			if milli > 100*decimals {
				return 0, s.invalid(text, "at most 100%")
			}
			return float64(milli) / decimals, nil
		}
	case UnitCount:
		if suffix == "" {
			if milli%decimals != 0 {
				return 0, s.invalid(text, "a count is a whole number")
			}
			if milli > maxCount*decimals {
				return 0, s.invalid(text, "at most 1000000000")
			}
			return float64(milli / decimals), nil
		}
	case UnitScore:
		if suffix == "" {
			v := float64(milli) / decimals
			if milli < s.milli(s.Min) || milli > s.milli(s.Max) {
				return 0, s.invalid(text, "")
			}
			return v, nil
		}
	}
	return 0, s.invalid(text, "")
}

// invalid is the error for a value that does not read: the text, what is
// wrong (when there is more to say than the unit), and what to write.
func (s Scale) invalid(text, why string) error {
	if why != "" {
		return fmt.Errorf("invalid value %q: %s; %s", Printable(text), why, s.Want())
	}
	return fmt.Errorf("invalid value %q: %s", Printable(text), s.Want())
}

// splitNumber splits "4.5h" into "4.5" and "h".
func splitNumber(t string) (string, string) {
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	return t[:i], t[i:]
}

// parseDecimal reads digits with an optional fraction ("12", "4.5", ".5",
// "3.") as thousandths, rounding half up at the fourth decimal. It refuses
// signs, exponents, empty text and numbers of more than twelve whole
// digits.
func parseDecimal(s string) (int64, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || len(whole) > 12 || strings.Contains(frac, ".") {
		return 0, false
	}
	var n int64
	for _, c := range whole {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	var f int64
	for i, c := range frac {
		if c < '0' || c > '9' {
			return 0, false
		}
		switch {
		case i < 3:
			f = f*10 + int64(c-'0')
		case i == 3 && c >= '5':
			f++ // round half up; no later digit can undo it
		}
	}
	for i := len(frac); i < 3; i++ {
		f *= 10
	}
	return n*decimals + f, true
}

// milli is a value in thousandths of the unit's own terms, exactly: the
// form every comparison and the canonical text work from.
func (s Scale) milli(v float64) int64 { return int64(math.Round(v * decimals)) }

// quantum is a value on the exact grid the unit holds it on: thousandths
// of a second, thousandths of an event per 210 days, thousandths of a
// percent, event or point.
func (s Scale) quantum(v float64) int64 {
	if s.Unit == UnitRate {
		return int64(math.Round(v * decimals * rateSpan))
	}
	return s.milli(v)
}

// Format writes a value in the unit's one canonical form: a duration in
// the largest of w, d, h, m and s that holds it as a whole number (90m,
// 36h, 2w; nothing is 0m), else in seconds with decimals; a rate per day, week or month,
// the first of them in which it is at least 1 (2.5/day, 2/week, 1/month),
// else the first that holds it in three decimals; a percentage
// with "%"; a count or a score as a number. Decimals are at most three,
// without trailing zeros. Parse reads back what Format writes, to the same
// value.
func (s Scale) Format(v float64) string {
	switch s.Unit {
	case UnitDuration:
		ms := s.milli(v)
		if ms == 0 {
			return "0m"
		}
		for _, u := range durationUnits {
			if ms%(u.seconds*decimals) == 0 {
				return strconv.FormatInt(ms/(u.seconds*decimals), 10) + u.suffix
			}
		}
		return formatDecimal(ms) + "s"
	case UnitRate:
		x := s.quantum(v)
		for _, u := range rateUnits {
			if per := rateSpan / u.days; x%per == 0 && x/per >= decimals {
				return formatDecimal(x/per) + "/" + u.suffix
			}
		}
		for _, u := range rateUnits {
			if per := rateSpan / u.days; x%per == 0 {
				return formatDecimal(x/per) + "/" + u.suffix
			}
		}
		return formatDecimal(x/rateSpan) + "/day" // not a value Parse makes
	case UnitPercent:
		return formatDecimal(s.milli(v)) + "%"
	}
	return formatDecimal(s.milli(v))
}

// formatDecimal writes thousandths as a number with at most three
// decimals and no trailing zeros: 4500 is "4.5", 12000 is "12".
func formatDecimal(milli int64) string {
	neg := milli < 0
	if neg {
		milli = -milli
	}
	s := strconv.FormatInt(milli/decimals, 10)
	if f := milli % decimals; f != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%03d", f), "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Compare orders two values of the scale on its exact grid: -1, 0 or +1.
func (s Scale) Compare(a, b float64) int {
	x, y := s.quantum(a), s.quantum(b)
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
