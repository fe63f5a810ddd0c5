package handlers_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/smstest"
	"github.com/affaldsbot/affaldsbot/sms"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
)

var cph = workcal.Default().Location()

// wednesday is 2 December 2026, 09:00 in Copenhagen: the clock of these tests.
var wednesday = time.Date(2026, 12, 2, 9, 0, 0, 0, cph)

func at(day, hour, min int) time.Time { return time.Date(2026, 12, day, hour, min, 0, 0, cph) }

// callbackEnv is a call enquiry on a service with a recorded job queue, a
// fake Slack, a strict fake SMS gateway and a log kept for reading.
type callbackEnv struct {
	svc   *handlers.Service
	jobs  *jobRecorder
	slack *callSlack
	gw    *smstest.Server
	log   *bytes.Buffer
	id    int64
}

func newCallbackEnv(t *testing.T, db *storage.DB) *callbackEnv {
	t.Helper()
	db.SetClock(func() time.Time { return wednesday })
	env := &callbackEnv{jobs: &jobRecorder{}, slack: &callSlack{}, gw: smstest.Start("sms-token"), log: &bytes.Buffer{}}
	t.Cleanup(env.gw.Close)
	db.SetEnqueuer(env.jobs)
	st := handlers.DefaultSettings()
	st.MailFrom = ourAddress
	env.svc = &handlers.Service{DB: db, Slack: env.slack, Directory: adviserSet{callAdviserID: true},
		Calendar: workcal.Default(), Settings: st, Routes: handlers.Routes{Default: "CCALLS"},
		SMS: &sms.Gateway{URL: env.gw.URL, Token: "sms-token", Sender: "Affald"},
		Log: slog.New(slog.NewTextHandler(env.log, nil))}
	res, err := env.svc.ReceiveCall(context.Background(), sampleCall())
	if err != nil {
		t.Fatal(err)
	}
	env.id = res.EnquiryID
	env.jobs.Take()
	return env
}

func TestCallbackTimesWithinOpeningHours(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newCallbackEnv(t, db)
		for _, tc := range []struct {
			name string
			at   time.Time
			key  string
		}{
			{"past", at(2, 8, 30), "callback_past"},
			{"saturday", at(5, 10, 0), "callback_closed_day"},
			{"christmas eve, closed by practice", at(24, 10, 0), "callback_closed_day"},
			{"christmas day", at(25, 10, 0), "callback_closed_day"},
			{"after closing", at(2, 16, 0), "callback_outside_hours"},
			{"before opening", at(3, 7, 59), "callback_outside_hours"},
			{"within hours", at(3, 8, 0), ""},
		} {
			err := env.svc.CheckCallbackTime(tc.at)
			var de *affaldsbot.Error
			got := ""
			if err != nil && errors.As(err, &de) && de.Text != nil {
				got = de.Text.Key
			}
			if got != tc.key {
				t.Errorf("%s: %v, want %q", tc.name, err, tc.key)
			}
		}
		_, err := env.svc.BookCallback(context.Background(), callAdviserID, handlers.CallbackBooking{EnquiryID: env.id, At: at(5, 10, 0)}, nil)
		if affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
			t.Errorf("booking on a Saturday: %v, want invalid", err)
		}
		_, err = env.svc.BookCallback(context.Background(), "UOUTSIDER", handlers.CallbackBooking{EnquiryID: env.id, At: at(3, 10, 0)}, nil)
		if affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Errorf("booking by a non-adviser: %v, want forbidden", err)
		}
		if jobs := env.jobs.Take(); len(jobs) != 0 {
			t.Errorf("refused bookings enqueued %v", kinds(jobs))
		}
	})
}

func TestCallbackBookedOnceRemindedOnceConfirmedBySMSOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		env := newCallbackEnv(t, db)
		submission := handlers.ViewOrigin("V123")
		b := handlers.CallbackBooking{EnquiryID: env.id, At: at(3, 10, 30), Notify: handlers.NotifySMS}
		c, err := env.svc.BookCallback(ctx, callAdviserID, b, submission)
		if err != nil || c == nil {
			t.Fatalf("book: %+v, %v", c, err)
		}
		if again, err := env.svc.BookCallback(ctx, callAdviserID, b, submission); err != nil || again != nil {
			t.Errorf("the same submission again: %+v, %v; want nothing booked", again, err)
		}
		jobs := env.jobs.Take()
		if got, want := kinds(jobs), []string{"sync_slack", "callback_reminder", "callback_confirm", "update_root"}; !cmp.Equal(got, want) {
			t.Fatalf("jobs %v, want %v", got, want)
		}
		reminder := jobs[1].(handlers.CallbackReminderArgs)
		if !reminder.RunAt().Equal(at(3, 10, 20)) {
			t.Errorf("reminder at %s, want 10 minutes before", reminder.RunAt())
		}
		e, _ := db.GetEnquiry(ctx, env.id)
		if e.Holder != callAdviserID || e.Status != affaldsbot.StatusClaimed {
			t.Errorf("after booking: held by %q, %s; want the adviser's", e.Holder, e.Status)
		}

		// The reminder runs (twice, as a retried job may): one notice.
		postRoot(t, db, env.id)
		for range 2 {
			if err := env.svc.CallbackReminder(ctx, reminder); err != nil {
				t.Fatal(err)
			}
		}
		if got := env.slack.posted(); len(got) != 1 || !strings.Contains(got[0], "<@"+callAdviserID+">") || !strings.Contains(got[0], "3.12.2026 kl. 10:30") {
			t.Errorf("reminders %q, want one to the holder", got)
		}

		// The confirmation: the gateway fails once, then it is sent once.
		confirm := jobs[2].(handlers.CallbackConfirmArgs)
		env.gw.FailNext(1)
		if err := env.svc.CallbackConfirm(ctx, confirm); err == nil {
			t.Fatal("a failing gateway gave no error")
		}
		for range 2 {
			if err := env.svc.CallbackConfirm(ctx, confirm); err != nil {
				t.Fatal(err)
			}
		}
		sent := env.gw.Sent()
		if len(sent) != 1 || sent[0].To != "+4512345678" || !strings.Contains(sent[0].Text, "3.12.2026 kl. 10:30") {
			t.Errorf("sms sent %+v, want one to the caller with the time", sent)
		}
		if env.gw.Refused() != 0 {
			t.Errorf("the gateway refused %d requests", env.gw.Refused())
		}
		for _, secret := range []string{"12345678", "sms-token"} {
			if strings.Contains(env.log.String(), secret) {
				t.Errorf("the log holds %q:\n%s", secret, env.log)
			}
		}
	})
}

func TestRebookedCallbackRemindsOnlyForTheNewTimeAndDigestListsOverdue(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		env := newCallbackEnv(t, db)
		postRoot(t, db, env.id)
		book := func(when time.Time) handlers.CallbackReminderArgs {
			t.Helper()
			if _, err := env.svc.BookCallback(ctx, callAdviserID, handlers.CallbackBooking{EnquiryID: env.id, At: when}, nil); err != nil {
				t.Fatal(err)
			}
			for _, j := range env.jobs.Take() {
				if r, ok := j.(handlers.CallbackReminderArgs); ok {
					return r
				}
			}
			t.Fatal("no reminder enqueued")
			return handlers.CallbackReminderArgs{}
		}
		first := book(at(2, 11, 0))
		second := book(at(2, 14, 0))
		if err := env.svc.CallbackReminder(ctx, first); err != nil {
			t.Fatal(err)
		}
		if got := env.slack.posted(); len(got) != 0 {
			t.Errorf("the cancelled booking reminded: %q", got)
		}
		if err := env.svc.CallbackReminder(ctx, second); err != nil {
			t.Fatal(err)
		}
		if got := env.slack.posted(); len(got) != 1 || !strings.Contains(got[0], "kl. 14:00") {
			t.Errorf("reminders %q, want one for 14:00", got)
		}

		// Next morning the call-back was not made: the digest lists it.
		db.SetClock(func() time.Time { return at(3, 8, 30) })
		over, err := db.OverdueCallbacks(ctx, db.Now(), 10)
		if err != nil || len(over) != 1 || over[0].EnquiryID != env.id || !over[0].DueAt.Equal(at(2, 14, 0)) {
			t.Fatalf("overdue %+v, %v; want the 14:00 call-back", over, err)
		}
		env.svc.Settings.DigestTime = "08:00"
		if err := env.svc.DailyDigest(ctx, handlers.DigestArgs{}); err != nil {
			t.Fatal(err)
		}
		if got := env.slack.posted(); len(got) != 2 || !strings.Contains(got[1], "#1") || !strings.Contains(got[1], "kl. 14:00") {
			t.Errorf("digest %q, want the overdue call-back of #1", got[1:])
		}

		// An attempt logged makes it done: off the list.
		if _, err := env.svc.LogCallAttempt(ctx, callAdviserID, env.id, handlers.OutcomeNoAnswer, 0, ""); err != nil {
			t.Fatal(err)
		}
		if over, _ := db.OverdueCallbacks(ctx, db.Now(), 10); len(over) != 0 {
			t.Errorf("after an attempt: overdue %+v, want none", over)
		}
	})
}

// postRoot records the enquiry's root message as posted.
func postRoot(t *testing.T, db *storage.DB, id int64) {
	t.Helper()
	ctx := context.Background()
	if err := db.MarkRootPending(ctx, id, "CCALLS"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetRootTS(ctx, id, "1.0"); err != nil {
		t.Fatal(err)
	}
}

// The reminder of a call-back is posted exactly once even when the process
// dies at its post: before the post is made (the old order, marked first,
// lost it) or just after (a retry must not post it again).
func TestCallbackReminderPostedOnceWhenKilledAtThePost(t *testing.T) {
	for _, after := range []bool{false, true} {
		name := map[bool]string{false: "killed before the post", true: "killed after the post"}[after]
		t.Run(name, func(t *testing.T) {
			storagetest.Each(t, func(t *testing.T, db *storage.DB) {
				env := newCallbackEnv(t, db)
				postRoot(t, db, env.id)
				b := handlers.CallbackBooking{EnquiryID: env.id, At: at(3, 10, 30)}
				if _, err := env.svc.BookCallback(context.Background(), callAdviserID, b, nil); err != nil {
					t.Fatal(err)
				}
				var reminder handlers.CallbackReminderArgs
				for _, j := range env.jobs.Take() {
					if r, ok := j.(handlers.CallbackReminderArgs); ok {
						reminder = r
					}
				}
				dying, die := context.WithCancel(context.Background())
				env.slack.fault = func(string) (error, bool) {
					if dying.Err() != nil {
						return nil, false
					}
					die() // the process ends here: nothing after this is written
					return context.Canceled, after
				}
				if err := env.svc.CallbackReminder(dying, reminder); err == nil {
					t.Fatal("the killed attempt gave no error")
				}
				for range 2 { // the job is rescued and run again, and once more
					if err := env.svc.CallbackReminder(context.Background(), reminder); err != nil {
						t.Fatal(err)
					}
				}
				if got := env.slack.posted(); len(got) != 1 || !strings.Contains(got[0], "kl. 10:30") {
					t.Errorf("reminders %q, want exactly one", got)
				}
				if c, err := db.GetCallback(context.Background(), reminder.CallbackID); err != nil || c.RemindedAt == nil {
					t.Errorf("call-back %+v, %v; want it recorded as reminded", c, err)
				}
			})
		})
	}
}

// dyingMailer is the real mailer until the process dies: when the first copy
// to the Sent folder is made, the process ends (ctx is cancelled) before it.
type dyingMailer struct {
	handlers.Mailer
	die func()
}

func (m *dyingMailer) AppendSent(ctx context.Context, raw []byte) error {
	if m.die != nil {
		m.die()
		m.die = nil
		return context.Canceled
	}
	return m.Mailer.AppendSent(ctx, raw)
}

// The confirmation mail of a call-back is sent once even when the process
// dies after the mail server accepted it and before its copy reached the
// Sent folder: the retry does not send it again, and the thread says that
// it may not have reached the citizen.
func TestCallbackConfirmMailSentOnceWhenKilledAfterSending(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		env := newCallbackEnv(t, db)
		mails := newActEnv(t, db)
		db.SetEnqueuer(env.jobs)
		dying, die := context.WithCancel(ctx)
		env.svc.Mailer = &dyingMailer{Mailer: mails.svc.Mailer, die: die}
		postRoot(t, db, env.id)
		err := db.InTx(ctx, func(tx *storage.Tx) error { // the caller's address, known from an earlier mail
			e, err := tx.LockEnquiry(ctx, env.id)
			if err != nil {
				return err
			}
			e.CitizenEmail = "jens@example.dk"
			return tx.SaveEnquiry(ctx, e)
		})
		if err != nil {
			t.Fatal(err)
		}
		env.jobs.Take()
		b := handlers.CallbackBooking{EnquiryID: env.id, At: at(3, 10, 30), Notify: handlers.NotifyMail}
		if _, err := env.svc.BookCallback(ctx, callAdviserID, b, nil); err != nil {
			t.Fatal(err)
		}
		var confirm handlers.CallbackConfirmArgs
		for _, j := range env.jobs.Take() {
			if c, ok := j.(handlers.CallbackConfirmArgs); ok {
				confirm = c
			}
		}
		if err := env.svc.CallbackConfirm(dying, confirm); err == nil {
			t.Fatal("the killed attempt gave no error")
		}
		for range 2 { // rescued and run again, and once more
			if err := env.svc.CallbackConfirm(ctx, confirm); err != nil {
				t.Fatal(err)
			}
		}
		if got := mails.smtp.Mails(); len(got) != 1 || got[0].To[0] != "jens@example.dk" {
			t.Errorf("%d confirmation mails sent, want 1 to the citizen", len(got))
		}
		if got := env.slack.posted(); countLines(got, "jens@example.dk") != 1 {
			t.Errorf("notices %q, want one saying the confirmation may not have arrived", got)
		}
		if c, err := db.GetCallback(ctx, confirm.CallbackID); err != nil || c.NotifiedAt == nil {
			t.Errorf("call-back %+v, %v; want it recorded as notified", c, err)
		}
	})
}
