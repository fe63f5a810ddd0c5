// Package workcal does the working-time arithmetic behind the answer deadline,
// the first-response target and the statistics (docs/lifecycle.md), and reads the
// periods the statistics are asked for (docs/statistics.md). It does no I/O.
//
// A Calendar knows the working hours of one place: which calendar days are
// working days (weekdays that are neither a Danish public holiday nor one of
// the extra closed days) and the wall-clock hours of each. All arithmetic is
// in absolute time, so a working day keeps its 8 hours across a change of the
// clocks, and long spans are summed a year at a time.
package workcal

import (
	"fmt"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/aa"
	"github.com/rickar/cal/v2/dk"
)

// Calendar answers working-time questions for one Config. It is safe for
// concurrent use.
type Calendar struct {
	loc        *time.Location
	start, end time.Duration
	weekdays   [7]bool
	extra      []MonthDay
	holidays   []*cal.Holiday
	years      sync.Map // int → *yearInfo, for the years in [cacheFrom, cacheTo]
}

// Years outside this range are computed on every use instead of being kept.
const cacheFrom, cacheTo = 1900, 2200

// New returns the Calendar of cfg; zero fields take the defaults described on
// Config.
func New(cfg Config) (*Calendar, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("working calendar: %w", err)
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("working calendar: %w", err)
	}
	c := &Calendar{
		loc:      cfg.Location,
		start:    cfg.Start,
		end:      cfg.End,
		extra:    append([]MonthDay(nil), cfg.ExtraClosed...),
		holidays: danishHolidays(),
	}
	for _, w := range cfg.Weekdays {
		c.weekdays[w] = true
	}
	return c, nil
}

// Default returns the Calendar of the zero Config.
func Default() *Calendar {
	c, err := New(Config{})
	if err != nil {
		panic(err) // the zone data is embedded, so the defaults always load
	}
	return c
}

// danishHolidays lists the Danish public holidays (helligdage) as the dk
// package defines them, Store bededag up to and including 2023. Grundlovsdag
// is left out: it is not a public holiday, and whether it is closed is set
// with Config.ExtraClosed. Easter Sunday and Whit Sunday are added for
// calendars whose working days include Sunday.
func danishHolidays() []*cal.Holiday {
	var hs []*cal.Holiday
	for _, h := range dk.Holidays {
		if h != dk.Grundlovsdag {
			hs = append(hs, h)
		}
	}
	return append(hs, aa.Easter, aa.Pentecost)
}

// Location returns the zone of the working hours.
func (c *Calendar) Location() *time.Location {
	return c.loc
}

// IsWorkingDay reports whether the calendar day of t in c's location is a
// working day.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	return c.isWorkingDayNum(c.dayNum(t))
}

// IsWorkingDate reports whether d is a working day.
func (c *Calendar) IsWorkingDate(d Date) bool {
	return c.isWorkingDayNum(d.dayNum())
}

// IsWorkingTime reports whether t falls within the working hours of a working
// day.
func (c *Calendar) IsWorkingTime(t time.Time) bool {
	n := c.dayNum(t)
	if !c.isWorkingDayNum(n) {
		return false
	}
	open, closing := c.hours(n)
	return !t.Before(open) && t.Before(closing)
}

// WorkingDays counts the working days from from to to, both included; 0 when
// to is before from.
func (c *Calendar) WorkingDays(from, to Date) int {
	a, b := from.dayNum(), to.dayNum()+1
	if b <= a {
		return 0
	}
	return c.countDays(a, b)
}

func (c *Calendar) dayNum(t time.Time) int64 {
	return DateOf(t, c.loc).dayNum()
}

// hours returns the opening and closing instants of day n (working or not).
func (c *Calendar) hours(n int64) (open, closing time.Time) {
	d := fromDayNum(n)
	return c.wallClock(d, c.start), c.wallClock(d, c.end)
}

// wallClock returns the instant at which the clocks show offset after
// midnight on d.
func (c *Calendar) wallClock(d Date, offset time.Duration) time.Time {
	sec, nsec := int(offset/time.Second), int(offset%time.Second)
	return time.Date(d.Year, d.Month, d.Day, 0, 0, sec, nsec, c.loc)
}
