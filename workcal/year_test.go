package workcal

import (
	"testing"
	"time"
)

func TestWorkingDaysPerYear(t *testing.T) {
	all, err := New(Config{ExtraClosed: []MonthDay{}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		year          int
		want, wantLaw int // default calendar; public holidays only
	}{
		{2023, 251, 252}, // Store bededag still closed
		{2024, 251, 254},
		{2025, 250, 253},
		{2026, 251, 254},
	}
	for _, tt := range tests {
		from, to := Date{tt.year, 1, 1}, Date{tt.year, 12, 31}
		if got := Default().WorkingDays(from, to); got != tt.want {
			t.Errorf("WorkingDays(%d) = %d, want %d", tt.year, got, tt.want)
		}
		if got := all.WorkingDays(from, to); got != tt.wantLaw {
			t.Errorf("WorkingDays(%d) without extra closed days = %d, want %d", tt.year, got, tt.wantLaw)
		}
	}
}

// TestWorkingDays2025AgainstList checks every day of 2025 against the closed
// weekdays listed by hand from the official holiday dates, without the
// holiday library.
func TestWorkingDays2025AgainstList(t *testing.T) {
	closed := map[Date]bool{
		{2025, 1, 1}: true, {2025, 4, 17}: true, {2025, 4, 18}: true, {2025, 4, 21}: true,
		{2025, 5, 29}: true, {2025, 6, 5}: true, {2025, 6, 9}: true,
		{2025, 12, 24}: true, {2025, 12, 25}: true, {2025, 12, 26}: true, {2025, 12, 31}: true,
	}
	c, count := Default(), 0
	for day := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC); day.Year() == 2025; day = day.AddDate(0, 0, 1) {
		d := Date{day.Year(), day.Month(), day.Day()}
		w := day.Weekday()
		want := w != time.Saturday && w != time.Sunday && !closed[d]
		if got := c.IsWorkingDate(d); got != want {
			t.Errorf("IsWorkingDate(%s) = %v, want %v", d, got, want)
		}
		if want {
			count++
		}
	}
	if count != 250 {
		t.Errorf("2025 has %d working days by the list, want 250", count)
	}
}

func TestWorkingDaysRange(t *testing.T) {
	c := Default()
	tests := []struct {
		from, to Date
		want     int
	}{
		{Date{2025, 3, 3}, Date{2025, 3, 3}, 1},
		{Date{2025, 3, 3}, Date{2025, 3, 9}, 5},
		{Date{2025, 3, 8}, Date{2025, 3, 9}, 0},
		{Date{2025, 3, 9}, Date{2025, 3, 3}, 0},
		{Date{2025, 12, 22}, Date{2026, 1, 4}, 5}, // 22, 23, 29, 30 Dec and 2 Jan
		{Date{2023, 1, 1}, Date{2026, 12, 31}, 251 + 251 + 250 + 251},
	}
	for _, tt := range tests {
		if got := c.WorkingDays(tt.from, tt.to); got != tt.want {
			t.Errorf("WorkingDays(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestYearsOutsideCache(t *testing.T) {
	c := Default()
	// 1800 and 2400 are computed without being kept; they must still agree
	// with a day-by-day count.
	for _, y := range []int{1800, 2400} {
		want := 0
		for d := (Date{y, 1, 1}); d.Year == y; d = d.AddDays(1) {
			if c.IsWorkingDate(d) {
				want++
			}
		}
		if got := c.WorkingDays(Date{y, 1, 1}, Date{y, 12, 31}); got != want || want < 240 {
			t.Errorf("WorkingDays(%d) = %d, day by day %d", y, got, want)
		}
	}
}
