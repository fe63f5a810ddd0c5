package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// Source is what statistics read; *storage.DB implements it.
type Source interface {
	// RefreshStatsFacts brings the stored per-enquiry facts up to date.
	RefreshStatsFacts(ctx context.Context, rules storage.FactsRules) (int, error)
	// StatsSummary counts the enquiries received in [from, to).
	StatsSummary(ctx context.Context, from, to, now time.Time) (*storage.StatsSummary, error)
	// ResponseRanks and HandlingRanks return sorted values at given ranks.
	ResponseRanks(ctx context.Context, from, to time.Time, ranks []int) (map[int]storage.Ranked, error)
	HandlingRanks(ctx context.Context, from, to time.Time, ranks []int) (map[int]storage.Ranked, error)
	// HandlingTimes returns the period's handling times, oldest first.
	HandlingTimes(ctx context.Context, from, to time.Time) ([]storage.Ranked, error)
	// StatsRows returns the enquiries received in [from, to).
	StatsRows(ctx context.Context, from, to time.Time, mailWithoutDeadline bool) ([]storage.StatsRow, error)
	// ChannelStarts returns each channel's first enquiry ever.
	ChannelStarts(ctx context.Context) (map[affaldsbot.Channel]time.Time, error)
	// AdviserTallies counts claimed and answered events in [from, to).
	AdviserTallies(ctx context.Context, from, to time.Time) (map[string]storage.AdviserTally, error)
	// CSATTallies counts the rating links of sent replies by topic and
	// channel; CSATRatings is each rated enquiry's latest rating.
	CSATTallies(ctx context.Context, from, to time.Time) ([]storage.CSATTally, error)
	CSATRatings(ctx context.Context, from, to time.Time) (map[int64]int, error)
	// ForwardTally counts forwards by destination, AnswerUses the standard
	// answers used by name, both of the enquiries received in [from, to).
	ForwardTally(ctx context.Context, from, to time.Time) (map[string]int, error)
	AnswerUses(ctx context.Context, from, to time.Time) (map[string]int, error)
}

// Options change what Compute adds besides the docs/statistics.md figures.
type Options struct {
	// DeadlineDays is the answer deadline in working days for mail stored
	// without one (docs/lifecycle.md: 10).
	DeadlineDays int
	Rows         bool // keep the per-enquiry rows (CSV export)
	Weekly       bool // compute the weekly series (chart)
}

// Compute reads the enquiries of period p (days in cal's location) and
// computes the report as it stands at now. It first brings the stored
// per-enquiry facts up to date (those of enquiries changed since the last
// statistics, or all of them under another calendar), then counts in the
// database.
func Compute(ctx context.Context, src Source, p workcal.Period, cal *workcal.Calendar, now time.Time, opts Options) (*Report, error) {
	if opts.DeadlineDays <= 0 {
		opts.DeadlineDays = 10
	}
	loc := cal.Location()
	q := query{src: src, from: p.Start(loc), to: p.End(loc), cal: cal, now: now, days: opts.DeadlineDays}
	rules := storage.FactsRules{Calendar: CalendarKey(cal), Working: cal.WorkingDuration}
	if _, err := src.RefreshStatsFacts(ctx, rules); err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	r, err := q.report(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	if !opts.Rows && !opts.Weekly {
		return r, nil
	}
	stored, err := src.StatsRows(ctx, q.from, q.to, false)
	if err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	rows := derive(stored, cal, now, opts.DeadlineDays)
	if err := ratingsOf(ctx, src, rows, q.from, q.to); err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	if opts.Weekly {
		r.Weekly = weekly(rows, p, loc)
	}
	if opts.Rows {
		r.Rows = rows
	}
	return r, nil
}

// query is one period's statistics being read.
type query struct {
	src      Source
	from, to time.Time
	cal      *workcal.Calendar
	now      time.Time
	days     int
}

func (q *query) report(ctx context.Context, p workcal.Period) (*Report, error) {
	sum, err := q.src.StatsSummary(ctx, q.from, q.to, q.now)
	if err != nil {
		return nil, err
	}
	r := fromSummary(sum, p, q.now)
	if r.DeadlineBreaches, err = q.breaches(ctx, sum); err != nil {
		return nil, err
	}
	if r.FirstResponseMinutes, err = q.responses(ctx, sum.Responses); err != nil {
		return nil, err
	}
	if r.CallHandlingMinutes, err = q.handling(ctx, sum); err != nil {
		return nil, err
	}
	starts, err := q.src.ChannelStarts(ctx)
	if err != nil {
		return nil, err
	}
	r.Responded, r.Handled = sum.Responses, sum.Handled
	r.PerYear, r.PerYearDays = perYear(r.Enquiries, p, starts, workcal.DateOf(q.now, q.cal.Location()), q.cal.Location())
	if r.ByAdviser, err = q.src.AdviserTallies(ctx, q.from, q.to); err != nil {
		return nil, err
	}
	if r.ByAdviser == nil {
		r.ByAdviser = map[string]storage.AdviserTally{}
	}
	if r.CSAT, err = q.csat(ctx); err != nil {
		return nil, err
	}
	if err := q.tools(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// breaches adds to the stored deadlines' breaches those of mail whose
// deadline is computed from the calendar.
func (q *query) breaches(ctx context.Context, sum *storage.StatsSummary) (int, error) {
	n := sum.Breaches
	if sum.MailWithoutDeadline == 0 {
		return n, nil
	}
	rows, err := q.src.StatsRows(ctx, q.from, q.to, true)
	if err != nil {
		return 0, err
	}
	for _, r := range derive(rows, q.cal, q.now, q.days) {
		if r.Breached {
			n++
		}
	}
	return n, nil
}
