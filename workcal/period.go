package workcal

import (
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// Period is a span of whole calendar days, From and To both included
// (docs/statistics.md). It is made of Dates, not instants: a location turns it into
// the half-open interval [Start, End).
type Period struct {
	From, To Date
}

// NewPeriod returns the period from..to, or an EINVALID error when to is
// before from.
func NewPeriod(from, to Date) (Period, error) {
	if to.Before(from) {
		return Period{}, affaldsbot.NewError(affaldsbot.EINVALID, "period_backwards", from, to)
	}
	return Period{From: from, To: to}, nil
}

// DefaultPeriod is the current month up to and including today.
func DefaultPeriod(now time.Time, loc *time.Location) Period {
	today := DateOf(now, loc)
	return Period{From: Date{today.Year, today.Month, 1}, To: today}
}

// Start returns the first instant of the period: midnight starting From.
func (p Period) Start(loc *time.Location) time.Time {
	return p.From.In(loc)
}

// End returns the first instant after the period: midnight starting the day
// after To.
func (p Period) End(loc *time.Location) time.Time {
	return p.To.AddDays(1).In(loc)
}

// Contains reports whether t lies in [Start, End) in loc.
func (p Period) Contains(t time.Time, loc *time.Location) bool {
	return !t.Before(p.Start(loc)) && t.Before(p.End(loc))
}

// Days returns the number of calendar days in the period, both ends included.
func (p Period) Days() int {
	return int(p.To.dayNum()-p.From.dayNum()) + 1
}

// String returns the period as FROM..TO, e.g. "2025-01-01..2025-03-31".
func (p Period) String() string {
	return p.From.String() + ".." + p.To.String()
}

func dayPeriod(d Date) Period {
	return Period{From: d, To: d}
}

func weekPeriod(today Date, weeksBack int) Period {
	monday := today.AddDays(-int((today.Weekday() + 6) % 7))
	from := monday.AddDays(-7 * weeksBack)
	return Period{From: from, To: upTo(from.AddDays(6), today)}
}

func monthPeriod(year int, month time.Month) Period {
	from := Date{year, month, 1}.AddDays(0) // month 0 is December of the year before
	return Period{From: from, To: Date{year, month + 1, 1}.AddDays(-1)}
}

func quarterPeriod(year, q int) Period {
	first := time.Month(3*q - 2)
	return Period{From: Date{year, first, 1}, To: monthPeriod(year, first+2).To}
}

func yearPeriod(year int) Period {
	return Period{From: Date{year, time.January, 1}, To: Date{year, time.December, 31}}
}

// upTo caps a period's end at today, for the "this …" periods.
func upTo(to, today Date) Date {
	if to.After(today) {
		return today
	}
	return to
}
