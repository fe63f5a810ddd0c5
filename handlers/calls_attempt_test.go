package handlers_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func TestLogCallAttemptFlow(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc, jobs, _ := newCallService(t, db)
		created, _ := svc.ReceiveCall(ctx, sampleCall())
		id := created.EnquiryID
		var last handlers.CallAttemptResult
		for i := 1; i <= 3; i++ {
			res, err := svc.LogCallAttempt(ctx, callAdviserID, id, handlers.OutcomeNoAnswer, 0, "")
			if err != nil {
				t.Fatal(err)
			}
			if res.Attempt != i || res.SuggestMail != (i == 3) {
				t.Errorf("attempt %d: %+v", i, res)
			}
			last = res
		}
		if !strings.Contains(last.Text, "3") {
			t.Errorf("third no-answer text %q does not suggest writing", last.Text)
		}
		e, _ := db.GetEnquiry(ctx, id)
		if e.FirstResponseAt == nil || e.Holder != callAdviserID || e.Status != affaldsbot.StatusClaimed {
			t.Errorf("after attempts: first response=%v holder=%q status=%q", e.FirstResponseAt, e.Holder, e.Status)
		}
		mail, err := svc.LogCallAttempt(ctx, callAdviserID, id, handlers.OutcomeWantsMail, 2, "Skriv til jens@example.dk, tak")
		if err != nil || mail.CitizenEmail != "jens@example.dk" || !mail.SuggestMail {
			t.Errorf("wants_mail = %+v, %v", mail, err)
		}
		done, err := svc.LogCallAttempt(ctx, callAdviserID, id, handlers.OutcomeResolved, 21, "Løst")
		if err != nil || done.Attempt != 5 {
			t.Fatalf("resolved = %+v, %v", done, err)
		}
		e, _ = db.GetEnquiry(ctx, id)
		c, _ := db.GetCall(ctx, id)
		if e.Status != affaldsbot.StatusAnswered || e.Channel != affaldsbot.ChannelPhone || e.CitizenEmail != "jens@example.dk" {
			t.Errorf("enquiry status=%q channel=%q email=%q", e.Status, e.Channel, e.CitizenEmail)
		}
		if c.Attempts != 5 || c.NoAnswers != 3 || c.HandledSeconds == nil || *c.HandledSeconds != 21*60 {
			t.Errorf("call attempts=%d no answers=%d handled=%v", c.Attempts, c.NoAnswers, c.HandledSeconds)
		}
		if n := callCount(t, db, `SELECT COUNT(*) FROM events WHERE type = 'call_attempt' AND enquiry_id = ?`, id); n != 5 {
			t.Errorf("call_attempt events = %d, want 5", n)
		}
		if n := callCount(t, db, `SELECT COUNT(*) FROM messages WHERE kind = 'call_log' AND enquiry_id = ?`, id); n != 6 {
			t.Errorf("call_log messages = %d, want 6 (the note and five attempts)", n)
		}
		if k := kinds(jobs.Take()); len(k) != 1+5*2 {
			t.Errorf("jobs = %v, want sync_slack and five pairs", k)
		}
	})
}

func TestLogCallAttemptRefusesNonAdviser(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc, jobs, _ := newCallService(t, db)
		created, _ := svc.ReceiveCall(ctx, sampleCall())
		kinds(jobs.Take())
		_, err := svc.LogCallAttempt(ctx, "UCITIZEN", created.EnquiryID, handlers.OutcomeResolved, 10, "")
		if affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Fatalf("err = %v, want forbidden", err)
		}
		c, _ := db.GetCall(ctx, created.EnquiryID)
		e, _ := db.GetEnquiry(ctx, created.EnquiryID)
		events := callCount(t, db, `SELECT COUNT(*) FROM events WHERE enquiry_id = ?`, created.EnquiryID)
		if c.Attempts != 0 || c.HandledSeconds != nil || e.Status != affaldsbot.StatusNew || events != 1 || len(kinds(jobs.Take())) != 0 {
			t.Errorf("refused attempt changed things: attempts=%d handled=%v status=%q events=%d", c.Attempts, c.HandledSeconds, e.Status, events)
		}
	})
}

// TestCallRemindersNudgeOncePerWindow claims a call, lets its first-response
// target pass and runs the reminder job twice at once, then again: one
// nudge. A second window past the target brings one more; an attempt ends
// them.
func TestCallRemindersNudgeOncePerWindow(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc, _, slack := newCallService(t, db)
		r := sampleCall()
		r.TransferredAt = callAt("2026-11-23T09:00:00+01:00") // a Monday
		created, _ := svc.ReceiveCall(ctx, r)
		claimPosted(t, db, created.EnquiryID)
		clock := callAt("2026-11-24T08:30:00+01:00") // 7.5 working hours: within the target
		db.SetClock(func() time.Time { return *clock })
		runRemindersTwice(t, svc)
		if n := len(slack.posted()); n != 0 {
			t.Fatalf("nudged before the target passed: %v", slack.posted())
		}
		*clock = *callAt("2026-11-24T10:30:00+01:00")
		runRemindersTwice(t, svc)
		runRemindersTwice(t, svc)
		if got := slack.posted(); len(got) != 1 || !strings.Contains(got[0], "<@"+callAdviserID+">") || !strings.HasPrefix(got[0], "CCALLS/1.0: ") {
			t.Fatalf("nudges = %q, want one to the holder in the thread", got)
		}
		*clock = *callAt("2026-11-25T10:30:00+01:00")
		runRemindersTwice(t, svc)
		if _, err := svc.LogCallAttempt(ctx, callAdviserID, created.EnquiryID, handlers.OutcomeNoAnswer, 0, ""); err != nil {
			t.Fatal(err)
		}
		*clock = *callAt("2026-11-26T10:30:00+01:00")
		runRemindersTwice(t, svc)
		if n := len(slack.posted()); n != 2 {
			t.Errorf("nudges = %d (%q), want 2", n, slack.posted())
		}
		if n := callCount(t, db, `SELECT COUNT(*) FROM events WHERE type = 'call_nudged'`); n != 2 {
			t.Errorf("call_nudged events = %d, want 2", n)
		}
	})
}

func claimPosted(t *testing.T, db *storage.DB, id int64) {
	t.Helper()
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *storage.Tx) error {
		e, err := tx.LockEnquiry(ctx, id)
		if err != nil {
			return err
		}
		ev, err := e.Claim(callAdviserID, e.ReceivedAt.Add(time.Minute))
		if err != nil {
			return err
		}
		return tx.SaveEnquiry(ctx, e, ev)
	})
	if err == nil {
		err = db.MarkRootPending(ctx, id, "CCALLS")
	}
	if err == nil {
		err = db.SetRootTS(ctx, id, "1.0")
	}
	if err != nil {
		t.Fatal(err)
	}
}

func runRemindersTwice(t *testing.T, svc *handlers.Service) {
	t.Helper()
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if err := svc.CallReminders(context.Background(), handlers.CallRemindersArgs{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}
