package workcal

import (
	"sort"
	"time"
)

// maxAddDays bounds AddWorkingDays (about 4,000 years of working days).
const maxAddDays = 1_000_000

// WorkingDuration returns the working time between from and to: the parts of
// the working hours of working days that lie in [from, to). It is 0 when to is
// not after from.
func (c *Calendar) WorkingDuration(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	a, b := c.dayNum(from), c.dayNum(to)
	if a == b {
		return c.overlap(a, from, to)
	}
	return c.overlap(a, from, to) + c.sumTime(a+1, b) + c.overlap(b, from, to)
}

// overlap returns the working time of day n that lies in [from, to).
func (c *Calendar) overlap(n int64, from, to time.Time) time.Duration {
	if !c.isWorkingDayNum(n) {
		return 0
	}
	open, closing := c.hours(n)
	s, e := later(from, open), earlier(to, closing)
	if !e.After(s) {
		return 0
	}
	return e.Sub(s)
}

// AddWorkingDays returns the answer deadline for something received at t:
// the end of the working hours of the n-th working day after the day of t.
// The day of receipt never counts, whatever the hour, so mail received on a
// Friday (morning or evening) or during the weekend after it is due with
// n = 10 at 16:00 on the Friday two weeks after that Friday. For n ≤ 0 it
// returns t; n is capped at 1,000,000.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	if n <= 0 {
		return t
	}
	day := c.nthWorkingDay(c.dayNum(t)+1, min(n, maxAddDays))
	_, closing := c.hours(day)
	return closing
}

// nthWorkingDay returns the n-th working day (n ≥ 1) counting from day a
// itself; every year has working days, so each pass moves closer.
func (c *Calendar) nthWorkingDay(a int64, n int) int64 {
	for {
		yi, i := c.yearOf(a)
		base := yi.cumDays[i]
		if left := int(yi.cumDays[yi.days] - base); left < n {
			n -= left
			a = yi.first + int64(yi.days)
			continue
		}
		k := sort.Search(yi.days-i, func(k int) bool {
			return int(yi.cumDays[i+k+1]-base) >= n
		})
		return a + int64(k)
	}
}

// AddWorkingTime returns the instant at which d of working time has passed
// after t (the first-response target). Time outside the working hours does
// not count, so the result always lies within working hours, ending at the
// close of a day rather than at the next opening. For d ≤ 0 it returns t.
func (c *Calendar) AddWorkingTime(t time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return t
	}
	n := c.dayNum(t)
	if c.isWorkingDayNum(n) {
		open, closing := c.hours(n)
		s := later(t, open)
		if left := closing.Sub(s); d <= left {
			return s.Add(d).In(c.loc)
		} else if left > 0 {
			d -= left
		}
	}
	day, rest := c.skipTime(n+1, d)
	open, _ := c.hours(day)
	return open.Add(rest)
}

// skipTime finds the working day, counting from day a, in which d of working
// time is reached, and how much of d falls on that day (0 < rest ≤ its hours).
// d is bounded by time.Duration (under 300 years), so the loop is too.
func (c *Calendar) skipTime(a int64, d time.Duration) (day int64, rest time.Duration) {
	for {
		yi, i := c.yearOf(a)
		base := yi.cumTime[i]
		if left := yi.cumTime[yi.days] - base; left < d {
			d -= left
			a = yi.first + int64(yi.days)
			continue
		}
		k := sort.Search(yi.days-i, func(k int) bool {
			return yi.cumTime[i+k+1]-base >= d
		})
		return a + int64(k), d - (yi.cumTime[i+k] - base)
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
