package handlers_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/jobs"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// syncSlack is a chat surface that keeps the roots and thread posts it was
// asked for, finds them again by their metadata like Slack's
// conversations.history and conversations.replies, and can hold one post in
// flight: the post is not visible to Find* until it is let go, as a request
// Slack has not answered yet.
type syncSlack struct {
	*callSlack
	mu      sync.Mutex
	n       int
	roots   map[int64][]string // enquiry → ts of each root posted
	posts   map[int64][]string // message → ts of each thread post
	hold    string             // "root" or "thread": the next such post waits for release
	entered chan struct{}      // closed when the held post has begun
	release chan struct{}
	failAt  string // "thread": the next thread post lands but its answer is lost (the process died)
}

func newSyncSlack() *syncSlack {
	return &syncSlack{callSlack: &callSlack{}, roots: map[int64][]string{}, posts: map[int64][]string{}}
}

// holdNext makes the next post of kind wait until the returned func is called.
func (s *syncSlack) holdNext(kind string) (entered <-chan struct{}, release func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hold, s.entered, s.release = kind, make(chan struct{}), make(chan struct{})
	return s.entered, sync.OnceFunc(func() { close(s.release) })
}

// inFlight waits, for a held post, until it is released (at most 10 s).
func (s *syncSlack) inFlight(kind string) {
	s.mu.Lock()
	if s.hold != kind {
		s.mu.Unlock()
		return
	}
	s.hold = ""
	entered, release := s.entered, s.release
	s.mu.Unlock()
	close(entered)
	select {
	case <-release:
	case <-time.After(10 * time.Second):
	}
}

func (s *syncSlack) PostRoot(_ context.Context, _ string, v handlers.RootView) (string, error) {
	s.inFlight("root")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	ts := fmt.Sprintf("%d.000100", s.n)
	s.roots[v.Enquiry.ID] = append(s.roots[v.Enquiry.ID], ts)
	return ts, nil
}

func (s *syncSlack) FindRoot(_ context.Context, _ string, id int64, _ time.Time) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ts := s.roots[id]; len(ts) > 0 {
		return ts[0], true, nil
	}
	return "", false, nil
}

func (s *syncSlack) PostThread(_ context.Context, _, _ string, m *affaldsbot.Message, _ []affaldsbot.Attachment) (string, error) {
	s.inFlight("thread")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	ts := fmt.Sprintf("%d.000100", s.n)
	s.posts[m.ID] = append(s.posts[m.ID], ts)
	if s.failAt == "thread" {
		s.failAt = ""
		return "", errors.New("connection reset by peer")
	}
	return ts, nil
}

func (s *syncSlack) FindThread(_ context.Context, _, _ string, id int64) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ts := s.posts[id]; len(ts) > 0 {
		return ts[0], true, nil
	}
	return "", false, nil
}

// counts is how often the enquiry's root and each of its messages was posted.
func (s *syncSlack) counts(t *testing.T, db *storage.DB, id int64) (roots int, posts map[int64]int) {
	t.Helper()
	msgs, err := db.Messages(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	posts = map[int64]int{}
	for _, m := range msgs {
		posts[m.ID] = len(s.posts[m.ID])
	}
	return len(s.roots[id]), posts
}

func (s *syncSlack) wantOnce(t *testing.T, db *storage.DB, id int64, messages int) {
	t.Helper()
	roots, posts := s.counts(t, db, id)
	if roots != 1 {
		t.Errorf("root of enquiry %d posted %d times, want once", id, roots)
	}
	if len(posts) != messages {
		t.Errorf("enquiry %d has %d messages, want %d", id, len(posts), messages)
	}
	for m, n := range posts {
		if n != 1 {
			t.Errorf("message %d posted %d times in the thread, want once", m, n)
		}
	}
}

// deferred reports whether err asks the job runner to try again later.
func deferred(err error) bool {
	var later *affaldsbot.RetryLater
	return errors.As(err, &later)
}

func newSyncService(t *testing.T, db *storage.DB) (*handlers.Service, *syncSlack, int64) {
	t.Helper()
	svc, _, _ := newCallService(t, db)
	slack := newSyncSlack()
	svc.Slack = slack
	res, err := svc.ReceiveCall(context.Background(), sampleCall())
	if err != nil {
		t.Fatal(err)
	}
	return svc, slack, res.EnquiryID
}

// TestSyncSlackTwiceAtOncePostsOnce runs a second sync of the same enquiry
// (another job of another replica, or the same job rescued) while the first
// one's root post is still on its way to Slack: the second must not post the
// root or the thread again but try later, and its retry finishes what was
// added meanwhile.
func TestSyncSlackTwiceAtOncePostsOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc, slack, id := newSyncService(t, db)
		entered, release := slack.holdNext("root")
		defer release()
		first := make(chan error, 1)
		go func() { first <- svc.SyncSlack(ctx, handlers.SyncSlackArgs{EnquiryID: id}) }()
		<-entered
		if err := svc.Note(ctx, callAdviserID, id, "ringede igen", ""); err != nil {
			t.Fatal(err)
		}
		second := svc.SyncSlack(ctx, handlers.SyncSlackArgs{EnquiryID: id})
		if !deferred(second) {
			t.Errorf("second sync while the first posts = %v, want a retry later", second)
		}
		release()
		if err := <-first; err != nil {
			t.Fatalf("first sync: %v", err)
		}
		if err := svc.SyncSlack(ctx, handlers.SyncSlackArgs{EnquiryID: id}); err != nil {
			t.Fatalf("retry of the second sync: %v", err)
		}
		slack.wantOnce(t, db, id, 2)
	})
}

// TestSyncSlackThreadPostInFlightIsNotRepeated holds a thread post in flight
// (marked pending, not yet in Slack) while another sync of the enquiry runs:
// it must not take the pending mark for a crashed attempt and post again.
func TestSyncSlackThreadPostInFlightIsNotRepeated(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc, slack, id := newSyncService(t, db)
		if err := svc.SyncSlack(ctx, handlers.SyncSlackArgs{EnquiryID: id}); err != nil {
			t.Fatal(err)
		}
		if err := svc.Note(ctx, callAdviserID, id, "ringede igen", ""); err != nil {
			t.Fatal(err)
		}
		entered, release := slack.holdNext("thread")
		defer release()
		first := make(chan error, 1)
		go func() { first <- svc.SyncSlack(ctx, handlers.SyncSlackArgs{EnquiryID: id}) }()
		<-entered
		if err := svc.SyncSlack(ctx, handlers.SyncSlackArgs{EnquiryID: id}); !deferred(err) {
			t.Errorf("second sync while a thread post is in flight = %v, want a retry later", err)
		}
		release()
		if err := <-first; err != nil {
			t.Fatalf("first sync: %v", err)
		}
		slack.wantOnce(t, db, id, 2)
	})
}

// TestSyncSlackAfterALostAnswerFindsThePost loses Slack's answer to a thread
// post that landed (the connection broke, or the process died before the ts
// was recorded): a retry waits until a request still in flight would have
// landed, then finds the post by its metadata instead of posting it again.
func TestSyncSlackAfterALostAnswerFindsThePost(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Now()
		db.SetClock(func() time.Time { return now })
		svc, slack, id := newSyncService(t, db)
		slack.failAt = "thread"
		if err := svc.SyncSlack(ctx, handlers.SyncSlackArgs{EnquiryID: id}); err == nil {
			t.Fatal("first sync succeeded, want the lost answer's error")
		}
		if err := svc.SyncSlack(ctx, handlers.SyncSlackArgs{EnquiryID: id}); !deferred(err) {
			t.Errorf("retry at once = %v, want a retry later (the post may still be on its way)", err)
		}
		now = now.Add(handlers.SlackSettle + time.Second)
		if err := svc.SyncSlack(ctx, handlers.SyncSlackArgs{EnquiryID: id}); err != nil {
			t.Fatalf("retry after %s: %v", handlers.SlackSettle, err)
		}
		slack.wantOnce(t, db, id, 1)
		if ts, err := db.MessageSlackTS(ctx, firstMessage(t, db, id)); err != nil || ts == "" || ts == storage.SlackPending {
			t.Errorf("slack ts of the message = %q, %v; want the found post's", ts, err)
		}
	})
}

func firstMessage(t *testing.T, db *storage.DB, id int64) int64 {
	t.Helper()
	msgs, err := db.Messages(context.Background(), id)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("messages of %d: %v %v", id, msgs, err)
	}
	return msgs[0].ID
}

// TestSyncJobsOnTwoReplicasPostOnce runs two sync jobs of one enquiry on two
// job queues over one database, as two replicas do: while the first holds its
// root post in flight, the second is snoozed, not run beside it; both then
// complete, and everything is posted once.
func TestSyncJobsOnTwoReplicasPostOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc, slack, id := newSyncService(t, db)
		if err := jobs.Migrate(ctx, db.DB.DB, db.Dialect); err != nil {
			t.Fatal(err)
		}
		var queues []*jobs.Queue
		for range 2 {
			reg := jobs.NewRegistry()
			jobs.Register(reg, svc.SyncSlack, jobs.Options{MaxAttempts: 5})
			q, err := jobs.New(db.DB.DB, reg, jobs.Config{Dialect: db.Dialect, Workers: 2, PollInterval: 10 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			queues = append(queues, q)
		}
		db.SetEnqueuer(queues[0])
		entered, release := slack.holdNext("root")
		defer release()
		if err := db.InTx(ctx, func(tx *storage.Tx) error {
			tx.Enqueue(handlers.SyncSlackArgs{EnquiryID: id}, handlers.SyncSlackArgs{EnquiryID: id})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for _, q := range queues {
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { q.Stop(ctx) })
		}
		<-entered
		snoozed := `SELECT COUNT(*) FROM river_job WHERE kind = 'sync_slack' AND CAST(metadata->>'snoozes' AS INTEGER) > 0`
		completed := `SELECT COUNT(*) FROM river_job WHERE kind = 'sync_slack' AND state = 'completed'`
		waitUntil(t, 20*time.Second, "the second job snoozed or done", func() bool {
			return callCount(t, db, snoozed) > 0 || callCount(t, db, completed) > 0
		})
		release()
		waitUntil(t, 30*time.Second, "both jobs completed", func() bool { return callCount(t, db, completed) == 2 })
		slack.wantOnce(t, db, id, 1)
		if callCount(t, db, snoozed) == 0 {
			t.Error("the second job ran beside the first, want it snoozed")
		}
	})
}

func waitUntil(t *testing.T, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(limit); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, limit)
		}
	}
}
