package main

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// flakyStore is the database as one replica sees it: down while down is set.
type flakyStore struct {
	*storage.DB
	down atomic.Bool
}

func (f *flakyStore) AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	if f.down.Load() {
		return false, errors.New("connection refused")
	}
	return f.DB.AcquireLease(ctx, name, holder, ttl)
}

// replica runs work under the lease and counts how many replicas work at once.
type replica struct {
	lease   *lease
	working atomic.Bool
	stopped chan error
}

func startReplica(ctx context.Context, store leaseStore, holder string, busy *atomic.Int32, overlap *atomic.Bool) *replica {
	r := &replica{stopped: make(chan error, 1)}
	r.lease = &lease{store: store, name: "imap:INBOX", holder: holder, ttl: 600 * time.Millisecond, log: slog.New(slog.DiscardHandler)}
	go func() {
		r.stopped <- r.lease.Run(ctx, func(wctx context.Context) error {
			if busy.Add(1) > 1 {
				overlap.Store(true)
			}
			r.working.Store(true)
			<-wctx.Done()
			r.working.Store(false)
			busy.Add(-1)
			return nil
		})
	}()
	return r
}

func eventuallyTrue(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, within)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestLeaseMovesWhenTheHolderCannotRenew: of two replicas one works; when the
// database becomes unreachable for the working one it stops within the TTL and
// the other takes over; never do both work at once.
func TestLeaseMovesWhenTheHolderCannotRenew(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var busy atomic.Int32
		var overlap atomic.Bool
		sa, sb := &flakyStore{DB: db}, &flakyStore{DB: db}
		a := startReplica(ctx, sa, "a", &busy, &overlap)
		eventuallyTrue(t, 2*time.Second, "a works", a.working.Load)
		b := startReplica(ctx, sb, "b", &busy, &overlap)
		time.Sleep(time.Second)
		if b.working.Load() || b.lease.Held() {
			t.Fatal("b works while a holds the lease")
		}
		sa.down.Store(true)
		eventuallyTrue(t, 600*time.Millisecond, "a stops", func() bool { return !a.working.Load() })
		eventuallyTrue(t, 1200*time.Millisecond, "b takes over", b.working.Load)
		cancel()
		for _, r := range []*replica{a, b} {
			if err := <-r.stopped; err != nil {
				t.Errorf("Run: %v", err)
			}
		}
		if overlap.Load() {
			t.Error("both replicas worked at once")
		}
	})
}

// TestLeaseReleasedOnShutdown: a replica stopping gracefully frees the lease
// at once, and a work function that ends by itself ends Run.
func TestLeaseReleasedOnShutdown(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		var busy atomic.Int32
		var overlap atomic.Bool
		a := startReplica(ctx, db, "a", &busy, &overlap)
		eventuallyTrue(t, 2*time.Second, "a works", a.working.Load)
		cancel()
		<-a.stopped
		holder, _, err := db.LeaseHolder(context.Background(), "imap:INBOX")
		if err != nil || holder != "" {
			t.Errorf("after shutdown the lease is held by %q (%v)", holder, err)
		}
		l := &lease{store: db, name: "imap:INBOX", holder: "b", ttl: time.Second, log: slog.New(slog.DiscardHandler)}
		want := errors.New("mailbox gone")
		if err := l.Run(context.Background(), func(context.Context) error { return want }); !errors.Is(err, want) {
			t.Errorf("Run = %v, want the work's error", err)
		}
	})
}
