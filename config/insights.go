package config

import (
	"fmt"
	"strings"
	"time"
)

// weekdays are the names INSIGHTS_REPORT accepts, in English and Danish.
var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
	"mandag": time.Monday, "tirsdag": time.Tuesday, "onsdag": time.Wednesday, "torsdag": time.Thursday,
	"fredag": time.Friday, "lørdag": time.Saturday, "søndag": time.Sunday,
}

// insightsReport accepts INSIGHTS_REPORT: `WEEKDAY HH:MM` or `off`.
func insightsReport(v string) error {
	if _, _, _, ok := parseSchedule(v); !ok && !strings.EqualFold(v, "off") {
		return fmt.Errorf("must be a weekday and a time of day such as \"monday 08:00\" (or \"mandag 08:00\"), or off, not %q", v)
	}
	return nil
}

func parseSchedule(v string) (day time.Weekday, hour, minute int, ok bool) {
	name, clock, found := strings.Cut(strings.TrimSpace(v), " ")
	day, known := weekdays[strings.ToLower(name)]
	clock = strings.TrimSpace(clock)
	t, err := time.Parse("15:04", clock)
	if !found || !known || err != nil || len(clock) != 5 {
		return 0, 0, 0, false
	}
	return day, t.Hour(), t.Minute(), true
}

// InsightsSchedule is when the weekly insights report goes to the team
// leads: a weekday and a time of day in TZ_NAME; ok is false when it is off.
func (c *Config) InsightsSchedule() (day time.Weekday, hour, minute int, ok bool) {
	return parseSchedule(c.InsightsReport)
}
