package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/config"
	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// testBot is the real program started against fakes: an in-process IMAP
// server, a fake Slack Web API and a real database.
type testBot struct {
	*Main
	imap   *imaptest.Server
	slack  *slacktest.Server
	cancel context.CancelFunc
	done   chan error
}

const testChannel = "C0ENQUIRY"

func startBot(t *testing.T, dialect string, extra map[string]string) *testBot {
	return startBotTB(t, dialect, slacktest.Options{PostsPerSecond: -1}, extra)
}

func startBenchBot(b *testing.B, dialect string) *testBot {
	return startBotTB(b, dialect, slacktest.Options{PostsPerSecond: -1}, nil)
}

func startBotTB(t testing.TB, dialect string, so slacktest.Options, extra map[string]string) *testBot {
	t.Helper()
	imap := imaptest.Start(t, map[string]string{"affald": "hemmeligt"})
	slack := slacktest.New(so)
	t.Cleanup(slack.Close)
	vars := map[string]string{
		"DATABASE_URL": storagetest.URL(t, dialect), "HTTP_ADDR": "127.0.0.1:0",
		"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "signing-secret", "SLACK_API_URL": slack.APIURL(),
		"SLACK_CHANNEL": testChannel, "IMAP_ADDR": imap.Addr(), "IMAP_USERNAME": "affald", "IMAP_PASSWORD": "hemmeligt",
		"IMAP_TLS": "none", "MAIL_FROM": "affald@kk.example", "DIGEST_TIME": "off",
		"INSIGHTS_REPORT": "off",
	}
	for k, v := range extra {
		vars[k] = v
	}
	cfg, err := config.Load("", func(k string) (string, bool) { v, ok := vars[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	return runMain(t, cfg, imap, slack)
}

// runMain opens and runs the program with cfg against the fakes.
func runMain(t testing.TB, cfg *config.Config, imap *imaptest.Server, slack *slacktest.Server) *testBot {
	t.Helper()
	m := &Main{Config: cfg, Log: discardLogger()}
	ctx, cancel := context.WithCancel(context.Background())
	if err := m.Open(ctx); err != nil {
		t.Fatal(err)
	}
	b := &testBot{Main: m, imap: imap, slack: slack, cancel: cancel, done: make(chan error, 1)}
	go func() { b.done <- m.Run(ctx) }()
	t.Cleanup(func() { b.stop(t); m.Close() })
	return b
}

// restart stops the program and starts it again on the same database and
// fakes, as a deploy does: nothing held in memory survives.
func (b *testBot) restart(t testing.TB) *testBot {
	t.Helper()
	b.stop(t)
	b.Close()
	return runMain(t, b.Config, b.imap, b.slack)
}

func (b *testBot) stop(t testing.TB) {
	b.cancel()
	select {
	case err := <-b.done:
		if err != nil {
			t.Errorf("Run returned %v after cancel", err)
		}
		b.done <- nil
	case <-time.After(30 * time.Second):
		t.Error("Run did not return within 30 s of cancel")
	}
}

func (b *testBot) deliver(t *testing.T, raw string) {
	t.Helper()
	if _, err := b.imap.Deliver("INBOX", []byte(strings.ReplaceAll(raw, "\n", "\r\n")), time.Now()); err != nil {
		t.Fatal(err)
	}
}

func citizenMail(id, subject, body string, headers ...string) string {
	h := strings.Join(headers, "\n")
	if h != "" {
		h += "\n"
	}
	return fmt.Sprintf("From: Jens Hansen <jens@example.dk>\nTo: affald@kk.example\nSubject: %s\nMessage-ID: <%s>\nDate: Thu, 26 Nov 2026 09:14:03 +0100\n%sContent-Type: text/plain; charset=utf-8\n\n%s\n", subject, id, h, body)
}

func TestMailBecomesOneThreadAndReplyJoinsIt(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b := startBot(t, dialect, nil)
			b.deliver(t, citizenMail("q1@example.dk", "Pizzabakker med fedt", "Hej, hvor skal en fedtet pizzabakke hen? Mvh Jens"))
			b.slack.WaitFor(t, 20*time.Second, func() bool { return len(b.slack.Roots(testChannel)) == 1 && len(b.thread()) == 2 })
			root := b.slack.Roots(testChannel)[0]
			if root.Metadata == nil || root.Metadata.EventType != "affaldsbot_enquiry" || fmt.Sprint(root.Metadata.EventPayload["enquiry_id"]) != "1" {
				t.Errorf("root metadata = %+v", root.Metadata)
			}
			if !strings.Contains(string(root.Blocks), "Pizzabakker med fedt") {
				t.Errorf("root blocks do not show the subject: %s", root.Blocks)
			}
			b.deliver(t, citizenMail("q2@example.dk", "Re: Pizzabakker med fedt", "Og hvad med låget?", "In-Reply-To: <q1@example.dk>", "References: <q1@example.dk>"))
			b.slack.WaitFor(t, 20*time.Second, func() bool { return len(b.thread()) == 3 })
			b.deliver(t, citizenMail("ooo@example.dk", "Fraværende", "Jeg er på ferie.", "Auto-Submitted: auto-replied"))
			b.deliver(t, citizenMail("q3@example.dk", "Storskrald", "Hvornår henter I sofaer?"))
			b.slack.WaitFor(t, 20*time.Second, func() bool { return len(b.slack.Roots(testChannel)) == 2 })
			if n := len(b.thread()); n != 3 {
				t.Errorf("first thread has %d messages, want 3 (root, mail, follow-up)", n)
			}
			var ignored int
			b.DB.Get(&ignored, `SELECT COUNT(*) FROM messages WHERE kind = 'ignored' AND reason <> ''`)
			if ignored != 1 {
				t.Errorf("%d ignored mails stored, want the auto-reply kept with its reason", ignored)
			}
		})
	}
}

func (b *testBot) thread() []slacktest.Message {
	roots := b.slack.Roots(testChannel)
	if len(roots) == 0 {
		return nil
	}
	return b.slack.Thread(testChannel, roots[0].TS)
}
