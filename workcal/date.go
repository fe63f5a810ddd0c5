package workcal

import (
	"fmt"
	"time"
)

// dateLayout is the one written form of a Date.
const dateLayout = "2006-01-02"

// Date is a calendar day without a time of day or a zone. Periods are made of
// Dates so that "1 March" means the same day whichever instant it is looked at
// from; a Date becomes an instant only with a location (In).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in loc.
func DateOf(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate reads a day written as YYYY-MM-DD and rejects days that do not
// exist (2025-02-30).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: want YYYY-MM-DD: %w", s, err)
	}
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}, nil
}

// String returns the day as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes the day as YYYY-MM-DD (also in JSON).
func (d Date) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// UnmarshalText reads a day written as YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	parsed, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool {
	return d == Date{}
}

// In returns the start of the day (midnight) in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the day n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	return fromDayNum(d.dayNum() + int64(n))
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	a, b := d.dayNum(), e.dayNum()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool {
	return d.Compare(e) < 0
}

// After reports whether d is a later day than e.
func (d Date) After(e Date) bool {
	return d.Compare(e) > 0
}

// valid reports whether d names a day that exists (not 30 February).
func (d Date) valid() bool {
	return d.AddDays(0) == d
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return weekdayOf(d.dayNum())
}

// dayNum counts days from 1970-01-01 (day 0); it normalises out-of-range
// fields the way time.Date does.
func (d Date) dayNum() int64 {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay
}

const secondsPerDay = 24 * 60 * 60

func fromDayNum(n int64) Date {
	y, m, d := time.Unix(n*secondsPerDay, 0).UTC().Date()
	return Date{Year: y, Month: m, Day: d}
}

// weekdayOf returns the weekday of a day number; day 0 was a Thursday.
func weekdayOf(n int64) time.Weekday {
	w := (n + int64(time.Thursday)) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}
