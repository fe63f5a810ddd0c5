package workcal

import (
	"errors"
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Copenhagen must load even where the system has no zone files
)

// DefaultZone is the time zone of the working hours when Config.Location is nil.
const DefaultZone = "Europe/Copenhagen"

// Config describes the working hours. The zero Config is the municipality's
// practice: Monday–Friday 08:00–16:00 Europe/Copenhagen, Danish public holidays
// closed, and 5 June, 24 December and 31 December closed.
type Config struct {
	// Location is the zone of the working hours; nil means Europe/Copenhagen.
	Location *time.Location
	// Start and End are wall-clock offsets from midnight, so 08:00 stays
	// 08:00 on the days the clocks change. Both zero means 8h and 16h; set
	// either and both are taken as given (0 ≤ Start < End ≤ 24h).
	Start, End time.Duration
	// Weekdays are the days of the week that are working days; nil means
	// Monday–Friday.
	Weekdays []time.Weekday
	// ExtraClosed are days closed every year on top of the public holidays;
	// nil means 5 June, 24 December and 31 December, and an empty non-nil
	// slice means none.
	ExtraClosed []MonthDay
}

// MonthDay is a day that recurs every year, such as 24 December.
type MonthDay struct {
	Month time.Month
	Day   int
}

// String returns the day as MM-DD.
func (md MonthDay) String() string {
	return fmt.Sprintf("%02d-%02d", int(md.Month), md.Day)
}

// ParseMonthDay reads a recurring day written as MM-DD, e.g. "12-24".
func ParseMonthDay(s string) (MonthDay, error) {
	t, err := time.Parse("2006-01-02", "2000-"+s) // 2000 is a leap year: 02-29 is valid
	if err != nil {
		return MonthDay{}, fmt.Errorf("parse month-day %q: want MM-DD: %w", s, err)
	}
	return MonthDay{Month: t.Month(), Day: t.Day()}, nil
}

func (md MonthDay) valid() bool {
	if md.Month < time.January || md.Month > time.December || md.Day < 1 {
		return false
	}
	return md.Day <= time.Date(2000, md.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func defaultWeekdays() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
}

func defaultExtraClosed() []MonthDay {
	return []MonthDay{{time.June, 5}, {time.December, 24}, {time.December, 31}}
}

// withDefaults fills the zero fields of cfg with the defaults.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.Location == nil {
		loc, err := time.LoadLocation(DefaultZone)
		if err != nil {
			return cfg, fmt.Errorf("load %s: %w", DefaultZone, err)
		}
		cfg.Location = loc
	}
	if cfg.Start == 0 && cfg.End == 0 {
		cfg.Start, cfg.End = 8*time.Hour, 16*time.Hour
	}
	if cfg.Weekdays == nil {
		cfg.Weekdays = defaultWeekdays()
	}
	if cfg.ExtraClosed == nil {
		cfg.ExtraClosed = defaultExtraClosed()
	}
	return cfg, nil
}

// validate checks a Config whose defaults have been filled in.
func (cfg Config) validate() error {
	if cfg.Start < 0 || cfg.End > 24*time.Hour || cfg.Start >= cfg.End {
		return fmt.Errorf("working hours %v–%v: want 0 ≤ start < end ≤ 24h", cfg.Start, cfg.End)
	}
	if len(cfg.Weekdays) == 0 {
		return errors.New("working days: at least one weekday is needed")
	}
	for _, w := range cfg.Weekdays {
		if w < time.Sunday || w > time.Saturday {
			return fmt.Errorf("working days: %d is not a weekday", int(w))
		}
	}
	for _, md := range cfg.ExtraClosed {
		if !md.valid() {
			return fmt.Errorf("closed days: %s is not a day of the year", md)
		}
	}
	return nil
}
