package mail

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// These tests run against a real Dovecot when AFFALDSBOT_DOVECOT_ADDR names
// one started by testdata/dovecot/start.sh (user citizen/shared).

func dovecotSettings(t *testing.T) IMAPSettings {
	t.Helper()
	addr := os.Getenv("AFFALDSBOT_DOVECOT_ADDR")
	if addr == "" {
		t.Skip("AFFALDSBOT_DOVECOT_ADDR not set; start one with mail/testdata/dovecot/start.sh")
	}
	return IMAPSettings{
		Addr: addr, Username: "citizen", Password: "shared", TLS: TLSNone, Auth: AuthPlain,
		Mailbox: fmt.Sprintf("test-%d", time.Now().UnixNano()),
	}
}

// dovecotAppend delivers raw into mailbox (created if missing) from a second
// connection, unflagged, and returns when the server has confirmed it.
func dovecotAppend(ctx context.Context, t testing.TB, c *imapConn, mailbox string, raw []byte) {
	t.Helper()
	if err := ensureMailbox(c.Client, mailbox); err != nil {
		t.Fatal(err)
	}
	cmd := c.Append(mailbox, int64(len(raw)), nil)
	if _, err := cmd.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

func dovecotFlags(t *testing.T, c *imapConn, mailbox string) [][]imap.Flag {
	t.Helper()
	sel, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumMessages == 0 {
		return nil
	}
	bufs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{Flags: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var flags [][]imap.Flag
	for _, b := range bufs {
		flags = append(flags, b.Flags)
	}
	return flags
}

func TestDovecotWatcherHandlesAndMarks(t *testing.T) {
	for _, done := range []string{"", "Behandlet"} {
		t.Run("done="+done, func(t *testing.T) {
			s := dovecotSettings(t)
			if done != "" {
				s.DoneMailbox = s.Mailbox + "-" + done
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			deliverer, err := dialIMAP(ctx, s, &imapclient.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer deliverer.Close()
			dovecotAppend(ctx, t, deliverer, s.Mailbox, testMail(1))

			r := newRecorder()
			w := fastWatcher(s, r)
			runWatcher(t, w)
			r.next(t)
			waitConnected(t, w)
			dovecotAppend(ctx, t, deliverer, s.Mailbox, testMail(2))
			if got := r.next(t); string(got.Raw) != string(testMail(2)) {
				t.Errorf("second mail raw = %q", got.Raw)
			}
			eventually(t, "both marked", func() bool {
				if done != "" {
					return len(dovecotFlags(t, deliverer, s.Mailbox)) == 0 && len(dovecotFlags(t, deliverer, s.DoneMailbox)) == 2
				}
				flags := dovecotFlags(t, deliverer, s.Mailbox)
				return len(flags) == 2 && slices.Contains(flags[0], imap.FlagSeen) && slices.Contains(flags[1], imap.FlagSeen)
			})
		})
	}
}

// TestDovecotIdleNotificationDelay measures the time from an APPEND being
// confirmed to the EXISTS reaching an idling client, and to the watcher's
// handler.
func TestDovecotIdleNotificationDelay(t *testing.T) {
	s := dovecotSettings(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	deliverer, err := dialIMAP(ctx, s, &imapclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer deliverer.Close()
	if err := ensureMailbox(deliverer.Client, s.Mailbox); err != nil {
		t.Fatal(err)
	}
	exists := idlingClient(ctx, t, s)
	r := newRecorder()
	w := fastWatcher(s, r)
	runWatcher(t, w)
	waitConnected(t, w)
	time.Sleep(200 * time.Millisecond) // let the watcher enter IDLE

	var toExists, toHandler, beyond []time.Duration
	for i := range 10 {
		dovecotAppend(ctx, t, deliverer, s.Mailbox, testMail(i))
		appended := time.Now()
		var notified time.Time
		select {
		case notified = <-exists:
		case <-time.After(5 * time.Second):
			t.Fatal("no EXISTS within 5 s")
		}
		r.next(t)
		handled := time.Now()
		toExists = append(toExists, notified.Sub(appended))
		toHandler = append(toHandler, handled.Sub(appended))
		beyond = append(beyond, handled.Sub(notified))
	}
	slices.Sort(toExists)
	slices.Sort(toHandler)
	slices.Sort(beyond)
	t.Logf("APPEND confirmed → EXISTS at an idling client: median %v, max %v", toExists[5], toExists[9])
	t.Logf("APPEND confirmed → watcher handler called:    median %v, max %v", toHandler[5], toHandler[9])
	t.Logf("EXISTS at the idling client → handler called: median %v, max %v", beyond[5], beyond[9])
}

// idlingClient selects s.Mailbox, idles, and reports the arrival time of
// every EXISTS.
func idlingClient(ctx context.Context, t *testing.T, s IMAPSettings) <-chan time.Time {
	t.Helper()
	exists := make(chan time.Time, 100)
	opts := &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				exists <- time.Now()
			}
		},
	}}
	c, err := dialIMAP(ctx, s, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if _, err := c.Select(s.Mailbox, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Idle(); err != nil {
		t.Fatal(err)
	}
	return exists
}
