package stats

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// Style is how a report is written for people: the language of its words
// and numbers, the time zone of its times and the names of the advisers.
type Style struct {
	Lang     string         // "da" (default) or "en"
	Location *time.Location // for "generated"; UTC when nil
	// Name is an adviser's name for a user ID; nil, or "" back, shows the ID.
	Name func(user string) string
}

// MinPerYearDays is the shortest period whose counts are also shown
// annualised: a few days' enquiries say little about a year.
const MinPerYearDays = 30

// Empty is written for a figure that has no data behind it.
const Empty = "–"

// Int writes n with thousands separators: 12.345 in Danish, 12,345 in
// English.
func (s Style) Int(n int) string { return s.Number(float64(n), 0) }

// Number writes x with the given decimals and thousands separators: 1.234,5
// in Danish, 1,234.5 in English.
func (s Style) Number(x float64, decimals int) string {
	p := locale.NewPrinter(s.Lang)
	thousands, point := p.Printf("number_thousands"), p.Printf("number_point")
	x = Round(x, decimals)
	if x == 0 {
		x = 0 // no "-0"
	}
	digits := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(digits, ".")
	var b strings.Builder
	if x < 0 {
		b.WriteString("−")
	}
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString(point + frac)
	}
	return b.String()
}

// Percent writes a share (0.25) as a percentage with one decimal: "25,0 %".
func (s Style) Percent(share float64) string { return s.Number(share*100, 1) + " %" }

// Minutes writes minutes with one decimal and the unit, or Empty when there
// were none to measure (n == 0).
func (s Style) Minutes(m float64, n int) string {
	if n == 0 {
		return Empty
	}
	return s.Number(m, 1) + " min"
}

// PerYear writes an annualised count, or Empty for a period shorter than
// MinPerYearDays.
func (s Style) PerYear(x float64, r *Report) string {
	if r.PerYearDays < MinPerYearDays {
		return Empty
	}
	return s.Number(x, 1)
}

// Date writes a day: "3. dec. 2026" or "3 Dec 2026".
func (s Style) Date(d workcal.Date) string {
	return locale.NewPrinter(s.Lang).Date(d.Year, d.Month, d.Day)
}

// Time writes a moment in the style's time zone: "3. dec. 2026 kl. 17:04"
// or "3 Dec 2026 17:04".
func (s Style) Time(t time.Time) string {
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	return locale.NewPrinter(s.Lang).Printf("date_at", s.Date(workcal.DateOf(t, loc)), t.Format("15:04"))
}

// Period writes a report's period: "1. dec. 2026 – 31. dec. 2026".
func (s Style) Period(r *Report) string {
	if r.From == r.To {
		return s.Date(r.From)
	}
	return s.Date(r.From) + " – " + s.Date(r.To)
}

// Adviser is an adviser's name, or their ID when no name is known.
func (s Style) Adviser(user string) string {
	if s.Name != nil {
		if n := strings.TrimSpace(s.Name(user)); n != "" {
			return n
		}
	}
	return user
}

// Topic is a topic's label ("Stort indbo"); an unknown key is shown as it is.
func (s Style) Topic(t affaldsbot.Topic) string { return TopicLabel(t, s.Lang) }

// TopicLabel is a topic as people read it, in lang.
func TopicLabel(t affaldsbot.Topic, lang string) string {
	if l, ok := locale.NewPrinter(lang).Lookup("topic_" + string(t)); ok && t != "" {
		return l
	}
	return string(t)
}
