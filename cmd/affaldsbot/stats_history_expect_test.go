package main

import (
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/historygen"
	"github.com/affaldsbot/affaldsbot/stats"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// expectedFigures works out from the generated history, independently of
// the storage, what the statistics must say.
func expectedFigures(h *historygen.History, cal *workcal.Calendar) *stats.Report {
	loc := cal.Location()
	p := workcal.Period{From: workcal.Date{Year: 2023, Month: 1, Day: 1}, To: workcal.Date{Year: 2025, Month: 12, Day: 31}}
	today := workcal.DateOf(time.Now(), loc)
	r := &stats.Report{Enquiries: stats.Counts{Mail: len(h.Mails), Phone: len(h.Calls), Total: len(h.Mails) + len(h.Calls)}}
	mailDays := stats.ActiveDays(p, h.Mails[0].Received, true, today, loc)
	phoneDays := stats.ActiveDays(p, h.Calls[0].TransferredAt, true, today, loc)
	mailRate := float64(len(h.Mails)) * 365.25 / float64(mailDays)
	phoneRate := float64(len(h.Calls)) * 365.25 / float64(phoneDays)
	r.PerYear.Mail, r.PerYear.Phone = stats.Round(mailRate, 1), stats.Round(phoneRate, 1)
	r.PerYear.Total = stats.Round(mailRate+phoneRate, 1) // from the unrounded rates
	var first, handled []float64
	for _, m := range h.Mails {
		if m.Reply == nil {
			r.Open.New++
			r.DeadlineBreaches++ // all long past their deadline
			continue
		}
		r.Open.Answered++
		first = append(first, cal.WorkingDuration(m.Received, m.Reply.Sent).Minutes())
	}
	for _, c := range h.Calls {
		if c.AnsweredAt != nil {
			handled = append(handled, c.EndedAt.Sub(*c.AnsweredAt).Minutes())
		}
	}
	r.FirstResponseMinutes = stats.ResponseMinutes{Median: stats.Round(stats.Median(first), 1), P90: stats.Round(stats.Percentile(first, 0.9), 1)}
	r.CallHandlingMinutes = stats.HandlingMinutes{Mean: stats.Round(stats.Mean(handled), 1), Median: stats.Round(stats.Median(handled), 1)}
	r.RepeatContactRate = stats.Round(float64(repeatMails(h))/float64(r.Enquiries.Total), 3)
	return r
}

// repeatMails counts the mails whose sender wrote within 14 × 24 hours
// before (calls all come from different numbers).
func repeatMails(h *historygen.History) int {
	n := 0
	for i, m := range h.Mails {
		for j := i - 1; j >= 0 && m.Received.Sub(h.Mails[j].Received) <= 14*24*time.Hour; j-- {
			if h.Mails[j].From == m.From {
				n++
				break
			}
		}
	}
	return n
}

func checkPilotFigures(t *testing.T, got, want *stats.Report) {
	t.Helper()
	if got.Enquiries != want.Enquiries {
		t.Errorf("enquiries = %+v, want %+v", got.Enquiries, want.Enquiries)
	}
	if got.PerYear != want.PerYear {
		t.Errorf("per_year = %+v, want %+v", got.PerYear, want.PerYear)
	}
	if got.Open != want.Open {
		t.Errorf("open = %+v, want %+v", got.Open, want.Open)
	}
	if got.FirstResponseMinutes != want.FirstResponseMinutes {
		t.Errorf("first_response_minutes = %+v, want %+v", got.FirstResponseMinutes, want.FirstResponseMinutes)
	}
	if got.CallHandlingMinutes != want.CallHandlingMinutes {
		t.Errorf("call_handling_minutes = %+v, want %+v", got.CallHandlingMinutes, want.CallHandlingMinutes)
	}
	if got.DeadlineBreaches != want.DeadlineBreaches || got.RepeatContactRate != want.RepeatContactRate {
		t.Errorf("breaches, repeat rate = %d, %v; want %d, %v", got.DeadlineBreaches, got.RepeatContactRate, want.DeadlineBreaches, want.RepeatContactRate)
	}
	checkPilotReport(t, got)
}

// checkPilotReport: the history is the pilot's — about 3,150 mails and 1,600
// calls a year, calls of 17–21 minutes — and every enquiry has a topic.
func checkPilotReport(t *testing.T, got *stats.Report) {
	t.Helper()
	if stats.Round(got.PerYear.Mail, -1) != 3150 || stats.Round(got.PerYear.Phone, -2) != 1600 {
		t.Errorf("per_year = %+v, want about 3,150 mails and 1,600 calls", got.PerYear)
	}
	if m := got.CallHandlingMinutes.Mean; m < 17 || m > 21 {
		t.Errorf("call handling mean = %v, want 17–21 minutes", m)
	}
	sum := 0
	for _, n := range got.ByTopic {
		sum += n
	}
	if sum != got.Enquiries.Total {
		t.Errorf("by_topic adds up to %d, want %d", sum, got.Enquiries.Total)
	}
}
