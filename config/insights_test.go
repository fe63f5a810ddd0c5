package config

import (
	"strings"
	"testing"
	"time"
)

func TestInsightsReport(t *testing.T) {
	for _, tc := range []struct {
		value      string
		day        time.Weekday
		hour, min  int
		on, loadOK bool
	}{
		{"", 0, 0, 0, false, true},
		{"off", 0, 0, 0, false, true},
		{"monday 08:00", time.Monday, 8, 0, true, true},
		{"Mandag 07:30", time.Monday, 7, 30, true, true},
		{"fredag 14:15", time.Friday, 14, 15, true, true},
		{"sunday 23:59", time.Sunday, 23, 59, true, true},
		{"monday", 0, 0, 0, false, false},
		{"08:00", 0, 0, 0, false, false},
		{"someday 08:00", 0, 0, 0, false, false},
		{"monday 25:00", 0, 0, 0, false, false},
	} {
		c, err := Load("", env(map[string]string{"INSIGHTS_REPORT": tc.value}))
		if !tc.loadOK {
			if err == nil || !strings.HasPrefix(err.Error(), "INSIGHTS_REPORT") {
				t.Errorf("INSIGHTS_REPORT=%q: %v, want an error naming INSIGHTS_REPORT", tc.value, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("INSIGHTS_REPORT=%q: %v", tc.value, err)
		}
		day, h, m, on := c.InsightsSchedule()
		if day != tc.day || h != tc.hour || m != tc.min || on != tc.on {
			t.Errorf("INSIGHTS_REPORT=%q: InsightsSchedule() = %v %d:%d %v", tc.value, day, h, m, on)
		}
	}
	c, _ := Load("", env(nil))
	if day, h, m, on := c.InsightsSchedule(); day != time.Monday || h != 8 || m != 0 || !on {
		t.Errorf("default weekly report %v %02d:%02d (on %v), want Monday 08:00", day, h, m, on)
	}
}
