package stats

import (
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/workcal"
)

func TestMedianAndPercentile(t *testing.T) {
	tests := []struct {
		name             string
		xs               []float64
		median, p90, avg float64
	}{
		{"none", nil, 0, 0, 0},
		{"one", []float64{7}, 7, 7, 7},
		{"odd count", []float64{3, 1, 2}, 2, 2.8, 2},
		{"even count takes the mean of the middle two", []float64{4, 1, 3, 2}, 2.5, 3.7, 2.5},
		{"ten values", []float64{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, 55, 91, 55},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Median(tt.xs); !near(got, tt.median) {
				t.Errorf("Median = %v, want %v", got, tt.median)
			}
			if got := Percentile(tt.xs, 0.9); !near(got, tt.p90) {
				t.Errorf("Percentile(0.9) = %v, want %v", got, tt.p90)
			}
			if got := Mean(tt.xs); !near(got, tt.avg) {
				t.Errorf("Mean = %v, want %v", got, tt.avg)
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestRound(t *testing.T) {
	tests := []struct {
		x        float64
		decimals int
		want     float64
	}{
		{12.34, 1, 12.3}, {12.35, 1, 12.4}, {0.12345, 3, 0.123}, {3149.96, 1, 3150}, {-1.25, 1, -1.3},
	}
	for _, tt := range tests {
		if got := Round(tt.x, tt.decimals); got != tt.want {
			t.Errorf("Round(%v, %d) = %v, want %v", tt.x, tt.decimals, got, tt.want)
		}
	}
}

func TestActiveDaysAndAnnualise(t *testing.T) {
	loc := workcal.Default().Location()
	d := func(s string) workcal.Date {
		x, err := workcal.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	at := func(s string) time.Time { return d(s).In(loc).Add(10 * time.Hour) }
	three := workcal.Period{From: d("2023-01-01"), To: d("2025-12-31")}
	tests := []struct {
		name  string
		p     workcal.Period
		first time.Time
		has   bool
		today workcal.Date
		want  int
	}{
		{"whole period", three, at("2020-05-01"), true, d("2026-03-20"), 1096},
		{"a line opened in June counts from June", three, at("2023-06-01"), true, d("2026-03-20"), 945},
		{"a period running on counts to today", workcal.Period{From: d("2026-01-01"), To: d("2026-12-31")}, at("2023-02-01"), true, d("2026-03-20"), 79},
		{"first enquiry late in the evening of its local day", three, d("2023-06-01").In(loc).Add(23*time.Hour + 30*time.Minute), true, d("2026-03-20"), 945},
		{"no enquiries ever", three, time.Time{}, false, d("2026-03-20"), 0},
		{"line opened after the period", workcal.Period{From: d("2022-01-01"), To: d("2022-12-31")}, at("2023-06-01"), true, d("2026-03-20"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ActiveDays(tt.p, tt.first, tt.has, tt.today, loc); got != tt.want {
				t.Errorf("ActiveDays = %d, want %d", got, tt.want)
			}
		})
	}
	if got := Round(Annualise(9200, 1065), 1); got != 3155.2 {
		t.Errorf("Annualise(9200, 1065) = %v, want 3155.2", got)
	}
	if got := Annualise(5, 0); got != 0 {
		t.Errorf("Annualise over no days = %v, want 0", got)
	}
}
