package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// DigestArgs posts the daily digest in the default channel once the day's
// DIGEST_TIME has passed. It runs every minute (jobs.Periodic).
type DigestArgs struct{}

func (DigestArgs) Kind() string { return "daily_digest" }

// Digest is what the daily digest shows: the figures since the previous
// working day began, the open queue, and the mail enquiries due within the
// next working day (overdue ones included).
type Digest struct {
	Day     workcal.Date // the day of the digest
	Since   workcal.Date // first day counted: the previous working day
	Figures storage.DayFigures
	Ratings storage.DayRatings // ratings citizens gave or changed in the same days
	Due     []storage.DeadlineItem
	// Callbacks are the booked call-backs whose time passed without an
	// attempt logged.
	Callbacks []storage.OverdueCallback
	Now       time.Time
	Lang      string
	Loc       *time.Location
}

// maxDigestDue bounds the list of enquiries near their deadline.
const maxDigestDue = 15

// DailyDigest posts the day's digest once, on working days, when
// Settings.DigestTime has passed. The day is claimed in the database before
// posting, so several replicas (or two runs at once) post it once; a digest
// that could not be posted is released, and the next run tries again.
func (s *Service) DailyDigest(ctx context.Context, _ DigestArgs) error {
	now := s.DB.Now()
	day, due := s.digestDue(now)
	channel := s.Routes.Default
	if !due || channel == "" || s.Slack == nil {
		return nil
	}
	won, err := s.DB.ClaimDigest(ctx, day.String())
	if err != nil || !won {
		return err
	}
	d, err := s.buildDigest(ctx, day, now)
	if err == nil {
		err = s.postDigest(ctx, channel, d)
	}
	if err != nil {
		if rerr := s.DB.ReleaseDigest(context.WithoutCancel(ctx), day.String()); rerr != nil {
			return fmt.Errorf("digest of %s: %w (and %v)", day, err, rerr)
		}
		return fmt.Errorf("digest of %s: %w", day, err)
	}
	return nil
}

func (s *Service) calendar() *workcal.Calendar {
	if s.Calendar != nil {
		return s.Calendar
	}
	return workcal.Default()
}

// digestDue says whether the digest of now's day is due: a working day and
// Settings.DigestTime passed.
func (s *Service) digestDue(now time.Time) (workcal.Date, bool) {
	at := strings.TrimSpace(s.Settings.DigestTime)
	clock, err := time.Parse("15:04", at)
	if at == "" || err != nil {
		return workcal.Date{}, false
	}
	cal := s.calendar()
	local := now.In(cal.Location())
	y, m, d := local.Date()
	start := time.Date(y, m, d, clock.Hour(), clock.Minute(), 0, 0, cal.Location())
	return workcal.DateOf(local, cal.Location()), cal.IsWorkingDay(local) && !local.Before(start)
}

func (s *Service) buildDigest(ctx context.Context, day workcal.Date, now time.Time) (*Digest, error) {
	cal := s.calendar()
	d := &Digest{Day: day, Since: previousWorkingDay(cal, day), Now: now, Lang: s.Settings.Lang, Loc: cal.Location()}
	var err error
	if d.Figures, err = s.DB.DayFigures(ctx, d.Since.In(d.Loc), day.In(d.Loc)); err != nil {
		return nil, err
	}
	if d.Ratings, err = s.DB.RatingsBetween(ctx, d.Since.In(d.Loc), day.In(d.Loc)); err != nil {
		return nil, err
	}
	if d.Due, err = s.DB.NearDeadline(ctx, cal.AddWorkingDays(now, 1), false, maxDigestDue); err != nil {
		return nil, err
	}
	d.Callbacks, err = s.DB.OverdueCallbacks(ctx, now, maxDigestDue)
	return d, err
}

// previousWorkingDay is the last working day before day (within a month;
// else the day before).
func previousWorkingDay(cal *workcal.Calendar, day workcal.Date) workcal.Date {
	for i := 1; i <= 31; i++ {
		if p := day.AddDays(-i); cal.IsWorkingDate(p) {
			return p
		}
	}
	return day.AddDays(-1)
}

func (s *Service) postDigest(ctx context.Context, channel string, d *Digest) error {
	return s.Slack.PostDigest(ctx, channel, d)
}

// DigestText is the digest as plain lines, for surfaces without blocks and
// for notifications.
func DigestText(d *Digest) string {
	f := d.Figures
	text := Text(d.Lang, "digest_summary", d.Since, f.Received[affaldsbot.ChannelMail], f.Received[affaldsbot.ChannelPhone], f.Answered, f.Closed,
		f.Open[affaldsbot.StatusNew], f.Open[affaldsbot.StatusClaimed], f.Open[affaldsbot.StatusAnswered], len(d.Due))
	if d.Ratings.Rated > 0 {
		text += " " + RatingsLine(d.Ratings, d.Lang) + "."
	}
	if lines := OverdueCallbackLines(d); len(lines) > 0 {
		text += "\n" + locale.NewPrinter(d.Lang).Printf("callback_overdue") + ":\n" + strings.Join(lines, "\n")
	}
	return text
}

// RatingsLine says a digest's ratings: "2 vurderinger, 1 tilfreds (4–5), 1
// kommentar".
func RatingsLine(r storage.DayRatings, lang string) string {
	return locale.NewPrinter(lang).Printf("digest_ratings", r.Rated, r.Satisfied, r.Comments)
}

// OverdueCallbackLines are the digest's overdue call-backs, one line each:
// "#12 – booked for 2.12.2026 kl. 14:00, held by <@U1>".
func OverdueCallbackLines(d *Digest) []string {
	p := locale.NewPrinter(d.Lang)
	loc := d.Loc
	if loc == nil {
		loc = time.UTC
	}
	var out []string
	for _, c := range d.Callbacks {
		out = append(out, p.Printf("callback_overdue_item", "#"+strconv.FormatInt(c.EnquiryID, 10), CallbackTime(d.Lang, loc, c.DueAt), c.Holder))
	}
	return out
}

// logWarn logs a failure that must not stop a periodic job.
func (s *Service) logWarn(ctx context.Context, msg string, id int64, err error) {
	if s.Log != nil {
		s.Log.LogAttrs(ctx, slog.LevelWarn, msg, slog.Int64("enquiry", id), slog.String("error", err.Error()))
	}
}
