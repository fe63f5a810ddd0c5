package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/config"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// BenchmarkDovecotMailToRoot measures the first bar of docs/performance.md against a real
// Dovecot (mail/testdata/dovecot/start.sh starts one): from APPEND to the
// root message on the fake Slack. Dovecot waits about half a second before telling
// an IDLE client about new mail, so a second, bare watcher on the same mailbox
// measures that floor for each mail, and the time beyond it is reported too.
//
//	mail/testdata/dovecot/start.sh /tmp/dovecot-bench 10143   # prints the variable to export
//	AFFALDSBOT_DOVECOT_ADDR=127.0.0.1:10143 go test ./cmd/affaldsbot -run '^$' -bench DovecotMailToRoot -benchtime 50x
func BenchmarkDovecotMailToRoot(b *testing.B) {
	addr := os.Getenv("AFFALDSBOT_DOVECOT_ADDR")
	if addr == "" {
		b.Skip("AFFALDSBOT_DOVECOT_ADDR is not set (mail/testdata/dovecot/start.sh starts a Dovecot)")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	imap := mail.IMAPSettings{Addr: addr, Username: "affald", Password: "shared", TLS: "none", Auth: "plain", Mailbox: "INBOX"}
	var floor *floorWatcher
	if os.Getenv("AFFALDSBOT_BENCH_FLOOR") != "" {
		floor = startFloorWatcher(ctx, b, imap)
	}
	slack := slacktest.New(slacktest.Options{PostsPerSecond: -1})
	defer slack.Close()
	bot := startDovecotBot(ctx, b, addr, slack)
	defer bot.Close()
	total, beyond := make([]time.Duration, 0, b.N), make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		id := fmt.Sprintf("dovecot-%d-%d@example.dk", time.Now().UnixNano(), i)
		start := time.Now()
		if err := mail.AppendSent(ctx, imap, "INBOX", []byte(dovecotMail(id, i))); err != nil {
			b.Fatal(err)
		}
		slack.WaitFor(b, 10*time.Second, func() bool { return hasRoot(slack, id) })
		got := time.Since(start)
		total = append(total, got)
		if floor != nil {
			beyond = append(beyond, got-floor.wait(b, id).Sub(start))
		}
	}
	b.StopTimer()
	reportLatency(b, total)
	if floor != nil {
		reportLatencyAs(b, beyond, "beyond-floor")
	}
}

func dovecotMail(id string, i int) string {
	return fmt.Sprintf("From: Borger <borger%d@example.dk>\r\nTo: affald@kk.example\r\nSubject: Dovecot %s\r\nMessage-ID: <%s>\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\n\r\nHvor skal batterier hen?\r\n", i, id, id)
}

// hasRoot reports whether the fake Slack shows a root message for the mail
// (the mailbox may hold older mail from earlier runs, posted too).
func hasRoot(slack *slacktest.Server, id string) bool {
	roots := slack.Roots(testChannel)
	for i := len(roots) - 1; i >= 0; i-- {
		if strings.Contains(string(roots[i].Blocks), id) {
			return true
		}
	}
	return false
}

func startDovecotBot(ctx context.Context, b *testing.B, addr string, slack *slacktest.Server) *Main {
	vars := map[string]string{"DATABASE_URL": storagetest.URL(b, "sqlite"), "HTTP_ADDR": "127.0.0.1:0",
		"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": slack.APIURL(), "SLACK_CHANNEL": testChannel,
		"IMAP_ADDR": addr, "IMAP_USERNAME": "affald", "IMAP_PASSWORD": "shared", "IMAP_TLS": "none", "MAIL_FROM": "affald@kk.example", "DIGEST_TIME": "off", "INSIGHTS_REPORT": "off"}
	cfg, err := config.Load("", func(k string) (string, bool) { v, ok := vars[k]; return v, ok })
	if err != nil {
		b.Fatal(err)
	}
	m := &Main{Config: cfg, Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	if err := m.Open(ctx); err != nil {
		b.Fatal(err)
	}
	go m.Run(ctx)
	waitConnected(b, m.watchers[0])
	return m
}

// floorWatcher is a bare IMAP watcher that notes when each mail reached it.
type floorWatcher struct {
	mu      sync.Mutex
	arrived map[string]time.Time
	cursor  uint32
}

var messageIDRe = regexp.MustCompile(`(?i)Message-ID: <([^>]+)>`)

func startFloorWatcher(ctx context.Context, b *testing.B, s mail.IMAPSettings) *floorWatcher {
	f := &floorWatcher{arrived: map[string]time.Time{}}
	w := mail.NewWatcher(s, f, func(_ context.Context, in mail.Incoming) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		if m := messageIDRe.FindSubmatch(in.Raw); m != nil {
			f.arrived[string(m[1])] = time.Now()
		}
		f.cursor = in.UID
		return nil
	}, discardLogger())
	go w.Run(ctx)
	waitConnected(b, w)
	return f
}

func waitConnected(b *testing.B, w *mail.Watcher) {
	deadline := time.Now().Add(30 * time.Second)
	for !w.Connected() {
		if time.Now().After(deadline) {
			b.Fatal("the IMAP watcher did not connect within 30 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (f *floorWatcher) LastUID(context.Context, string, uint32) (uint32, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cursor, nil
}

func (f *floorWatcher) wait(b *testing.B, id string) time.Time {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		f.mu.Lock()
		t, ok := f.arrived[id]
		f.mu.Unlock()
		if ok {
			return t
		}
		time.Sleep(time.Millisecond)
	}
	b.Fatalf("the bare watcher never saw %s", id)
	return time.Time{}
}
