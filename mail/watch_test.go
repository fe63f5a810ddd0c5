package mail

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/google/go-cmp/cmp"
)

var users = map[string]string{"citizen": "shared"}

// eventually polls cond for up to 5 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 250 {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("not within 5 s: %s", what)
}

func allSeen(msgs []imaptest.Message) bool {
	for _, m := range msgs {
		if !slices.Contains(m.Flags, `\Seen`) {
			return false
		}
	}
	return true
}

func TestWatcherHandlesWaitingMailInUIDOrder(t *testing.T) {
	srv := imaptest.Start(t, users)
	base := time.Date(2026, 11, 26, 9, 14, 3, 0, time.UTC)
	for i := 1; i <= 5; i++ {
		if _, err := srv.Deliver("INBOX", testMail(i), base.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	r := newRecorder()
	runWatcher(t, fastWatcher(testSettings(srv), r))

	var got []Incoming
	for range 5 {
		got = append(got, r.next(t))
	}
	var want []Incoming
	for i := 1; i <= 5; i++ {
		want = append(want, Incoming{Mailbox: "INBOX", UIDValidity: got[0].UIDValidity, UID: uint32(i),
			InternalDate: base.Add(time.Duration(i) * time.Minute), Raw: testMail(i)})
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
	eventually(t, "all flagged \\Seen", func() bool { return allSeen(messages(t, srv, "INBOX")) })
}

func TestWatcherHandlesMailArrivingWhileIdle(t *testing.T) {
	srv := imaptest.Start(t, users)
	r := newRecorder()
	w := fastWatcher(testSettings(srv), r)
	runWatcher(t, w)
	waitConnected(t, w)
	for i := 1; i <= 3; i++ {
		deliver(t, srv, "INBOX", i)
		if got := r.next(t); got.UID != uint32(i) || string(got.Raw) != string(testMail(i)) {
			t.Fatalf("handled uid %d %q, want uid %d", got.UID, got.Raw, i)
		}
	}
}

func TestWatcherRetriesRefusedMailWithoutMarkingOrSkipping(t *testing.T) {
	srv := imaptest.Start(t, users)
	r := newRecorder()
	var refuse atomic.Bool
	refuse.Store(true)
	attempts := make(chan uint32, 100)
	r.fail = func(in Incoming) error {
		attempts <- in.UID
		if refuse.Load() {
			return errors.New("database down")
		}
		return nil
	}
	deliver(t, srv, "INBOX", 1)
	deliver(t, srv, "INBOX", 2)
	runWatcher(t, fastWatcher(testSettings(srv), r))

	for range 3 {
		if uid := <-attempts; uid != 1 {
			t.Fatalf("offered uid %d while uid 1 is refused", uid)
		}
	}
	for _, m := range messages(t, srv, "INBOX") {
		if len(m.Flags) != 0 {
			t.Errorf("uid %d has flags %v while refused, want none", m.UID, m.Flags)
		}
	}
	refuse.Store(false)
	if a, b := r.next(t), r.next(t); a.UID != 1 || b.UID != 2 {
		t.Errorf("handled uids %d, %d; want 1, 2", a.UID, b.UID)
	}
	eventually(t, "both flagged \\Seen", func() bool { return allSeen(messages(t, srv, "INBOX")) })
}

func TestWatcherMovesHandledMailToDoneMailbox(t *testing.T) {
	srv := imaptest.Start(t, users)
	deliver(t, srv, "INBOX", 1)
	deliver(t, srv, "INBOX", 2)
	s := testSettings(srv)
	s.DoneMailbox = "Behandlet"
	r := newRecorder()
	runWatcher(t, fastWatcher(s, r))
	r.next(t)
	r.next(t)
	eventually(t, "INBOX empty and two mails in Behandlet", func() bool {
		return len(messages(t, srv, "INBOX")) == 0 && len(messages(t, srv, "Behandlet")) == 2
	})
	var got []string
	for _, m := range messages(t, srv, "Behandlet") {
		got = append(got, string(m.Raw))
	}
	if diff := cmp.Diff([]string{string(testMail(1)), string(testMail(2))}, got); diff != "" {
		t.Errorf("Behandlet (-want +got):\n%s", diff)
	}
}

func TestWatcherReissuesIdle(t *testing.T) {
	srv := imaptest.Start(t, users)
	r := newRecorder()
	w := fastWatcher(testSettings(srv), r)
	w.idleRestart = 10 * time.Millisecond
	runWatcher(t, w)
	waitConnected(t, w)
	time.Sleep(100 * time.Millisecond) // several IDLE rounds
	deliver(t, srv, "INBOX", 1)
	if got := r.next(t); got.UID != 1 {
		t.Errorf("handled uid %d, want 1", got.UID)
	}
}

func TestWatcherCatchesUpAfterServerRestart(t *testing.T) {
	srv := imaptest.Start(t, users)
	r := newRecorder()
	w := fastWatcher(testSettings(srv), r)
	runWatcher(t, w)
	waitConnected(t, w)
	deliver(t, srv, "INBOX", 1)
	r.next(t)

	srv.Stop()
	eventually(t, "watcher notices the drop", func() bool { return !w.Connected() })
	deliver(t, srv, "INBOX", 2)
	deliver(t, srv, "INBOX", 3)
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	if a, b := r.next(t), r.next(t); a.UID != 2 || b.UID != 3 {
		t.Errorf("after restart handled uids %d, %d; want 2, 3", a.UID, b.UID)
	}
	waitConnected(t, w)
}

func TestWatcherRefetchesAfterUIDValidityChange(t *testing.T) {
	srv := imaptest.Start(t, users)
	r := newRecorder()
	w := fastWatcher(testSettings(srv), r)
	runWatcher(t, w)
	deliver(t, srv, "INBOX", 1)
	first := r.next(t)

	if err := srv.ResetMailbox("INBOX"); err != nil {
		t.Fatal(err)
	}
	deliver(t, srv, "INBOX", 2)
	if err := srv.DropConnections(); err != nil {
		t.Fatal(err)
	}
	got := r.next(t)
	if got.UIDValidity == first.UIDValidity || got.UID != 1 || string(got.Raw) != string(testMail(2)) {
		t.Errorf("after the reset handled uidvalidity %d uid %d %q; want a new uidvalidity, uid 1, mail 2",
			got.UIDValidity, got.UID, got.Raw)
	}
}

func TestWatcherRunReturnsPromptlyOnCancel(t *testing.T) {
	srv := imaptest.Start(t, users)
	down := imaptest.Start(t, users)
	down.Stop()
	for name, s := range map[string]IMAPSettings{"idle": testSettings(srv), "backing off": testSettings(down)} {
		t.Run(name, func(t *testing.T) {
			w := NewWatcher(s, &memCursors{}, func(context.Context, Incoming) error { return nil }, nil)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- w.Run(ctx) }()
			time.Sleep(100 * time.Millisecond)
			start := time.Now()
			cancel()
			select {
			case err := <-done:
				if err != nil || time.Since(start) > 500*time.Millisecond {
					t.Errorf("Run = %v after %v, want nil within 500 ms", err, time.Since(start))
				}
			case <-time.After(2 * time.Second):
				t.Fatal("Run did not return within 2 s of cancel")
			}
		})
	}
}

func TestWatcherConnectedOnlyWhileSelected(t *testing.T) {
	srv := imaptest.Start(t, users)
	s := testSettings(srv)
	s.Mailbox = "Findes-ikke"
	w := NewWatcher(s, &memCursors{}, func(context.Context, Incoming) error { return nil }, nil)
	runWatcher(t, w)
	time.Sleep(200 * time.Millisecond)
	if w.Connected() {
		t.Error("Connected() = true although the mailbox cannot be selected")
	}
}
