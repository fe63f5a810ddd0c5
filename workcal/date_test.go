package workcal

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"2025-03-14", Date{2025, 3, 14}, false},
		{"2024-02-29", Date{2024, 2, 29}, false},
		{"2025-02-29", Date{}, true},
		{"2025-13-01", Date{}, true},
		{"2025-3-14", Date{}, true},
		{"14-03-2025", Date{}, true},
		{"", Date{}, true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := Date{2025, 12, 31}
	if got, want := d.AddDays(1), (Date{2026, 1, 1}); got != want {
		t.Errorf("AddDays(1) = %v, want %v", got, want)
	}
	if got, want := (Date{2024, 3, 1}).AddDays(-1), (Date{2024, 2, 29}); got != want {
		t.Errorf("AddDays(-1) = %v, want %v", got, want)
	}
	if !d.After(Date{2025, 1, 1}) || d.Before(Date{2025, 1, 1}) || d.Compare(d) != 0 {
		t.Error("Compare is wrong around 2025-12-31")
	}
	if got := (Date{2025, 3, 3}).Weekday(); got != time.Monday {
		t.Errorf("Weekday(2025-03-03) = %v, want Monday", got)
	}
	if got := (Date{1969, 12, 31}).Weekday(); got != time.Wednesday {
		t.Errorf("Weekday(1969-12-31) = %v, want Wednesday", got)
	}
	if got := (Date{5, 1, 2}).String(); got != "0005-01-02" {
		t.Errorf("String() = %q", got)
	}
}

func TestDateOfUsesLocation(t *testing.T) {
	instant := time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC) // 00:30 on New Year's Day in Copenhagen
	if got, want := DateOf(instant, cph), (Date{2026, 1, 1}); got != want {
		t.Errorf("DateOf = %v, want %v", got, want)
	}
	if got, want := DateOf(instant, time.UTC), (Date{2025, 12, 31}); got != want {
		t.Errorf("DateOf UTC = %v, want %v", got, want)
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		From Date `json:"from"`
	}
	b, err := json.Marshal(doc{Date{2023, 1, 1}})
	if err != nil || string(b) != `{"from":"2023-01-01"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back doc
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(doc{Date{2023, 1, 1}}, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"from":"2023-02-30"}`), &back); err == nil {
		t.Error("Unmarshal accepted 2023-02-30")
	}
}

func TestParseMonthDay(t *testing.T) {
	tests := []struct {
		in      string
		want    MonthDay
		wantErr bool
	}{
		{"12-24", MonthDay{time.December, 24}, false},
		{"06-05", MonthDay{time.June, 5}, false},
		{"02-29", MonthDay{time.February, 29}, false},
		{"02-30", MonthDay{}, true},
		{"24-12", MonthDay{}, true},
	}
	for _, tt := range tests {
		got, err := ParseMonthDay(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseMonthDay(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err == nil && got.String() != tt.in {
			t.Errorf("MonthDay.String() = %q, want %q", got.String(), tt.in)
		}
	}
}
