package handlers_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/csat"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// digestSlack records digests besides notices; failures makes the next
// digests fail.
type digestSlack struct {
	callSlack
	mu       sync.Mutex
	digests  []*handlers.Digest
	failures atomic.Int32
}

func (s *digestSlack) PostDigest(_ context.Context, channel string, d *handlers.Digest) error {
	if s.failures.Add(-1) >= 0 {
		return errors.New("slack is down")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.digests = append(s.digests, d)
	return nil
}

func (s *digestSlack) posted() []*handlers.Digest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*handlers.Digest(nil), s.digests...)
}

// digestEnv is a service with a settable clock.
type digestEnv struct {
	svc   *handlers.Service
	slack *digestSlack
	now   atomic.Pointer[time.Time]
}

func newDigestEnv(t *testing.T, db *storage.DB) *digestEnv {
	svc, _, _ := newCallService(t, db)
	env := &digestEnv{svc: svc, slack: &digestSlack{}}
	svc.Slack = env.slack
	svc.Settings.DigestTime = "08:00"
	db.SetClock(func() time.Time { return *env.now.Load() })
	env.at("2026-12-01T07:59:00+01:00")
	return env
}

func (env *digestEnv) at(s string) { env.now.Store(callAt(s)) }

// mailReceived stores a mail enquiry received at `at` with its 10-day
// deadline, and its root message in Slack.
func (env *digestEnv) mailReceived(t *testing.T, at, subject string) int64 {
	t.Helper()
	ctx := context.Background()
	received := *callAt(at)
	due := env.svc.Calendar.AddWorkingDays(received, 10)
	e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicAndet,
		Subject: subject, CitizenEmail: "borger@example.dk", ReceivedAt: received, DeadlineAt: &due}
	if err := env.svc.DB.InTx(ctx, func(tx *storage.Tx) error { return tx.CreateEnquiry(ctx, e) }); err != nil {
		t.Fatal(err)
	}
	if err := env.svc.DB.MarkRootPending(ctx, e.ID, "CCALLS"); err != nil {
		t.Fatal(err)
	}
	if err := env.svc.DB.SetRootTS(ctx, e.ID, "100."+subject); err != nil {
		t.Fatal(err)
	}
	return e.ID
}

// twice runs fn twice at once, as two replicas would.
func twice(t *testing.T, fn func() error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); errs <- fn() }()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestDailyDigestIsPostedOncePerWorkingDay(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newDigestEnv(t, db)
		ctx := context.Background()
		env.mailReceived(t, "2026-11-30T10:00:00+01:00", "monday-1")
		env.mailReceived(t, "2026-11-30T11:00:00+01:00", "monday-2")
		env.mailReceived(t, "2026-11-16T10:00:00+01:00", "overdue")   // due Mon 30 Nov 16:00
		env.mailReceived(t, "2026-11-18T10:00:00+01:00", "due-wed")   // due Wed 2 Dec 16:00
		env.mailReceived(t, "2026-11-19T10:00:00+01:00", "due-later") // due Thu 3 Dec 16:00
		run := func() error { return env.svc.DailyDigest(ctx, handlers.DigestArgs{}) }
		if err := run(); err != nil || len(env.slack.posted()) != 0 {
			t.Fatalf("before 08:00: %v, %d digests", err, len(env.slack.posted()))
		}
		env.at("2026-12-01T08:00:00+01:00")
		twice(t, run)
		twice(t, run)
		got := env.slack.posted()
		if len(got) != 1 {
			t.Fatalf("%d digests after four runs at once, want 1", len(got))
		}
		d := got[0]
		if d.Day.String() != "2026-12-01" || d.Since.String() != "2026-11-30" || d.Figures.Received[affaldsbot.ChannelMail] != 2 ||
			d.Figures.Open[affaldsbot.StatusNew] != 5 {
			t.Errorf("digest %s since %s: %+v", d.Day, d.Since, d.Figures)
		}
		if subjects := dueSubjects(d); subjects != "overdue,due-wed" {
			t.Errorf("near the deadline: %s, want overdue,due-wed", subjects)
		}
		env.at("2026-12-05T09:00:00+01:00") // a Saturday
		twice(t, run)
		env.at("2026-12-07T08:01:00+01:00") // Monday: figures since Friday
		twice(t, run)
		if got := env.slack.posted(); len(got) != 2 || got[1].Since.String() != "2026-12-04" {
			t.Errorf("after the weekend: %d digests, want 2 (the second since Friday)", len(got))
		}
	})
}

func dueSubjects(d *handlers.Digest) string {
	var out []string
	for _, it := range d.Due {
		out = append(out, it.Subject)
	}
	return strings.Join(out, ",")
}

func TestDailyDigestThatFailsIsPostedByTheNextRun(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newDigestEnv(t, db)
		ctx := context.Background()
		env.at("2026-12-01T08:30:00+01:00")
		env.slack.failures.Store(1)
		if err := env.svc.DailyDigest(ctx, handlers.DigestArgs{}); err == nil {
			t.Fatal("a digest that could not be posted reported no error")
		}
		if err := env.svc.DailyDigest(ctx, handlers.DigestArgs{}); err != nil {
			t.Fatal(err)
		}
		if n := len(env.slack.posted()); n != 1 {
			t.Errorf("%d digests after a failure and a retry, want 1", n)
		}
		env.svc.Settings.DigestTime = "off"
		env.at("2026-12-02T09:00:00+01:00")
		if err := env.svc.DailyDigest(ctx, handlers.DigestArgs{}); err != nil || len(env.slack.posted()) != 1 {
			t.Errorf("DIGEST_TIME=off still posted: %v, %d", err, len(env.slack.posted()))
		}
	})
}

func TestDeadlineWarningIsPostedOncePerEnquiry(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newDigestEnv(t, db)
		ctx := context.Background()
		held := env.mailReceived(t, "2026-11-18T10:00:00+01:00", "held")  // due Wed 2 Dec 16:00
		env.mailReceived(t, "2026-11-18T11:00:00+01:00", "free")          // due Wed 2 Dec 16:00
		env.mailReceived(t, "2026-11-19T10:00:00+01:00", "later")         // due Thu 3 Dec 16:00
		answered := env.mailReceived(t, "2026-11-17T10:00:00+01:00", "x") // due Tue 1 Dec, but answered
		if _, err := env.svc.Act(ctx, callAdviserID, held, handlers.ActClaim, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, db.Rebind(`UPDATE enquiries SET status = 'answered' WHERE id = ?`), answered); err != nil {
			t.Fatal(err)
		}
		env.at("2026-11-30T16:30:00+01:00") // Monday: Wednesday is two working days away
		twice(t, func() error { return env.svc.DeadlineWarnings(ctx, handlers.DeadlineWarningsArgs{}) })
		if n := len(env.slack.callSlack.posted()); n != 0 {
			t.Fatalf("%d warnings two working days ahead: %v", n, env.slack.callSlack.posted())
		}
		env.at("2026-12-01T09:00:00+01:00")
		twice(t, func() error { return env.svc.DeadlineWarnings(ctx, handlers.DeadlineWarningsArgs{}) })
		twice(t, func() error { return env.svc.DeadlineWarnings(ctx, handlers.DeadlineWarningsArgs{}) })
		got := env.slack.callSlack.posted()
		if len(got) != 2 {
			t.Fatalf("warnings %q, want one for each of the two due enquiries", got)
		}
		joined := strings.Join(got, "\n")
		if !strings.Contains(joined, "CCALLS/100.held: ⏰ <@"+callAdviserID+">") || !strings.Contains(joined, "CCALLS/100.free: ⏰ #") ||
			!strings.Contains(joined, "2. dec. 2026 kl. 16:00") {
			t.Errorf("warnings:\n%s", joined)
		}
	})
}

// TestDailyDigestCountsTheRatings: the digest counts the ratings given or
// changed since the previous working day began, those of 4 or 5, and the
// comments; not those of today.
func TestDailyDigestCountsTheRatings(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newDigestEnv(t, db)
		ctx := context.Background()
		ratings := csat.New(db, csat.Options{BaseURL: "https://affald.example.dk"})
		rate := func(at string, n int, comment string) {
			t.Helper()
			env.at("2026-11-30T09:00:00+01:00")
			id := env.mailReceived(t, "2026-11-30T08:00:00+01:00", fmt.Sprintf("r%d-%s", n, at))
			m := &affaldsbot.Message{EnquiryID: &id, Kind: affaldsbot.MessageOutbound, MessageID: fmt.Sprintf("r%d-%s@kk.example", n, at),
				FromAddr: "affald@kk.example", ToAddr: "borger@example.dk", Body: "Svar", ReceivedAt: *callAt(at)}
			var links []csat.Link
			err := db.InTx(ctx, func(tx *storage.Tx) (err error) {
				if err = tx.InsertReply(ctx, m); err == nil {
					links, err = ratings.Issue(ctx, tx, m.ID, id, "da")
				}
				return err
			})
			if err != nil || len(links) == 0 {
				t.Fatalf("issue: %v", err)
			}
			env.at(at)
			token := strings.Split(strings.TrimPrefix(links[0].URL, "https://affald.example.dk"+csat.PathPrefix), "/")[0]
			st, err := ratings.Rate(ctx, token, n)
			if err != nil {
				t.Fatal(err)
			}
			if comment != "" {
				if _, err := ratings.Submit(ctx, csat.Submission{Token: token, Nonce: st.Nonce, Comment: comment}); err != nil {
					t.Fatal(err)
				}
			}
		}
		rate("2026-11-30T12:00:00+01:00", 5, "")
		rate("2026-11-30T13:00:00+01:00", 2, "Svaret hjalp ikke")
		rate("2026-12-01T07:00:00+01:00", 4, "") // today: tomorrow's digest
		env.at("2026-12-01T08:00:00+01:00")
		if err := env.svc.DailyDigest(ctx, handlers.DigestArgs{}); err != nil {
			t.Fatal(err)
		}
		got := env.slack.posted()
		if len(got) != 1 {
			t.Fatalf("%d digests", len(got))
		}
		if want := (storage.DayRatings{Rated: 2, Satisfied: 1, Comments: 1}); got[0].Ratings != want {
			t.Errorf("ratings %+v, want %+v", got[0].Ratings, want)
		}
		if text := handlers.DigestText(got[0]); !strings.Contains(text, "Vurderinger fra borgerne: 2, heraf 1 tilfredse") {
			t.Errorf("digest text without the ratings: %s", text)
		}
	})
}
