package workcal

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/affaldsbot/affaldsbot"
)

// relative maps each named period to its span, given today.
var relative = relativePeriods()

func relativePeriods() map[string]func(today Date) Period {
	relative := map[string]func(today Date) Period{}
	add := func(f func(Date) Period, names ...string) {
		for _, n := range names {
			relative[n] = f
		}
	}
	add(dayPeriod, "i dag", "idag", "today")
	add(func(t Date) Period { return dayPeriod(t.AddDays(-1)) }, "i går", "igår", "i gaar", "igaar", "yesterday")
	add(func(t Date) Period { return weekPeriod(t, 0) }, "denne uge", "this week")
	add(func(t Date) Period { return weekPeriod(t, 1) }, "sidste uge", "forrige uge", "last week")
	add(func(t Date) Period { return Period{Date{t.Year, t.Month, 1}, t} }, "denne måned", "denne maaned", "this month")
	add(func(t Date) Period { return monthPeriod(t.Year, t.Month-1) }, "sidste måned", "sidste maaned", "forrige måned", "last month")
	add(func(t Date) Period { return Period{Date{t.Year, time.January, 1}, t} }, "i år", "i aar", "this year")
	add(func(t Date) Period { return yearPeriod(t.Year - 1) }, "sidste år", "sidste aar", "forrige år", "last year")
	return relative
}

var (
	yearRE       = regexp.MustCompile(`^(\d{4})$`)
	quarterRE    = regexp.MustCompile(`^(\d{4}) ?-? ?[qk]([1-4])$`)
	quarterRevRE = regexp.MustCompile(`^[qk]([1-4]) ?-? ?(\d{4})$`)
	monthRE      = regexp.MustCompile(`^(\d{4})-(\d{1,2})$`)
)

// ParsePeriod reads a period as written after `/affald stats` (docs/statistics.md),
// in Danish or English, ignoring case and extra spaces. The empty string is
// the DefaultPeriod. Named periods ("sidste uge") are taken relative to the
// day of now in loc; weeks are ISO weeks, Monday first; "this week", "this
// month" and "this year" end today. The ends of a range may be any of the
// fixed forms ("2025-01..2025-03" is the first quarter). Errors have the code
// EINVALID and a message that lists the accepted forms.
func ParsePeriod(s string, now time.Time, loc *time.Location) (Period, error) {
	s = normalise(s)
	today := DateOf(now, loc)
	if s == "" {
		return DefaultPeriod(now, loc), nil
	}
	if f, ok := relative[s]; ok {
		return f(today), nil
	}
	if from, to, ok := strings.Cut(s, ".."); ok {
		return parseRange(s, strings.TrimSpace(from), strings.TrimSpace(to))
	}
	if p, ok := parseFixed(s); ok {
		return p, nil
	}
	return Period{}, notUnderstood(s, s)
}

func normalise(s string) string {
	s = strings.ToLower(norm.NFC.String(s))
	return strings.Join(strings.Fields(s), " ")
}

func parseRange(s, from, to string) (Period, error) {
	a, ok := parseFixed(from)
	if !ok {
		return Period{}, notUnderstood(s, from)
	}
	b, ok := parseFixed(to)
	if !ok {
		return Period{}, notUnderstood(s, to)
	}
	return NewPeriod(a.From, b.To)
}

// parseFixed reads the forms that name the same days whenever they are
// read: a year, a quarter, a month or a day.
func parseFixed(s string) (Period, bool) {
	if m := yearRE.FindStringSubmatch(s); m != nil {
		return yearPeriod(atoi(m[1])), true
	}
	if m := quarterRE.FindStringSubmatch(s); m != nil {
		return quarterPeriod(atoi(m[1]), atoi(m[2])), true
	}
	if m := quarterRevRE.FindStringSubmatch(s); m != nil {
		return quarterPeriod(atoi(m[2]), atoi(m[1])), true
	}
	if m := monthRE.FindStringSubmatch(s); m != nil {
		month := atoi(m[2])
		return monthPeriod(atoi(m[1]), time.Month(month)), month >= 1 && month <= 12
	}
	if d, err := ParseDate(s); err == nil {
		return dayPeriod(d), true
	}
	return Period{}, false
}

// atoi converts the digits a pattern has already matched.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func notUnderstood(s, part string) error {
	if part == "" {
		part = s
	}
	return affaldsbot.NewError(affaldsbot.EINVALID, "period_not_understood", s, part)
}
