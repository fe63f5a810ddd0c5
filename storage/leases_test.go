package storage_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func acquire(t *testing.T, db *storage.DB, name, holder string, ttl time.Duration) bool {
	t.Helper()
	ok, err := db.AcquireLease(context.Background(), name, holder, ttl)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestLeaseIsHeldByOneHolderUntilItExpiresOrIsReleased(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })
		steps := []struct {
			what   string
			holder string
			after  time.Duration
			want   bool
		}{
			{"a takes the free lease", "a", 0, true},
			{"b cannot take a's lease", "b", time.Second, false},
			{"a renews its own lease", "a", 10 * time.Second, true},
			{"b still cannot take it", "b", 10 * time.Second, false},
			{"b takes it once it expired", "b", 6 * time.Second, true},
			{"a cannot renew what it lost", "a", 0, false},
		}
		for _, s := range steps {
			now = now.Add(s.after)
			if got := acquire(t, db, "imap:INBOX", s.holder, 15*time.Second); got != s.want {
				t.Fatalf("%s: got %v, want %v", s.what, got, s.want)
			}
		}
		holder, until, err := db.LeaseHolder(context.Background(), "imap:INBOX")
		if err != nil || holder != "b" || !until.Equal(now.Add(15*time.Second)) {
			t.Errorf("LeaseHolder = %q, %v, %v; want b until %v", holder, until, err, now.Add(15*time.Second))
		}
		if acquire(t, db, "imap:Other", "a", 15*time.Second) != true {
			t.Error("a lease of another name is independent")
		}
	})
}

func TestReleasedLeaseIsFreeAtOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		acquire(t, db, "imap:INBOX", "a", time.Minute)
		if err := db.ReleaseLease(ctx, "imap:INBOX", "b"); err != nil {
			t.Fatal(err)
		}
		if acquire(t, db, "imap:INBOX", "b", time.Minute) {
			t.Fatal("b released a lease it did not hold")
		}
		if err := db.ReleaseLease(ctx, "imap:INBOX", "a"); err != nil {
			t.Fatal(err)
		}
		if !acquire(t, db, "imap:INBOX", "b", time.Minute) {
			t.Error("b cannot take the lease a released")
		}
	})
}

func TestConcurrentAcquireHasOneWinner(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		var wins atomic.Int32
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := db.AcquireLease(context.Background(), "imap:INBOX", string(rune('a'+i)), time.Minute)
				if err != nil {
					t.Error(err)
				}
				if ok {
					wins.Add(1)
				}
			}()
		}
		wg.Wait()
		if n := wins.Load(); n != 1 {
			t.Errorf("%d replicas hold the lease, want 1", n)
		}
	})
}
