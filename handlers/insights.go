package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/insights"
	"github.com/affaldsbot/affaldsbot/redact"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// InsightsArgs sends the weekly insights report to the team leads once the
// week's INSIGHTS_REPORT time has passed. It runs every minute
// (jobs.Periodic).
type InsightsArgs struct{}

func (InsightsArgs) Kind() string { return "weekly_insights" }

// Schedule is a weekday and a time of day in the calendar's zone.
type Schedule struct {
	Day          time.Weekday
	Hour, Minute int
}

// WeeklyInsights is the report a team lead gets: what citizens struggled
// with in the seven days before the report's day, against the seven before
// those, as `affaldsbot insights` prints it.
type WeeklyInsights struct {
	Week   string // ISO week of the report's day, "2026-W49"
	Report *insights.Report
	Lang   string
	// Roots are the threads of the enquiries the report names, where they
	// have one, so the report can link to them.
	Roots map[int64]ThreadRef
}

// ThreadRef is where an enquiry's thread is: its channel and root message.
type ThreadRef struct{ Channel, TS string }

// LeadDirectory lists the team leads (SLACK_LEADS, user groups resolved).
type LeadDirectory interface {
	Leads(ctx context.Context) ([]string, error)
}

// WeeklyInsights sends the week's report to every lead once. Each lead's
// report is claimed in the database before it is sent, so several replicas
// (or two runs at once) send it once; one that could not be sent is
// released, and the next run tries again.
func (s *Service) WeeklyInsights(ctx context.Context, _ InsightsArgs) error {
	if s.Leads == nil || s.Slack == nil || s.Settings.Insights == nil {
		return nil
	}
	week, period, due := s.insightsDue(s.DB.Now())
	if !due {
		return nil
	}
	leads, err := s.Leads.Leads(ctx)
	if err != nil {
		return err
	}
	var w *WeeklyInsights
	var errs []error
	for _, lead := range leads {
		won, err := s.DB.ClaimInsights(ctx, week, lead)
		if err != nil || !won {
			errs = append(errs, err)
			continue
		}
		if w == nil {
			w, err = s.weeklyReport(ctx, week, period)
		}
		if err == nil {
			err = s.postInsights(ctx, lead, w)
		}
		if err != nil {
			errs = append(errs, s.releaseInsights(ctx, week, lead, err))
		}
	}
	return errors.Join(errs...)
}

func (s *Service) releaseInsights(ctx context.Context, week, lead string, err error) error {
	if rerr := s.DB.ReleaseInsights(context.WithoutCancel(ctx), week, lead); rerr != nil {
		return fmt.Errorf("insights report %s: %w (and %v)", week, err, rerr)
	}
	return fmt.Errorf("insights report %s: %w", week, err)
}

// insightsDue says whether this week's report is due at now: the week's
// report day and time have passed. The report covers the seven days
// before the report's day.
func (s *Service) insightsDue(now time.Time) (week string, p workcal.Period, due bool) {
	sch := *s.Settings.Insights
	loc := s.calendar().Location()
	today := workcal.DateOf(now, loc)
	monday := today.AddDays(-int((today.Weekday() + 6) % 7))
	day := monday.AddDays(int((sch.Day + 6) % 7))
	at := time.Date(day.Year, day.Month, day.Day, sch.Hour, sch.Minute, 0, 0, loc)
	y, w := day.In(time.UTC).ISOWeek()
	p = workcal.Period{From: day.AddDays(-7), To: day.AddDays(-1)}
	return fmt.Sprintf("%d-W%02d", y, w), p, !now.Before(at)
}

// weeklyReport analyses the period as `affaldsbot insights` does.
func (s *Service) weeklyReport(ctx context.Context, week string, p workcal.Period) (*WeeklyInsights, error) {
	in, err := insights.Load(ctx, s.DB, p, s.calendar().Location(), s.guidanceScore)
	if err != nil {
		return nil, err
	}
	if in.Answers, err = s.InsightAnswers(ctx); err != nil {
		return nil, err
	}
	r := insights.Analyse(in, insights.Options{})
	scrubSubjects(r)
	roots, err := s.threadsOf(ctx, r)
	if err != nil {
		return nil, err
	}
	return &WeeklyInsights{Week: week, Report: r, Lang: s.Settings.Lang, Roots: roots}, nil
}

// InsightAnswers are the standard answers on offer, as the analysis reads
// them: each one's title and Danish and English texts.
func (s *Service) InsightAnswers(ctx context.Context) ([]insights.StandardAnswer, error) {
	list, err := s.StandardAnswers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]insights.StandardAnswer, len(list))
	for i, a := range list {
		out[i] = insights.StandardAnswer{Name: a.Name, Text: a.Title + "\n" + a.Body + "\n" + a.BodyEN}
	}
	return out, nil
}

// threadsOf finds the threads of the enquiries the report names.
func (s *Service) threadsOf(ctx context.Context, r *insights.Report) (map[int64]ThreadRef, error) {
	var ids []int64
	for _, q := range r.Recurring {
		ids = append(ids, q.Enquiries...)
	}
	for _, p := range r.Poorly {
		ids = append(ids, p.Enquiry)
	}
	for _, h := range r.Repeats {
		ids = append(ids, h.Enquiries...)
	}
	for _, x := range r.LowestRated {
		ids = append(ids, x.Enquiry)
	}
	roots := map[int64]ThreadRef{}
	for _, id := range ids {
		if _, done := roots[id]; done {
			continue
		}
		ref, ok, err := s.DB.SlackRef(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok && ref.RootTS != "" {
			roots[id] = ThreadRef{Channel: ref.Channel, TS: ref.RootTS}
		}
	}
	return roots, nil
}

// scrubSubjects takes CPR numbers, phone numbers and e-mail addresses out
// of the citizens' subjects the report quotes: the direct messages it is
// sent in outlive an erasure of the enquiries.
func scrubSubjects(r *insights.Report) {
	for _, list := range [][]insights.Recurring{r.Recurring, r.NewAnswers} {
		for i := range list {
			q := &list[i]
			q.Question = redact.Scrub(q.Question)
			for j := range q.Examples {
				q.Examples[j] = redact.Scrub(q.Examples[j])
			}
		}
	}
	for i := range r.Poorly {
		r.Poorly[i].Subject = redact.Scrub(r.Poorly[i].Subject)
	}
	for i := range r.LowestRated {
		r.LowestRated[i].Subject = redact.Scrub(r.LowestRated[i].Subject)
	}
}

// guidanceScore is the best guidance passage's search score for a
// question; no passage at all is the lowest score.
func (s *Service) guidanceScore(q string) (float64, bool) {
	if s.Guidance == nil {
		return 0, false
	}
	hits, err := s.Guidance.Search(q, 1)
	if err != nil || len(hits) == 0 {
		return 0, err == nil
	}
	return hits[0].Score, true
}

func (s *Service) postInsights(ctx context.Context, lead string, w *WeeklyInsights) error {
	return s.Slack.PostInsights(ctx, lead, w)
}

// InsightsText is the report as `affaldsbot insights` prints it.
func InsightsText(w *WeeklyInsights) string {
	var b strings.Builder
	_ = insights.WriteText(&b, w.Report, w.Lang) // a strings.Builder does not fail
	return b.String()
}

// MarkGap records, for a team lead, a recurring question of the report as a
// gap in the sorting guidance (`affaldsbot guidance gaps` lists it). The
// press of the button (origin) is acted on once.
func (s *Service) MarkGap(ctx context.Context, user, question string, enquiries []int64, origin Origin) (*storage.GuidanceGap, error) {
	if lead, err := s.isLead(ctx, user); err != nil {
		return nil, err
	} else if !lead {
		return nil, affaldsbot.NewError(affaldsbot.EFORBIDDEN, "not_lead")
	}
	if question == "" {
		return nil, affaldsbot.NewError(affaldsbot.EINVALID, "gap_no_question")
	}
	g := &storage.GuidanceGap{Question: question, EnquiryIDs: enquiries, MarkedBy: user}
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		if _, err := repeated(ctx, tx, origin); err != nil {
			return err
		}
		if err := tx.InsertGuidanceGap(ctx, g); err != nil {
			return err
		}
		if first, err := tx.RecordInput(ctx, origin, 0); err != nil || !first {
			if err == nil {
				err = errRepeat
			}
			return err
		}
		return nil
	})
	if errors.Is(err, errRepeat) {
		return nil, nil
	}
	if err == nil {
		s.Log.LogAttrs(ctx, slog.LevelInfo, "guidance gap marked", slog.Int64("gap", g.ID), slog.Int("enquiries", len(enquiries)))
	}
	return g, err
}

func (s *Service) isLead(ctx context.Context, user string) (bool, error) {
	if s.Directory == nil || user == "" {
		return false, nil
	}
	return s.Directory.IsLead(ctx, user)
}
