package workcal

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const h = time.Hour

func TestWorkingDuration(t *testing.T) {
	c := Default()
	tests := []struct {
		name     string
		from, to time.Time
		want     time.Duration
	}{
		{"within one day", at(2025, 3, 3, 9, 0), at(2025, 3, 3, 11, 30), 2*h + 30*time.Minute},
		{"around one day", at(2025, 3, 3, 6, 0), at(2025, 3, 3, 20, 0), 8 * h},
		{"evening only", at(2025, 3, 3, 17, 0), at(2025, 3, 3, 23, 0), 0},
		{"to before from", at(2025, 3, 3, 11, 0), at(2025, 3, 3, 9, 0), 0},
		{"empty", at(2025, 3, 3, 11, 0), at(2025, 3, 3, 11, 0), 0},
		{"weekend only", at(2025, 3, 8, 10, 0), at(2025, 3, 9, 18, 0), 0},
		{"Friday afternoon to Monday morning", at(2025, 3, 7, 15, 0), at(2025, 3, 10, 9, 0), 2 * h},
		{"Friday evening receipt to Monday noon", at(2025, 3, 7, 18, 0), at(2025, 3, 10, 12, 0), 4 * h},
		{"one working week", at(2025, 3, 3, 0, 0), at(2025, 3, 10, 0, 0), 40 * h},
		{"Easter 2025", at(2025, 4, 16, 12, 0), at(2025, 4, 22, 12, 0), 8 * h},
		{"Kristi himmelfart", at(2025, 5, 28, 8, 0), at(2025, 5, 30, 16, 0), 16 * h},
		{"Grundlovsdag and 2. pinsedag", at(2025, 6, 4, 8, 0), at(2025, 6, 10, 16, 0), 24 * h},
		{"Store bededag 2023 closed", at(2023, 5, 4, 8, 0), at(2023, 5, 8, 16, 0), 16 * h},
		{"Store bededag 2024 open", at(2024, 4, 25, 8, 0), at(2024, 4, 29, 16, 0), 24 * h},
		{"Store bededag 2025 open", at(2025, 5, 15, 8, 0), at(2025, 5, 19, 16, 0), 24 * h},
		{"DST start weekend", at(2025, 3, 28, 8, 0), at(2025, 3, 31, 16, 0), 16 * h},
		{"Monday after DST start", at(2025, 3, 31, 0, 0), at(2025, 4, 1, 0, 0), 8 * h},
		{"DST end weekend", at(2025, 10, 24, 12, 0), at(2025, 10, 27, 12, 0), 8 * h},
		{"Monday after DST end", at(2025, 10, 27, 0, 0), at(2025, 10, 28, 0, 0), 8 * h},
		{"Christmas and New Year", at(2025, 12, 23, 8, 0), at(2026, 1, 2, 16, 0), 32 * h},
		{"whole year 2025", at(2025, 1, 1, 0, 0), at(2026, 1, 1, 0, 0), 250 * 8 * h},
		{"2023 to 2025", at(2023, 1, 1, 0, 0), at(2026, 1, 1, 0, 0), (251 + 251 + 250) * 8 * h},
		{"winter instants in UTC",
			time.Date(2025, 3, 3, 7, 0, 0, 0, time.UTC), time.Date(2025, 3, 3, 15, 0, 0, 0, time.UTC), 8 * h},
		{"summer instants in UTC",
			time.Date(2025, 6, 2, 5, 0, 0, 0, time.UTC), time.Date(2025, 6, 2, 15, 0, 0, 0, time.UTC), 8 * h},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.WorkingDuration(tt.from, tt.to); got != tt.want {
				t.Errorf("WorkingDuration(%v, %v) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestWorkingDurationAcrossDSTAllDay(t *testing.T) {
	c, err := New(Config{Start: 0, End: 24 * h, ExtraClosed: []MonthDay{},
		Weekdays: []time.Weekday{0, 1, 2, 3, 4, 5, 6}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		day  Date
		want time.Duration
	}{
		{Date{2025, 3, 29}, 24 * h},
		{Date{2025, 3, 30}, 23 * h},  // clocks forward
		{Date{2025, 10, 26}, 25 * h}, // clocks back
	}
	for _, tt := range tests {
		if got := c.WorkingDuration(tt.day.In(cph), tt.day.AddDays(1).In(cph)); got != tt.want {
			t.Errorf("WorkingDuration(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := Default()
	tests := []struct {
		name string
		t    time.Time
		n    int
		want time.Time
	}{
		{"Friday evening receipt", at(2025, 3, 7, 18, 0), 10, at(2025, 3, 21, 16, 0)},
		{"Friday morning receipt", at(2025, 3, 7, 9, 0), 10, at(2025, 3, 21, 16, 0)},
		{"Saturday receipt", at(2025, 3, 8, 11, 0), 10, at(2025, 3, 21, 16, 0)},
		{"Monday receipt", at(2025, 3, 10, 10, 0), 10, at(2025, 3, 24, 16, 0)},
		{"one day", at(2025, 3, 10, 10, 0), 1, at(2025, 3, 11, 16, 0)},
		{"across Easter 2025", at(2025, 4, 14, 9, 0), 10, at(2025, 5, 1, 16, 0)},
		{"across Christmas and New Year", at(2025, 12, 19, 12, 0), 10, at(2026, 1, 9, 16, 0)},
		{"Store bededag 2023 skipped", at(2023, 4, 27, 12, 0), 10, at(2023, 5, 12, 16, 0)},
		{"Store bededag 2024 counted", at(2024, 4, 18, 12, 0), 10, at(2024, 5, 2, 16, 0)},
		{"over DST start", at(2025, 3, 28, 18, 0), 1, time.Date(2025, 3, 31, 14, 0, 0, 0, time.UTC)},
		{"over DST end", at(2025, 10, 24, 18, 0), 1, time.Date(2025, 10, 27, 15, 0, 0, 0, time.UTC)},
		{"a working year", at(2024, 12, 31, 12, 0), 250, at(2025, 12, 30, 16, 0)},
		{"zero days", at(2025, 3, 7, 18, 0), 0, at(2025, 3, 7, 18, 0)},
		{"negative days", at(2025, 3, 7, 18, 0), -3, at(2025, 3, 7, 18, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddWorkingDays(tt.t, tt.n)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("AddWorkingDays(%v, %d) (-want +got):\n%s", tt.t, tt.n, diff)
			}
		})
	}
}

func TestAddWorkingTime(t *testing.T) {
	c := Default()
	tests := []struct {
		name string
		t    time.Time
		d    time.Duration
		want time.Time
	}{
		{"one working day", at(2025, 3, 3, 10, 0), 8 * h, at(2025, 3, 4, 10, 0)},
		{"to the close", at(2025, 3, 3, 10, 0), 6 * h, at(2025, 3, 3, 16, 0)},
		{"before opening", at(2025, 3, 3, 6, 0), 2 * h, at(2025, 3, 3, 10, 0)},
		{"Friday evening, one day", at(2025, 3, 7, 18, 0), 8 * h, at(2025, 3, 10, 16, 0)},
		{"Friday evening, one hour", at(2025, 3, 7, 18, 0), h, at(2025, 3, 10, 9, 0)},
		{"Saturday", at(2025, 3, 8, 11, 0), 30 * time.Minute, at(2025, 3, 10, 8, 30)},
		{"over Easter", at(2025, 4, 16, 15, 0), 2 * h, at(2025, 4, 22, 9, 0)},
		{"over DST start", at(2025, 3, 28, 15, 0), 2 * h, at(2025, 3, 31, 9, 0)},
		{"over DST end", at(2025, 10, 24, 15, 0), 2 * h, at(2025, 10, 27, 9, 0)},
		{"over New Year", at(2025, 12, 30, 12, 0), 8 * h, at(2026, 1, 2, 12, 0)},
		{"the working time of 2025", at(2025, 1, 1, 0, 0), 2000 * h, at(2025, 12, 30, 16, 0)},
		{"zero", at(2025, 3, 8, 11, 0), 0, at(2025, 3, 8, 11, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddWorkingTime(tt.t, tt.d)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("AddWorkingTime(%v, %v) (-want +got):\n%s", tt.t, tt.d, diff)
			}
		})
	}
}

// TestDeadlineHoldsNWorkingDays checks AddWorkingDays against
// WorkingDuration: from receipt to deadline lie the rest of the receipt day's
// working hours plus n whole working days.
func TestDeadlineHoldsNWorkingDays(t *testing.T) {
	c := Default()
	receipts := []time.Time{
		at(2025, 3, 7, 18, 0), at(2025, 3, 7, 9, 0), at(2025, 3, 8, 11, 0),
		at(2025, 4, 16, 13, 0), at(2025, 12, 23, 7, 0), at(2023, 5, 4, 15, 30),
		at(2025, 3, 28, 10, 0), at(2025, 10, 24, 10, 0),
	}
	for _, r := range receipts {
		rest := c.WorkingDuration(r, DateOf(r, cph).AddDays(1).In(cph))
		for _, n := range []int{1, 5, 10, 30} {
			deadline := c.AddWorkingDays(r, n)
			want := rest + time.Duration(n)*8*h
			if got := c.WorkingDuration(r, deadline); got != want {
				t.Errorf("WorkingDuration(%v, AddWorkingDays(…, %d) = %v) = %v, want %v", r, n, deadline, got, want)
			}
			if !c.IsWorkingDay(deadline) || deadline.In(cph).Hour() != 16 {
				t.Errorf("AddWorkingDays(%v, %d) = %v, want 16:00 on a working day", r, n, deadline)
			}
		}
	}
}
