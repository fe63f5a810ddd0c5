package stats

import (
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

func TestNumbersInDanishAndEnglish(t *testing.T) {
	for _, tc := range []struct {
		x        float64
		decimals int
		da, en   string
	}{
		{45.14, 1, "45,1", "45.1"},
		{3652.5, 1, "3.652,5", "3,652.5"},
		{1234567, 0, "1.234.567", "1,234,567"},
		{999, 0, "999", "999"},
		{0, 1, "0,0", "0.0"},
		{-0.01, 1, "0,0", "0.0"},
		{-1500, 0, "−1.500", "−1,500"},
	} {
		if got := (Style{Lang: "da"}).Number(tc.x, tc.decimals); got != tc.da {
			t.Errorf("da Number(%v, %d) = %q, want %q", tc.x, tc.decimals, got, tc.da)
		}
		if got := (Style{Lang: "en"}).Number(tc.x, tc.decimals); got != tc.en {
			t.Errorf("en Number(%v, %d) = %q, want %q", tc.x, tc.decimals, got, tc.en)
		}
	}
}

// dayReport is one day's ten mails, nothing answered, one adviser with a
// name and one without.
func dayReport() *Report {
	day := workcal.Date{Year: 2026, Month: 12, Day: 3}
	r := &Report{From: day, To: day, GeneratedAt: time.Date(2026, 12, 3, 16, 4, 0, 0, time.UTC),
		Enquiries: Counts{Total: 10, Mail: 10}, PerYear: PerYear{Mail: 3652.5, Total: 3652.5}, PerYearDays: 1,
		ByTopic:   map[affaldsbot.Topic]int{affaldsbot.TopicStortIndbo: 4, affaldsbot.TopicSortering: 6},
		ByAdviser: map[string]storage.AdviserTally{"U0ADV1": {Claimed: 2}, "U0ADV2": {Claimed: 1}},
		Open:      Open{New: 7, Claimed: 3}, RepeatContactRate: 0.1}
	for _, tp := range affaldsbot.Topics {
		r.ByTopic[tp] += 0
	}
	return r
}

func writeText(t *testing.T, r *Report, st Style) string {
	t.Helper()
	var b strings.Builder
	if err := WriteText(&b, r, st); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func copenhagen(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestTextIsDanish(t *testing.T) {
	names := map[string]string{"U0ADV1": "Ida Holm"}
	got := writeText(t, dayReport(), Style{Lang: "da", Location: copenhagen(t), Name: func(u string) string { return names[u] }})
	for _, want := range []string{
		"(dannet 3. dec. 2026 kl. 17:04)", // local time, not UTC
		"Stort indbo", "Sortering",        // labels, not keys
		"Ida Holm", "U0ADV2", // a name where known, else the ID
		"10,0 %",                                             // decimal comma
		"median –, 90 %-fraktil –", "gennemsnit –, median –", // nothing measured
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q:\n%s", want, got)
		}
	}
	for _, bad := range []string{"stort_indbo", "3652", "3.652", "0.0 min", "0,0 min", "UTC", "U0ADV1"} {
		if strings.Contains(got, bad) {
			t.Errorf("text has %q:\n%s", bad, got)
		}
	}
}

func TestTextIsEnglish(t *testing.T) {
	r := dayReport()
	r.From = workcal.Date{Year: 2025, Month: 1, Day: 1}
	r.PerYearDays, r.PerYear = 365, PerYear{Mail: 12345.6, Total: 12345.6}
	r.Responded, r.FirstResponseMinutes = 3, ResponseMinutes{Median: 45.14, P90: 1234.5}
	got := writeText(t, r, Style{Lang: "en", Location: copenhagen(t)})
	for _, want := range []string{"(generated 3 Dec 2026 17:04)", "12,345.6", "median 45.1 min, 90th percentile 1,234.5 min", "Bulky waste", "10.0 %"} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q:\n%s", want, got)
		}
	}
}

func TestPerYearOnlyForThirtyDays(t *testing.T) {
	r := dayReport()
	for days, shown := range map[int]bool{1: false, 29: false, 30: true, 365: true} {
		r.PerYearDays = days
		got := writeText(t, r, Style{Lang: "da"})
		if strings.Contains(got, "3.652,5") != shown {
			t.Errorf("%d days: per year shown = %v, want %v:\n%s", days, !shown, shown, got)
		}
	}
}

func TestPerYearTotalFromUnroundedRates(t *testing.T) {
	// One mail and one call over three days: 121.75 a year each, which
	// rounds to 121.8; the total is 243.5, not 121.8 + 121.8.
	p := workcal.Period{From: workcal.Date{Year: 2026, Month: 3, Day: 2}, To: workcal.Date{Year: 2026, Month: 3, Day: 4}}
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	starts := map[affaldsbot.Channel]time.Time{affaldsbot.ChannelMail: start, affaldsbot.ChannelPhone: start}
	got, days := perYear(Counts{Total: 2, Mail: 1, Phone: 1}, p, starts, workcal.Date{Year: 2026, Month: 4, Day: 1}, time.UTC)
	if got != (PerYear{Mail: 121.8, Phone: 121.8, Total: 243.5}) || days != 3 {
		t.Errorf("perYear = %+v over %d days; want 121.8 + 121.8 = 243.5 over 3", got, days)
	}
}

func TestEmptyChartSaysNoData(t *testing.T) {
	monday := workcal.Date{Year: 2026, Month: 11, Day: 30}
	r := &Report{Weekly: []Week{{Monday: monday}, {Monday: monday.AddDays(7)}}}
	counts, first, err := chartPlots(r, "da")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		name string
		min  float64
		max  float64
		text string
	}{{"counts", counts.Y.Min, counts.Y.Max, counts.Title.Text}, {"first response", first.Y.Min, first.Y.Max, first.Title.Text}} {
		if p.min != 0 || p.max <= 0 {
			t.Errorf("%s: y axis %v..%v, want from 0 up", p.name, p.min, p.max)
		}
		if !strings.Contains(p.text, "ingen data") {
			t.Errorf("%s: title %q does not say \"ingen data\"", p.name, p.text)
		}
	}
	if _, err := Chart(r, "da"); err != nil {
		t.Errorf("Chart of an empty period: %v", err)
	}
	// With data, the axis follows the data and says nothing of its absence.
	h := 1.5
	r.Weekly[0].Mail, r.Weekly[0].FirstResponseHours = 3, &h
	counts, _, _ = chartPlots(r, "da")
	if counts.Y.Max != 3 || strings.Contains(counts.Title.Text, "ingen data") {
		t.Errorf("counts with data: y max %v, title %q", counts.Y.Max, counts.Title.Text)
	}
}

func TestChartTicksUseDecimalComma(t *testing.T) {
	ticks := localTicks{Style{Lang: "da"}}.Ticks(0, 1)
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	joined := strings.Join(labels, " ")
	if !strings.Contains(joined, ",5") || strings.Contains(joined, ".") {
		t.Errorf("tick labels %q; want decimal commas", joined)
	}
}
