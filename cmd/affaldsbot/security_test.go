package main

// Security tests in one place, against the real program (Main) in Slack HTTP
// mode with fake Slack, IMAP and a real database. What they hold us to:
//   - /slack/events acts on nothing unsigned, wrongly signed or older than
//     5 minutes; a body over 1 MiB gets 413 before it is parsed.
//   - A replay of a correctly signed request inside the 5-minute window is
//     accepted by the signature check (Slack's own guidance), but acts once:
//     Events API callbacks are de-duplicated by event_id, and every lifecycle
//     button is idempotent by state (a second claim is a conflict, no event).
//   - Nobody outside SLACK_ADVISERS changes anything with any button.
//   - No citizen-controlled text can mention, ping or link in Slack.
//   - No secret reaches the log or /metrics.

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/config"
	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

const secSigning = "signing-secret-sec-4711"

var secSecrets = map[string]string{"SLACK_BOT_TOKEN": "xoxb-secret-token-4711", "SLACK_SIGNING_SECRET": secSigning,
	"IMAP_PASSWORD": "imap-pass-4711", "CALLS_WEBHOOK_SECRET": "calls-secret-4711", "OPENAI_API_KEY": "sk-secret-4711"}

// startSecBot starts Main in HTTP mode with a log written to logBuf.
func startSecBot(t *testing.T, logBuf *bytes.Buffer) *testBot {
	t.Helper()
	imap := imaptest.Start(t, map[string]string{"affald": secSecrets["IMAP_PASSWORD"]})
	sl := slacktest.New(slacktest.Options{PostsPerSecond: -1})
	t.Cleanup(sl.Close)
	vars := map[string]string{"DATABASE_URL": storagetest.URL(t, storage.SQLite), "HTTP_ADDR": "127.0.0.1:0",
		"SLACK_API_URL": sl.APIURL(), "SLACK_CHANNEL": testChannel, "IMAP_ADDR": imap.Addr(), "IMAP_USERNAME": "affald",
		"IMAP_TLS": "none", "MAIL_FROM": "affald@kk.example", "SLACK_ADVISERS": "UADV1", "SLACK_LEADS": "ULEAD",
		"OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "OPENAI_MODEL": "m"}
	for k, v := range secSecrets {
		vars[k] = v
	}
	cfg, err := config.Load("", func(k string) (string, bool) { v, ok := vars[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	m := &Main{Config: cfg, Log: slog.New(slog.NewJSONHandler(io.MultiWriter(logBuf, &suiteLog), &slog.HandlerOptions{Level: slog.LevelDebug}))}
	ctx, cancel := context.WithCancel(context.Background())
	if err := m.Open(ctx); err != nil {
		t.Fatal(err)
	}
	b := &testBot{Main: m, imap: imap, slack: sl, cancel: cancel, done: make(chan error, 1)}
	go func() { b.done <- m.Run(ctx) }()
	t.Cleanup(func() { b.stop(t); m.Close() })
	return b
}

func (b *testBot) slackPost(t *testing.T, body, contentType string, at time.Time, secret string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+b.HTTPAddr()+"/slack/events", strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if secret != "" {
		ts := strconv.FormatInt(at.Unix(), 10)
		mac := hmac.New(sha256.New, []byte(secret))
		fmt.Fprintf(mac, "v0:%s:%s", ts, body)
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

func click(user, actionID, value, rootTS string) string {
	p := map[string]any{"type": "block_actions", "trigger_id": "trig-1", "user": map[string]any{"id": user},
		"channel": map[string]any{"id": testChannel}, "container": map[string]any{"type": "message", "message_ts": rootTS, "channel_id": testChannel},
		"actions": []map[string]any{{"action_id": actionID, "block_id": bot.ActionsBlockID, "value": value, "type": "button", "selected_user": "UADV1"}}}
	b, _ := json.Marshal(p)
	return "payload=" + url.QueryEscape(string(b))
}

func (b *testBot) eventCount(t *testing.T) int {
	var n int
	if err := b.DB.Get(&n, `SELECT COUNT(*) FROM events`); err != nil {
		t.Fatal(err)
	}
	return n
}

// hostileMail carries mrkdwn and link injection in every field a citizen controls.
const hostileMail = "From: \"<!channel> <@U0BOSS>\" <jens@example.dk>\nTo: affald@kk.example\n" +
	"Subject: <!here> <http://evil.example|klik> *fed*\nMessage-ID: <hostile@example.dk>\nMIME-Version: 1.0\n" +
	"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n" +
	"Hej <!everyone> <!subteam^S0TEAM> <@U0BOSS> <https://evil.example/login|Log ind her> &lt;!channel&gt;\n" +
	"--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"../../<!channel><http:x>.txt\"\n\nx\n--b--\n"

func TestSecurity(t *testing.T) {
	var logBuf bytes.Buffer
	b := startSecBot(t, &logBuf)
	b.deliver(t, hostileMail)
	b.slack.WaitFor(t, 20*time.Second, func() bool { return len(b.slack.Roots(testChannel)) == 1 && len(b.thread()) >= 2 })
	root := b.slack.Roots(testChannel)[0]
	t.Run("no mention or link from citizen text", func(t *testing.T) {
		assertNoLiveMarkup(t, append(b.thread(), root))
		var names []string
		b.DB.Select(&names, `SELECT filename FROM attachments`)
		for _, n := range names {
			if strings.ContainsAny(n, `/\`) || strings.Contains(n, "..") {
				t.Errorf("stored attachment name %q", n)
			}
		}
	})
	t.Run("signatures", func(t *testing.T) {
		now := time.Now()
		verify := `{"type":"url_verification","challenge":"c1","token":"x"}`
		for _, tc := range []struct {
			name   string
			at     time.Time
			secret string
			want   int
		}{{"missing", now, "", 401}, {"wrong", now, "not-the-secret", 401}, {"stale", now.Add(-6 * time.Minute), secSigning, 401},
			{"future", now.Add(6 * time.Minute), secSigning, 401}, {"valid", now, secSigning, 200}} {
			if got := b.slackPost(t, verify, "application/json", tc.at, tc.secret); got != tc.want {
				t.Errorf("%s: status %d, want %d", tc.name, got, tc.want)
			}
		}
		big := `{"type":"url_verification","challenge":"` + strings.Repeat("x", 1<<20) + `"}`
		if got := b.slackPost(t, big, "application/json", now, secSigning); got != 413 {
			t.Errorf("over 1 MiB: status %d, want 413", got)
		}
	})
	t.Run("non-advisers change nothing", func(t *testing.T) {
		before := b.eventCount(t)
		value := fmt.Sprint(root.Metadata.EventPayload["enquiry_id"])
		ids := []string{bot.ActionClaim, bot.ActionRelease, bot.ActionReply, bot.ActionDraft, bot.ActionClose, bot.ActionReopen,
			bot.ActionFile, bot.ActionHandOver, bot.ActionReplyRetry, bot.ActionDraftUse, bot.ActionDraftDiscard}
		for _, id := range ids {
			if got := b.slackPost(t, click("UOUTSIDER", id, value, root.TS), "application/x-www-form-urlencoded", time.Now(), secSigning); got != 200 {
				t.Errorf("%s: status %d", id, got)
			}
		}
		b.Receiver.Wait()
		if after := b.eventCount(t); after != before {
			t.Errorf("a non-adviser's clicks added %d events", after-before)
		}
	})
	t.Run("replayed claim acts once", func(t *testing.T) {
		before := b.eventCount(t)
		body := click("UADV1", bot.ActionClaim, fmt.Sprint(root.Metadata.EventPayload["enquiry_id"]), root.TS)
		at := time.Now()
		for range 2 {
			if got := b.slackPost(t, body, "application/x-www-form-urlencoded", at, secSigning); got != 200 {
				t.Errorf("status %d", got)
			}
		}
		b.Receiver.Wait()
		if after := b.eventCount(t); after != before+1 {
			t.Errorf("replayed claim added %d events, want 1", after-before)
		}
	})
	t.Run("no secret in log or metrics", func(t *testing.T) {
		res, err := http.Get("http://" + b.HTTPAddr() + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		metrics, _ := io.ReadAll(res.Body)
		res.Body.Close()
		fmt.Fprint(&logBuf, b.Config.String())
		for name, v := range secSecrets {
			if bytes.Contains(logBuf.Bytes(), []byte(v)) || bytes.Contains(metrics, []byte(v)) {
				t.Errorf("%s appears in the log or /metrics", name)
			}
		}
	})
}
