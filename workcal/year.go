package workcal

import "time"

// yearInfo holds running totals over one calendar year, so that any span of
// whole days is summed with two lookups per year it touches.
type yearInfo struct {
	first   int64 // day number of 1 January
	days    int   // 365 or 366
	cumDays [367]int32
	cumTime [367]time.Duration // cumTime[i]: working time of the year's days before day i
}

// year returns the totals of calendar year y.
func (c *Calendar) year(y int) *yearInfo {
	if y < cacheFrom || y > cacheTo {
		return c.buildYear(y)
	}
	if yi, ok := c.years.Load(y); ok {
		return yi.(*yearInfo)
	}
	yi, _ := c.years.LoadOrStore(y, c.buildYear(y))
	return yi.(*yearInfo)
}

// yearOf returns the totals of the year of day n, and n's index in it.
func (c *Calendar) yearOf(n int64) (*yearInfo, int) {
	yi := c.year(fromDayNum(n).Year)
	return yi, int(n - yi.first)
}

func (c *Calendar) buildYear(y int) *yearInfo {
	yi := &yearInfo{first: Date{y, time.January, 1}.dayNum()}
	yi.days = int(Date{y + 1, time.January, 1}.dayNum() - yi.first)
	closed := c.closedDays(y, yi.first)
	for i := 0; i < yi.days; i++ {
		n := yi.first + int64(i)
		yi.cumDays[i+1], yi.cumTime[i+1] = yi.cumDays[i], yi.cumTime[i]
		if closed[i] || !c.weekdays[weekdayOf(n)] {
			continue
		}
		open, closing := c.hours(n)
		yi.cumDays[i+1]++
		yi.cumTime[i+1] += closing.Sub(open)
	}
	return yi
}

// closedDays marks the public holidays and extra closed days of year y by
// their index in the year.
func (c *Calendar) closedDays(y int, first int64) [366]bool {
	var closed [366]bool
	mark := func(d Date) {
		if d.Year == y {
			closed[d.dayNum()-first] = true
		}
	}
	for _, h := range c.holidays {
		if actual, _ := h.Calc(y); !actual.IsZero() {
			yy, m, d := actual.Date()
			mark(Date{yy, m, d})
		}
	}
	for _, md := range c.extra {
		if d := (Date{y, md.Month, md.Day}); d.valid() { // 29 February only in leap years
			mark(d)
		}
	}
	return closed
}

func (c *Calendar) isWorkingDayNum(n int64) bool {
	yi, i := c.yearOf(n)
	return yi.cumDays[i+1] > yi.cumDays[i]
}

// countDays counts the working days among days a..b-1 (a < b).
func (c *Calendar) countDays(a, b int64) int {
	total := 0
	for a < b {
		yi, i := c.yearOf(a)
		j := min(int(b-yi.first), yi.days)
		total += int(yi.cumDays[j] - yi.cumDays[i])
		a = yi.first + int64(j)
	}
	return total
}

// sumTime adds up the working time of days a..b-1 (0 when b ≤ a).
func (c *Calendar) sumTime(a, b int64) time.Duration {
	var total time.Duration
	for a < b {
		yi, i := c.yearOf(a)
		j := min(int(b-yi.first), yi.days)
		total += yi.cumTime[j] - yi.cumTime[i]
		a = yi.first + int64(j)
	}
	return total
}
