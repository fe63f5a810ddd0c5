package mail

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/imaptest"
)

// memCursors is a CursorStore whose commits the test handler makes.
type memCursors struct {
	mu   sync.Mutex
	last map[string]uint32
}

func (m *memCursors) key(mailbox string, uidValidity uint32) string {
	return fmt.Sprintf("%s/%d", mailbox, uidValidity)
}

func (m *memCursors) LastUID(_ context.Context, mailbox string, uidValidity uint32) (uint32, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.last[m.key(mailbox, uidValidity)], nil
}

func (m *memCursors) commit(in Incoming) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.last == nil {
		m.last = make(map[string]uint32)
	}
	m.last[m.key(in.Mailbox, in.UIDValidity)] = in.UID
}

// recorder is a handler that commits what it accepts and reports it on a
// channel; fail decides whether a message is refused.
type recorder struct {
	cursors *memCursors
	got     chan Incoming
	fail    func(in Incoming) error
}

func newRecorder() *recorder {
	return &recorder{cursors: &memCursors{}, got: make(chan Incoming, 100)}
}

func (r *recorder) handle(_ context.Context, in Incoming) error {
	if r.fail != nil {
		if err := r.fail(in); err != nil {
			return err
		}
	}
	r.cursors.commit(in)
	r.got <- in
	return nil
}

// next waits for the next handled message.
func (r *recorder) next(t *testing.T) Incoming {
	t.Helper()
	select {
	case in := <-r.got:
		return in
	case <-time.After(5 * time.Second):
		t.Fatal("no message reached the handler within 5 s")
		return Incoming{}
	}
}

func testSettings(srv *imaptest.Server) IMAPSettings {
	return IMAPSettings{
		Addr: srv.Addr(), Username: "citizen", Password: "shared",
		TLS: TLSNone, Auth: AuthPlain, Mailbox: "INBOX",
		TLSConfig: srv.ClientTLSConfig(),
	}
}

// runWatcher starts w and stops it at the end of the test, failing it if Run
// does not return promptly.
func runWatcher(t *testing.T, w *Watcher) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run = %v, want nil", err)
			}
		case <-time.After(2 * time.Second):
			t.Error("Run did not return within 2 s of cancel")
		}
	})
}

func fastWatcher(s IMAPSettings, r *recorder) *Watcher {
	w := NewWatcher(s, r.cursors, r.handle, nil)
	w.minBackoff, w.maxBackoff = 5*time.Millisecond, 50*time.Millisecond
	return w
}

func testMail(n int) []byte {
	return fmt.Appendf(nil, "From: citizen%d@example.org\r\nTo: affald@kk.dk\r\n"+
		"Subject: Mail %d\r\nMessage-ID: <m%d@example.org>\r\n\r\nHvor skal pizzabakker hen? %d\r\n", n, n, n, n)
}

func deliver(t testing.TB, srv *imaptest.Server, mailbox string, n int) {
	t.Helper()
	if _, err := srv.Deliver(mailbox, testMail(n), time.Time{}); err != nil {
		t.Fatal(err)
	}
}

func waitConnected(t *testing.T, w *Watcher) {
	t.Helper()
	for range 500 {
		if w.Connected() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("watcher not connected within 5 s")
}

func messages(t *testing.T, srv *imaptest.Server, mailbox string) []imaptest.Message {
	t.Helper()
	msgs, err := srv.Messages(mailbox)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}
