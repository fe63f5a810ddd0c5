package handlers

import (
	"context"
	"strconv"
	"time"

	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/storage"
)

// DeadlineWarningsArgs warns in the thread of every unanswered mail enquiry
// that will pass its answer deadline within one working day. It runs every
// minute (jobs.Periodic).
type DeadlineWarningsArgs struct{}

func (DeadlineWarningsArgs) Kind() string { return "deadline_warnings" }

// maxWarningsPerRun bounds one run; the next run takes the rest.
const maxWarningsPerRun = 200

// DeadlineWarnings posts one warning per enquiry, mentioning its holder if
// any. The warning is recorded by one conditional update before it is
// posted, so two runs at once (two replicas) post it once; a post that fails
// is logged and not retried.
func (s *Service) DeadlineWarnings(ctx context.Context, _ DeadlineWarningsArgs) error {
	if s.Slack == nil {
		return nil
	}
	now := s.DB.Now()
	items, err := s.DB.NearDeadline(ctx, s.calendar().AddWorkingDays(now, 1), true, maxWarningsPerRun)
	if err != nil {
		return err
	}
	for _, it := range items {
		won, err := s.DB.MarkDeadlineWarned(ctx, it.EnquiryID)
		if err != nil {
			return err
		} else if !won {
			continue
		}
		if err := s.Slack.PostNotice(ctx, it.Channel, it.RootTS, s.deadlineWarning(it)); err != nil {
			s.logWarn(ctx, "deadline warning not posted", it.EnquiryID, err)
		}
	}
	return nil
}

// deadlineWarning is the warning's text: the holder mentioned, or a call to
// whoever can take it.
func (s *Service) deadlineWarning(it storage.DeadlineItem) string {
	ref := "#" + strconv.FormatInt(it.EnquiryID, 10)
	due := FormatDeadline(it.DeadlineAt.In(s.calendar().Location()), s.Settings.Lang)
	if it.Holder != "" {
		return s.T("digest_warn_holder", it.Holder, ref, due)
	}
	return s.T("digest_warn_nobody", ref, due)
}

// FormatDeadline writes a deadline with its weekday-free date and time of
// day: "4. dec. 2026 kl. 16:00" or "4 Dec 2026 16:00".
func FormatDeadline(t time.Time, lang string) string { return locale.NewPrinter(lang).Deadline(t) }
