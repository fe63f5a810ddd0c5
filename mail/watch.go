package mail

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"sync/atomic"
	"time"
)

// Incoming is one message fetched from the watched mailbox.
type Incoming struct {
	Mailbox      string
	UIDValidity  uint32
	UID          uint32
	InternalDate time.Time // the server's receipt time
	Raw          []byte
}

// CursorStore tells the watcher where it left off.
type CursorStore interface {
	// LastUID returns the highest UID already committed for mailbox at
	// uidValidity (0 if none or if uidValidity changed).
	LastUID(ctx context.Context, mailbox string, uidValidity uint32) (uint32, error)
}

// Watcher delivers every message of one IMAP mailbox to a handler, once the
// handler accepts it, in UID order, and marks it afterwards (moved to
// DoneMailbox, else flagged \Seen). It never deletes or expunges.
//
// The handler's contract:
//   - it returns nil only once the message is stored for good, and commits
//     its UID so that CursorStore.LastUID reports it from then on (ideally in
//     the same transaction);
//   - it de-duplicates (by Message-ID or content hash): after a UIDVALIDITY
//     change LastUID is 0 and every message is fetched again, and a crash
//     between the handler's commit and the mark may deliver one twice;
//   - on error the message is not marked and is offered again after a
//     backoff; no later message is handled before it.
type Watcher struct {
	s       IMAPSettings
	cursors CursorStore
	handle  func(ctx context.Context, m Incoming) error
	log     *slog.Logger

	connected atomic.Bool

	minBackoff, maxBackoff time.Duration
	idleRestart            time.Duration // re-issue IDLE this often
	pollInterval           time.Duration // without IDLE
	batch                  int           // UIDs listed per round
}

// NewWatcher returns a watcher of s.Mailbox; Run starts it.
func NewWatcher(s IMAPSettings, cursors CursorStore, handle func(ctx context.Context, m Incoming) error, log *slog.Logger) *Watcher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Watcher{
		s: s, cursors: cursors, handle: handle,
		log:          log.With(slog.String("mailbox", s.Mailbox)),
		minBackoff:   500 * time.Millisecond,
		maxBackoff:   30 * time.Second,
		idleRestart:  25 * time.Minute,
		pollInterval: 30 * time.Second,
		batch:        500,
	}
}

// Connected reports whether the watcher is logged in with the mailbox
// selected.
func (w *Watcher) Connected() bool { return w.connected.Load() }

// Run watches until ctx ends, reconnecting with backoff after any error, and
// returns nil then.
func (w *Watcher) Run(ctx context.Context) error {
	b := backoff{min: w.minBackoff, max: w.maxBackoff}
	for ctx.Err() == nil {
		err := w.session(ctx, &b)
		w.connected.Store(false)
		if ctx.Err() != nil {
			break
		}
		d := b.next()
		w.log.Warn("imap watcher disconnected", slog.Any("err", err), slog.Duration("retry_in", d))
		sleep(ctx, d)
	}
	return nil
}

// backoff grows exponentially from min to max, with jitter in [d/2, d).
type backoff struct {
	min, max time.Duration
	n        int
}

func (b *backoff) next() time.Duration {
	d := b.min << min(b.n, 30)
	if d > b.max || d <= 0 {
		d = b.max
	}
	b.n++
	return d/2 + rand.N(d/2+1)
}

func (b *backoff) reset() { b.n = 0 }

// sleep waits d or until ctx ends, reporting whether ctx is still alive.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
