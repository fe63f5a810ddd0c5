package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/jobs"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// laterArgs is effectArgs that must not run before At.
type laterArgs struct {
	effectArgs
	At time.Time `json:"at"`
}

func (a laterArgs) RunAt() time.Time { return a.At }

// A scheduled job waits for its time, also across a restart of the queue,
// and then runs once.
func TestScheduledJobRunsAtItsTimeAfterRestart(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		migrate(t, db)
		work := func(ctx context.Context, a laterArgs) error { return effect(db)(ctx, a.effectArgs) }
		r := newRegistry(work)
		first := startQueue(t, db, r)
		at := time.Now().Add(1500 * time.Millisecond)
		if err := db.InTx(ctx, func(tx *storage.Tx) error { tx.Enqueue(laterArgs{effectArgs{"later"}, at}); return nil }); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		if n := count(db, "later"); n != 0 {
			t.Fatalf("the job ran %d times before its time", n)
		}
		if err := first.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		second := startQueue(t, db, newRegistry(work))
		defer second.Stop(ctx)
		waitFor(t, 20*time.Second, func() bool { return count(db, "later") == 1 })
		if time.Now().Before(at) {
			t.Errorf("the job ran before its time")
		}
		time.Sleep(300 * time.Millisecond)
		if n := count(db, "later"); n != 1 {
			t.Errorf("the job ran %d times, want once", n)
		}
	})
}

func (laterArgs) Kind() string { return "test_later" }

func newRegistry(work func(context.Context, laterArgs) error) *jobs.Registry {
	r := jobs.NewRegistry()
	jobs.Register(r, work, jobs.Options{MaxAttempts: 5})
	return r
}

func startQueue(t *testing.T, db *storage.DB, r *jobs.Registry) *jobs.Queue {
	t.Helper()
	q, err := jobs.New(db.DB.DB, r, jobs.Config{Dialect: db.Dialect})
	if err != nil {
		t.Fatal(err)
	}
	db.SetEnqueuer(q)
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return q
}
