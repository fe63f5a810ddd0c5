package stats

import (
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/affaldsbot/affaldsbot/workcal"
)

// Key years: the stored facts are kept for a calendar that agrees with
// another on every day of these years.
const keyFromYear, keyToYear = 2000, 2060

var calendarKeys sync.Map // *workcal.Calendar → string

// CalendarKey names a working calendar by what it does: its location, the
// working time of every day from 2000 to 2060, and the working time up to
// each quarter hour of its first working day of 2024. Two calendars with the
// same key give the same working durations, so facts computed with one stay
// valid for the other.
func CalendarKey(cal *workcal.Calendar) string {
	if k, ok := calendarKeys.Load(cal); ok {
		return k.(string)
	}
	loc := cal.Location()
	h := fnv.New128a()
	fmt.Fprintln(h, loc.String())
	first := workcal.Date{}
	for d := (workcal.Date{Year: keyFromYear, Month: 1, Day: 1}); d.Year <= keyToYear; d = d.AddDays(1) {
		fmt.Fprintln(h, int64(cal.WorkingDuration(d.In(loc), d.AddDays(1).In(loc))))
		if first.IsZero() && d.Year == 2024 && cal.IsWorkingDate(d) {
			first = d
		}
	}
	if !first.IsZero() {
		for m := 0; m <= 24*60; m += 15 {
			start := first.In(loc)
			fmt.Fprintln(h, int64(cal.WorkingDuration(start, start.Add(time.Duration(m)*time.Minute))))
		}
	}
	k := fmt.Sprintf("%x", h.Sum(nil))
	calendarKeys.Store(cal, k)
	return k
}
