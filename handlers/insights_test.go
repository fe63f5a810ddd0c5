package handlers_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/answers"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// teamDirectory: leads are leads, advisers advisers.
type teamDirectory struct{ leads, advisers []string }

func (d teamDirectory) IsAdviser(_ context.Context, u string) (bool, error) {
	return slices.Contains(d.advisers, u), nil
}
func (d teamDirectory) IsLead(_ context.Context, u string) (bool, error) {
	return slices.Contains(d.leads, u), nil
}
func (d teamDirectory) Leads(context.Context) ([]string, error) { return d.leads, nil }

// insightsSlack records the weekly reports; failures makes the next fail.
type insightsSlack struct {
	callSlack
	mu       sync.Mutex
	sent     map[string][]*handlers.WeeklyInsights
	failures atomic.Int32
}

func (s *insightsSlack) PostInsights(_ context.Context, lead string, w *handlers.WeeklyInsights) error {
	if s.failures.Add(-1) >= 0 {
		return errors.New("slack is down")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent[lead] = append(s.sent[lead], w)
	return nil
}

func (s *insightsSlack) count(lead string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sent[lead])
}

// TestWeeklyInsightsGoToEachLeadOncePerWeek: nothing before Monday 08:00;
// then each lead gets the report of the previous Monday to Sunday once,
// however many runs at once; a report that could not be sent is sent by
// the next run; the next week brings the next report.
func TestWeeklyInsightsGoToEachLeadOncePerWeek(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newDigestEnv(t, db)
		slack := &insightsSlack{sent: map[string][]*handlers.WeeklyInsights{}}
		env.svc.Slack = slack
		env.svc.Leads = teamDirectory{leads: []string{"ULEAD1", "ULEAD2"}}
		env.svc.Settings.Insights = &handlers.Schedule{Day: time.Monday, Hour: 8}
		for i, subject := range []string{"Pizzabakke med fedt", "Fedtet pizzabakke", "Pizzabakke fedtet pap"} {
			env.mailReceived(t, "2026-12-0"+string(rune('1'+i))+"T10:00:00+01:00", subject)
		}
		ctx := context.Background()
		run := func() error { return env.svc.WeeklyInsights(ctx, handlers.InsightsArgs{}) }
		env.at("2026-12-07T07:59:00+01:00")
		if err := run(); err != nil || slack.count("ULEAD1") != 0 {
			t.Fatalf("before Monday 08:00: %v, %d reports", err, slack.count("ULEAD1"))
		}
		env.at("2026-12-07T08:00:00+01:00")
		slack.failures.Store(1) // the first lead's report fails once
		if err := run(); err == nil {
			t.Error("a report that failed: want the run to fail")
		}
		twice(t, run)
		twice(t, run)
		if a, b := slack.count("ULEAD1"), slack.count("ULEAD2"); a != 1 || b != 1 {
			t.Fatalf("reports %d and %d after five runs, want one each", a, b)
		}
		w := slack.sent["ULEAD2"][0]
		if w.Week != "2026-W50" || w.Report.From.String() != "2026-11-30" || w.Report.To.String() != "2026-12-06" || w.Report.Enquiries != 3 {
			t.Errorf("report %s of %s..%s with %d enquiries", w.Week, w.Report.From, w.Report.To, w.Report.Enquiries)
		}
		env.at("2026-12-09T12:00:00+01:00")
		twice(t, run)
		env.at("2026-12-14T09:00:00+01:00")
		twice(t, run)
		if n := slack.count("ULEAD1"); n != 2 {
			t.Errorf("%d reports after two Mondays, want 2", n)
		}
	})
}

// TestMarkGapIsForLeadsAndOncePerPress: an adviser is refused and nothing
// is stored; a lead's press records the gap once, however often delivered.
func TestMarkGapIsForLeadsAndOncePerPress(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		svc, _, _ := newCallService(t, db)
		svc.Directory = teamDirectory{leads: []string{"ULEAD"}, advisers: []string{"UADV"}}
		ctx := context.Background()
		_, err := svc.MarkGap(ctx, "UADV", "Pizzabakker", []int64{1, 2}, handlers.ActionOrigin("insights_gap", "1.1", "2.1"))
		if affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Errorf("adviser: %v, want EFORBIDDEN", err)
		}
		for range 2 {
			if _, err := svc.MarkGap(ctx, "ULEAD", "Pizzabakker", []int64{1, 2}, handlers.ActionOrigin("insights_gap", "1.1", "3.1")); err != nil {
				t.Fatal(err)
			}
		}
		gaps, err := db.GuidanceGaps(ctx)
		if err != nil || len(gaps) != 1 || gaps[0].Question != "Pizzabakker" || gaps[0].MarkedBy != "ULEAD" || len(gaps[0].EnquiryIDs) != 2 {
			t.Errorf("gaps %+v, %v; want one by ULEAD", gaps, err)
		}
	})
}

// TestWeeklyInsightsSuggestANewStandardAnswer: the week's report says which
// recurring question no standard answer covers, with its enquiries, and
// not the one the pap answer covers.
func TestWeeklyInsightsSuggestANewStandardAnswer(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newDigestEnv(t, db)
		slack := &insightsSlack{sent: map[string][]*handlers.WeeklyInsights{}}
		env.svc.Slack, env.svc.Answers = slack, answers.Builtin()
		env.svc.Leads = teamDirectory{leads: []string{"ULEAD1"}}
		env.svc.Settings.Insights = &handlers.Schedule{Day: time.Monday, Hour: 8}
		for i, subject := range []string{"Pizzabakke med fedt", "Fedtet pizzabakke", "Pizzabakke fedtet pap",
			"Juletræ efter jul", "Hvor med juletræ efter jul", "Juletræ i gården efter jul"} {
			env.mailReceived(t, fmt.Sprintf("2026-12-0%dT1%d:00:00+01:00", 1+i%5, i), subject)
		}
		env.at("2026-12-07T08:00:00+01:00")
		if err := env.svc.WeeklyInsights(context.Background(), handlers.InsightsArgs{}); err != nil {
			t.Fatal(err)
		}
		if slack.count("ULEAD1") != 1 {
			t.Fatalf("%d reports, want 1", slack.count("ULEAD1"))
		}
		w := slack.sent["ULEAD1"][0]
		if len(w.Report.NewAnswers) != 1 || len(w.Report.NewAnswers[0].Enquiries) != 3 {
			t.Fatalf("suggested %+v, want the one question of three enquiries", w.Report.NewAnswers)
		}
		_, section, _ := strings.Cut(handlers.InsightsText(w), "Forslag til nye standardsvar")
		section, _, _ = strings.Cut(section, "\n\n")
		if !strings.Contains(strings.ToLower(section), "juletræ") || strings.Contains(strings.ToLower(section), "pizza") {
			t.Errorf("suggestions:\n%s\nwant the Christmas trees only", section)
		}
		for _, id := range w.Report.NewAnswers[0].Enquiries {
			if !strings.Contains(section, "#"+strconv.FormatInt(id, 10)) {
				t.Errorf("suggestions:\n%s\nlack #%d", section, id)
			}
		}
	})
}
