package mail

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/imaptest"
)

// BenchmarkDeliverToHandle measures the time from a delivery into the
// watched mailbox to the handler being called, with the watcher in IDLE.
func BenchmarkDeliverToHandle(b *testing.B) {
	srv := imaptest.Start(b, users)
	called := make(chan time.Time, 1)
	cursors := &memCursors{}
	handle := func(_ context.Context, in Incoming) error {
		called <- time.Now()
		cursors.commit(in)
		return nil
	}
	w := NewWatcher(testSettings(srv), cursors, handle, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = w.Run(ctx) }()
	for i := 0; !w.Connected() && i < 500; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	raw := testMail(1)
	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := srv.Deliver("INBOX", raw, time.Time{}); err != nil {
			b.Fatal(err)
		}
		select {
		case at := <-called:
			lat = append(lat, at.Sub(start))
		case <-time.After(5 * time.Second):
			b.Fatal("handler not called within 5 s")
		}
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
