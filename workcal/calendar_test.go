package workcal

import (
	"strings"
	"testing"
	"time"
)

var cph = mustLoad("Europe/Copenhagen")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at returns a wall-clock instant in Copenhagen.
func at(y int, m time.Month, d, hour, min int) time.Time {
	return time.Date(y, m, d, hour, min, 0, 0, cph)
}

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"start after end", Config{Start: 16 * time.Hour, End: 8 * time.Hour}, "working hours"},
		{"start equals end", Config{Start: 9 * time.Hour, End: 9 * time.Hour}, "working hours"},
		{"end past midnight", Config{Start: 8 * time.Hour, End: 25 * time.Hour}, "working hours"},
		{"negative start", Config{Start: -time.Hour, End: 8 * time.Hour}, "working hours"},
		{"only start set", Config{Start: 8 * time.Hour}, "working hours"},
		{"no weekdays", Config{Weekdays: []time.Weekday{}}, "at least one weekday"},
		{"bad weekday", Config{Weekdays: []time.Weekday{7}}, "not a weekday"},
		{"30 February", Config{ExtraClosed: []MonthDay{{time.February, 30}}}, "02-30"},
		{"month 13", Config{ExtraClosed: []MonthDay{{13, 1}}}, "13-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New(%+v) error = %v, want one mentioning %q", tt.cfg, err, tt.want)
			}
		})
	}
}

func TestNewAcceptsEdgeConfig(t *testing.T) {
	for _, cfg := range []Config{
		{Start: 0, End: 24 * time.Hour},
		{Start: 0, End: 6 * time.Hour},
		{ExtraClosed: []MonthDay{{time.February, 29}}},
		{Location: time.UTC, Weekdays: []time.Weekday{time.Sunday}},
	} {
		if _, err := New(cfg); err != nil {
			t.Errorf("New(%+v): %v", cfg, err)
		}
	}
}

func TestDefaultLocation(t *testing.T) {
	if got := Default().Location().String(); got != "Europe/Copenhagen" {
		t.Fatalf("Location() = %s, want Europe/Copenhagen", got)
	}
}

func TestIsWorkingDay(t *testing.T) {
	c := Default()
	tests := []struct {
		day  Date
		want bool
		why  string
	}{
		{Date{2025, 3, 3}, true, "ordinary Monday"},
		{Date{2025, 3, 8}, false, "Saturday"},
		{Date{2025, 3, 9}, false, "Sunday"},
		{Date{2025, 1, 1}, false, "nytårsdag"},
		{Date{2025, 1, 2}, true, "day after New Year"},
		{Date{2025, 4, 17}, false, "skærtorsdag"},
		{Date{2025, 4, 18}, false, "langfredag"},
		{Date{2025, 4, 21}, false, "2. påskedag"},
		{Date{2025, 4, 22}, true, "Tuesday after Easter"},
		{Date{2025, 5, 1}, true, "1 May is not a public holiday"},
		{Date{2025, 5, 29}, false, "Kristi himmelfart"},
		{Date{2025, 5, 30}, true, "Friday after Kristi himmelfart"},
		{Date{2025, 6, 5}, false, "Grundlovsdag, closed by default"},
		{Date{2025, 6, 9}, false, "2. pinsedag"},
		{Date{2025, 12, 24}, false, "juleaftensdag, closed by default"},
		{Date{2025, 12, 25}, false, "juledag"},
		{Date{2025, 12, 26}, false, "2. juledag"},
		{Date{2025, 12, 31}, false, "nytårsaftensdag, closed by default"},
		{Date{2023, 5, 5}, false, "Store bededag 2023 was still a holiday"},
		{Date{2024, 4, 26}, true, "Store bededag abolished from 2024"},
		{Date{2025, 5, 16}, true, "former Store bededag 2025"},
		{Date{2026, 5, 1}, true, "former Store bededag 2026"},
		{Date{2026, 4, 2}, false, "skærtorsdag 2026"},
		{Date{2027, 5, 17}, false, "2. pinsedag 2027"},
		{Date{2025, 3, 31}, true, "Monday after the clocks went forward"},
		{Date{2025, 10, 27}, true, "Monday after the clocks went back"},
	}
	for _, tt := range tests {
		if got := c.IsWorkingDate(tt.day); got != tt.want {
			t.Errorf("IsWorkingDate(%s) (%s) = %v, want %v", tt.day, tt.why, got, tt.want)
		}
		if got := c.IsWorkingDay(tt.day.In(cph).Add(23 * time.Hour)); got != tt.want {
			t.Errorf("IsWorkingDay(23:00 on %s) (%s) = %v, want %v", tt.day, tt.why, got, tt.want)
		}
	}
}

func TestIsWorkingDayUsesCalendarLocation(t *testing.T) {
	c := Default()
	// 23:30 UTC on Friday 7 March 2025 is 00:30 on Saturday in Copenhagen.
	if c.IsWorkingDay(time.Date(2025, 3, 7, 23, 30, 0, 0, time.UTC)) {
		t.Error("Friday 23:30 UTC counted as a working day; in Copenhagen it is Saturday")
	}
	// 23:30 UTC on Sunday 9 March 2025 is 00:30 on Monday in Copenhagen.
	if !c.IsWorkingDay(time.Date(2025, 3, 9, 23, 30, 0, 0, time.UTC)) {
		t.Error("Sunday 23:30 UTC not counted; in Copenhagen it is Monday")
	}
}

func TestIsWorkingTime(t *testing.T) {
	c := Default()
	tests := []struct {
		t    time.Time
		want bool
	}{
		{at(2025, 3, 3, 7, 59), false},
		{at(2025, 3, 3, 8, 0), true},
		{at(2025, 3, 3, 15, 59), true},
		{at(2025, 3, 3, 16, 0), false},
		{at(2025, 3, 8, 10, 0), false},
		{at(2025, 12, 24, 10, 0), false},
	}
	for _, tt := range tests {
		if got := c.IsWorkingTime(tt.t); got != tt.want {
			t.Errorf("IsWorkingTime(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
}

func TestExtraClosedConfigurable(t *testing.T) {
	open, err := New(Config{ExtraClosed: []MonthDay{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []Date{{2025, 6, 5}, {2025, 12, 24}, {2025, 12, 31}} {
		if !open.IsWorkingDate(d) {
			t.Errorf("%s closed although no extra closed days are configured", d)
		}
	}
	if open.IsWorkingDate(Date{2025, 12, 25}) {
		t.Error("juledag open; public holidays must stay closed")
	}
	custom, err := New(Config{ExtraClosed: []MonthDay{{time.May, 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if custom.IsWorkingDate(Date{2025, 5, 1}) || !custom.IsWorkingDate(Date{2025, 12, 24}) {
		t.Error("ExtraClosed {1 May} should close 1 May and only that")
	}
}
