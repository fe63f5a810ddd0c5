package config

import (
	"fmt"
	"strings"
	"time"
)

// digestTime accepts DIGEST_TIME: `HH:MM` on a 24-hour clock, or `off`.
func digestTime(v string) error {
	if strings.EqualFold(v, "off") {
		return nil
	}
	if _, err := time.Parse("15:04", v); err != nil || len(v) != 5 {
		return fmt.Errorf("must be a time of day HH:MM (e.g. 08:00) or off, not %q", v)
	}
	return nil
}

// DigestClock is the time of day of the daily digest as hours and minutes;
// ok is false when the digest is off.
func (c *Config) DigestClock() (hour, minute int, ok bool) {
	if c.DigestTime == "" || strings.EqualFold(c.DigestTime, "off") {
		return 0, 0, false
	}
	t, err := time.Parse("15:04", c.DigestTime)
	if err != nil {
		return 0, 0, false
	}
	return t.Hour(), t.Minute(), true
}
