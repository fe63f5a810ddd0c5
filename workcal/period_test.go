package workcal

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/locale"
)

func period(from, to string) Period {
	a, errA := ParseDate(from)
	b, errB := ParseDate(to)
	if errA != nil || errB != nil {
		panic(from + ".." + to)
	}
	return Period{From: a, To: b}
}

func TestParsePeriod(t *testing.T) {
	friday := at(2025, 3, 14, 12, 0) // week 11, Monday 10 March
	tests := []struct {
		in   string
		now  time.Time
		want Period
	}{
		{"", friday, period("2025-03-01", "2025-03-14")},
		{"   ", friday, period("2025-03-01", "2025-03-14")},
		{"i dag", friday, period("2025-03-14", "2025-03-14")},
		{"IDAG", friday, period("2025-03-14", "2025-03-14")},
		{"  Today ", friday, period("2025-03-14", "2025-03-14")},
		{"i går", friday, period("2025-03-13", "2025-03-13")},
		{"I GÅR", friday, period("2025-03-13", "2025-03-13")},
		{"i ga\u030ar", friday, period("2025-03-13", "2025-03-13")}, // decomposed å
		{"igår", friday, period("2025-03-13", "2025-03-13")},
		{"yesterday", friday, period("2025-03-13", "2025-03-13")},
		{"denne uge", friday, period("2025-03-10", "2025-03-14")},
		{"this week", friday, period("2025-03-10", "2025-03-14")},
		{"sidste uge", friday, period("2025-03-03", "2025-03-09")},
		{"Sidste   Uge", friday, period("2025-03-03", "2025-03-09")},
		{"last week", friday, period("2025-03-03", "2025-03-09")},
		{"denne måned", friday, period("2025-03-01", "2025-03-14")},
		{"this month", friday, period("2025-03-01", "2025-03-14")},
		{"sidste måned", friday, period("2025-02-01", "2025-02-28")},
		{"last month", friday, period("2025-02-01", "2025-02-28")},
		{"i år", friday, period("2025-01-01", "2025-03-14")},
		{"this year", friday, period("2025-01-01", "2025-03-14")},
		{"sidste år", friday, period("2024-01-01", "2024-12-31")},
		{"last year", friday, period("2024-01-01", "2024-12-31")},
		{"2025", friday, period("2025-01-01", "2025-12-31")},
		{"2025 Q1", friday, period("2025-01-01", "2025-03-31")},
		{"Q1 2025", friday, period("2025-01-01", "2025-03-31")},
		{"2025-Q1", friday, period("2025-01-01", "2025-03-31")},
		{"2025 q2", friday, period("2025-04-01", "2025-06-30")},
		{"q3 2024", friday, period("2024-07-01", "2024-09-30")},
		{"2024 Q4", friday, period("2024-10-01", "2024-12-31")},
		{"2025-03", friday, period("2025-03-01", "2025-03-31")},
		{"2024-02", friday, period("2024-02-01", "2024-02-29")},
		{"2025-03-14", friday, period("2025-03-14", "2025-03-14")},
		{"2025-01-01..2025-03-31", friday, period("2025-01-01", "2025-03-31")},
		{"2025-01-01 .. 2025-03-31", friday, period("2025-01-01", "2025-03-31")},
		{"2025-03-14..2025-03-14", friday, period("2025-03-14", "2025-03-14")},
		{"2025-01..2025-03", friday, period("2025-01-01", "2025-03-31")},
		{"2023..2025", friday, period("2023-01-01", "2025-12-31")},
		// Around New Year.
		{"sidste måned", at(2026, 1, 15, 9, 0), period("2025-12-01", "2025-12-31")},
		{"denne uge", at(2026, 1, 15, 9, 0), period("2026-01-12", "2026-01-15")},
		{"i år", at(2026, 1, 15, 9, 0), period("2026-01-01", "2026-01-15")},
		{"sidste år", at(2026, 1, 15, 9, 0), period("2025-01-01", "2025-12-31")},
		{"sidste uge", at(2026, 1, 2, 9, 0), period("2025-12-22", "2025-12-28")},
		{"denne uge", at(2026, 1, 2, 9, 0), period("2025-12-29", "2026-01-02")},
		{"sidste uge", at(2026, 1, 5, 9, 0), period("2025-12-29", "2026-01-04")},
		{"i går", at(2026, 1, 1, 9, 0), period("2025-12-31", "2025-12-31")},
		{"", at(2026, 1, 1, 9, 0), period("2026-01-01", "2026-01-01")},
		{"i dag", time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC), period("2026-01-01", "2026-01-01")},
		// Weeks start on Monday and end on Sunday.
		{"denne uge", at(2025, 3, 10, 9, 0), period("2025-03-10", "2025-03-10")},
		{"denne uge", at(2025, 3, 16, 9, 0), period("2025-03-10", "2025-03-16")},
		{"sidste uge", at(2025, 3, 16, 9, 0), period("2025-03-03", "2025-03-09")},
	}
	for _, tt := range tests {
		got, err := ParsePeriod(tt.in, tt.now, cph)
		if err != nil {
			t.Errorf("ParsePeriod(%q, %v): %v", tt.in, tt.now, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParsePeriod(%q, %v) (-want +got):\n%s", tt.in, tt.now, diff)
		}
	}
}

func TestParsePeriodErrors(t *testing.T) {
	tests := []struct {
		in, mention string
	}{
		{"i morgen", `"i morgen" is not understood`},
		{"2025 Q5", `"2025 q5" is not understood`},
		{"2025-13", `"2025-13" is not understood`},
		{"2025-02-30", `"2025-02-30" is not understood`},
		{"Q1", `"q1" is not understood`},
		{"2025-01-01..morgen", `"morgen" is not understood`},
		{"..", `".." is not understood`},
		{"2025-03-01..2025-02-01", "ends before it starts"},
		{"2026..2025", "ends before it starts"},
	}
	for _, tt := range tests {
		_, err := ParsePeriod(tt.in, at(2025, 3, 14, 12, 0), cph)
		if affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
			t.Errorf("ParsePeriod(%q) error = %v, want code %s", tt.in, err, affaldsbot.EINVALID)
			continue
		}
		msg := affaldsbot.ErrorMessage(err)
		if !strings.Contains(msg, tt.mention) {
			t.Errorf("ParsePeriod(%q) message %q does not mention %q", tt.in, msg, tt.mention)
		}
		if strings.Contains(tt.mention, "not understood") && !strings.Contains(msg, "2025 Q1") {
			t.Errorf("ParsePeriod(%q) message %q does not list the accepted forms", tt.in, msg)
		}
	}
}

func TestPeriodBounds(t *testing.T) {
	tests := []struct {
		p          Period
		start, end time.Time
		days       int
		str        string
	}{
		{period("2025-01-01", "2025-03-31"), at(2025, 1, 1, 0, 0), at(2025, 4, 1, 0, 0), 90, "2025-01-01..2025-03-31"},
		{period("2025-03-30", "2025-03-30"), at(2025, 3, 30, 0, 0), at(2025, 3, 31, 0, 0), 1, "2025-03-30..2025-03-30"},
		{period("2024-12-31", "2025-01-01"), at(2024, 12, 31, 0, 0), at(2025, 1, 2, 0, 0), 2, "2024-12-31..2025-01-01"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.start, tt.p.Start(cph)); diff != "" {
			t.Errorf("%v Start (-want +got):\n%s", tt.p, diff)
		}
		if diff := cmp.Diff(tt.end, tt.p.End(cph)); diff != "" {
			t.Errorf("%v End (-want +got):\n%s", tt.p, diff)
		}
		if got := tt.p.Days(); got != tt.days {
			t.Errorf("%v Days() = %d, want %d", tt.p, got, tt.days)
		}
		if got := tt.p.String(); got != tt.str {
			t.Errorf("String() = %q, want %q", got, tt.str)
		}
	}
	// The day the clocks go forward has 23 hours.
	p := period("2025-03-30", "2025-03-30")
	if got := p.End(cph).Sub(p.Start(cph)); got != 23*time.Hour {
		t.Errorf("2025-03-30 lasts %v, want 23h", got)
	}
}

func TestPeriodContains(t *testing.T) {
	p := period("2025-01-01", "2025-03-31")
	tests := []struct {
		t    time.Time
		want bool
	}{
		{at(2025, 1, 1, 0, 0), true},
		{at(2025, 3, 31, 23, 59), true},
		{at(2025, 4, 1, 0, 0), false},
		{at(2024, 12, 31, 23, 59), false},
		{time.Date(2024, 12, 31, 23, 30, 0, 0, time.UTC), true}, // 00:30 in Copenhagen
	}
	for _, tt := range tests {
		if got := p.Contains(tt.t, cph); got != tt.want {
			t.Errorf("Contains(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
}

func TestNewPeriod(t *testing.T) {
	if _, err := NewPeriod(Date{2025, 3, 2}, Date{2025, 3, 1}); affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
		t.Errorf("NewPeriod(to before from) error = %v, want %s", err, affaldsbot.EINVALID)
	}
	p, err := NewPeriod(Date{2025, 3, 1}, Date{2025, 3, 1})
	if err != nil || p.Days() != 1 {
		t.Errorf("NewPeriod(one day) = %v, %v", p, err)
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"", "i dag", "sidste uge", "sidste måned", "2025", "2025 Q1", "q4 2024",
		"2025-03", "2025-01-01..2025-03-31", "2025-01 .. 2025", "..", "2025-02-30", "0000-01-01"} {
		f.Add(s, int64(1767225600)) // 2026-01-01
	}
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		const span = 200 * 365 * 24 * 60 * 60 // now within 1970–2170
		now := time.Unix((unix%span+span)%span, 0)
		p, err := ParsePeriod(s, now, cph)
		if err != nil {
			if affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
				t.Fatalf("ParsePeriod(%q) error without code EINVALID: %v", s, err)
			}
			return
		}
		if p.To.Before(p.From) {
			t.Fatalf("ParsePeriod(%q) = %v, ends before it starts", s, p)
		}
		again, err := ParsePeriod(p.String(), now, cph)
		if err != nil || again != p {
			t.Fatalf("ParsePeriod(%q) = %v, which reads back as %v, %v", s, p, again, err)
		}
	})
}

// TestPeriodRefusedInTheAdvisersLanguage: a Danish adviser reads the refusal
// and the forms in Danish, an English one in English only.
func TestPeriodRefusedInTheAdvisersLanguage(t *testing.T) {
	_, err := ParsePeriod("i morgen", at(2025, 3, 14, 12, 0), cph)
	da, okDA := locale.NewPrinter(locale.Danish).Error(err)
	en, okEN := locale.NewPrinter(locale.English).Error(err)
	if !okDA || !strings.Contains(da, "forstås ikke") || !strings.Contains(da, "sidste måned") {
		t.Errorf("Danish: %q", da)
	}
	if !okEN || !strings.Contains(en, "last month") || strings.ContainsAny(en, "æøå") {
		t.Errorf("English: %q", en)
	}
}
