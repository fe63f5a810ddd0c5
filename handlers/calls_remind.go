package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// CallRemindersArgs looks for claimed calls past their first-response target
// with no call-back attempt, and reminds each holder once a target window.
// It runs every minute (jobs.Periodic).
type CallRemindersArgs struct{}

func (CallRemindersArgs) Kind() string { return "call_reminders" }

// EventCallNudged records a reminder to the holder of a waiting call.
const EventCallNudged affaldsbot.EventType = "call_nudged"

// maxNudgesPerRun bounds one run; the next run takes the rest.
const maxNudgesPerRun = 200

// CallReminders posts one reminder in the thread of each waiting call whose
// first-response target (Settings.FirstResponse of working time after
// receipt) has passed, at most once per window: window n is reached when n
// targets of working time have passed. The reminder is recorded by one
// conditional update before it is posted, so two runs at once (two
// replicas) post it once; a post that fails is not retried.
func (s *Service) CallReminders(ctx context.Context, _ CallRemindersArgs) error {
	target := s.Settings.FirstResponse
	if target <= 0 {
		return nil
	}
	now := s.DB.Now()
	waiting, err := s.DB.WaitingCalls(ctx, now.Add(-target), maxNudgesPerRun)
	if err != nil {
		return err
	}
	for _, w := range waiting {
		if err := s.nudge(ctx, w, s.callWindow(w.ReceivedAt, now, target)); err != nil {
			return err
		}
	}
	return nil
}

// callWindow is how many first-response targets of working time have passed
// since receipt.
func (s *Service) callWindow(received, now time.Time, target time.Duration) int {
	elapsed := now.Sub(received)
	if s.Calendar != nil {
		elapsed = s.Calendar.WorkingDuration(received, now)
	}
	return int(elapsed / target)
}

func (s *Service) nudge(ctx context.Context, w storage.WaitingCall, window int) error {
	if window < 1 || window <= w.NudgedWindow {
		return nil
	}
	var won bool
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		var err error
		if won, err = tx.MarkNudged(ctx, w.EnquiryID, window); err != nil || !won {
			return err
		}
		return tx.AddEvents(ctx, affaldsbot.Event{EnquiryID: w.EnquiryID, Type: EventCallNudged, Actor: affaldsbot.ActorSystem,
			At: tx.Now(), Payload: map[string]string{"holder": w.Holder, "window": strconv.Itoa(window)}})
	})
	if err != nil || !won {
		return err
	}
	text := fmt.Sprintf(s.callText().nudge, w.Holder, "#"+strconv.FormatInt(w.EnquiryID, 10))
	if err := s.Slack.PostNotice(ctx, w.Channel, w.RootTS, text); err != nil && s.Log != nil {
		s.Log.LogAttrs(ctx, slog.LevelWarn, "call reminder not posted", slog.Int64("enquiry", w.EnquiryID), slog.Any("err", err))
	}
	return nil
}
