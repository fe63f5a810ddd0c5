package main

// Shared pieces of the security tests in security_*_test.go: the program
// started with SMTP, the call webhook and advisers and a lead configured, and
// the checks on what reached Slack.

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/httpapi"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
)

const (
	secCallSecret  = "calls-secret-0815"
	secSlackSecret = "signing-secret" // what startBot configures
	secCitizen     = "jens@example.dk"
)

// startSecurityBot is startBot with two advisers (UADV1, UADV2), one lead
// (ULEAD), the call webhook and SMTP replies to smtp configured.
func startSecurityBot(t *testing.T, dialect string, smtp *smtptest.Server) *testBot {
	t.Helper()
	extra := map[string]string{"SLACK_ADVISERS": "UADV1,UADV2", "SLACK_LEADS": "ULEAD", "CALLS_WEBHOOK_SECRET": secCallSecret}
	if smtp != nil {
		extra["SMTP_ADDR"], extra["SMTP_TLS"] = smtp.Addr(), "none"
	}
	return startBot(t, dialect, extra)
}

// postCall sends body to /api/calls signed with secret at time at ("" sends
// it unsigned) and returns the status.
func (b *testBot) postCall(t *testing.T, body []byte, at time.Time, secret string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+b.HTTPAddr()+"/api/calls", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		ts := strconv.FormatInt(at.Unix(), 10)
		req.Header.Set(httpapi.HeaderCallTimestamp, ts)
		req.Header.Set(httpapi.HeaderCallSignature, "sha256="+hex.EncodeToString(httpapi.SignCall([]byte(secret), ts, body)))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

// slashCommand posts `/affald text` by user, signed, and waits for the answer.
func (b *testBot) slashCommand(t *testing.T, user, text string) {
	t.Helper()
	form := url.Values{"command": {"/affald"}, "user_id": {user}, "channel_id": {testChannel}, "text": {text}, "trigger_id": {"trig-2"}}
	if got := b.slackPost(t, form.Encode(), "application/x-www-form-urlencoded", time.Now(), secSlackSecret); got != 200 {
		t.Fatalf("/affald %s: status %d", text, got)
	}
	b.Receiver.Wait()
}

func (b *testBot) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := b.DB.Get(&n, b.DB.Rebind(query), args...); err != nil {
		t.Fatal(err)
	}
	return n
}

// postedText is everything a Slack message shows: its text and every string
// in its blocks, decoded from JSON (where < and > may be \u003c and \u003e).
func postedText(t *testing.T, m slacktest.Message) string {
	t.Helper()
	out := []string{m.Text}
	if len(m.Blocks) > 0 {
		var v any
		if err := json.Unmarshal(m.Blocks, &v); err != nil {
			t.Fatalf("blocks are not JSON: %v", err)
		}
		out = appendStrings(out, v)
	}
	return strings.Join(out, "\n")
}

func appendStrings(out []string, v any) []string {
	switch x := v.(type) {
	case string:
		out = append(out, x)
	case []any:
		for _, e := range x {
			out = appendStrings(out, e)
		}
	case map[string]any:
		for _, e := range x {
			out = appendStrings(out, e)
		}
	}
	return out
}

// liveMarkup is what must never reach Slack from a citizen: mrkdwn that
// mentions, broadcasts or links (bare broadcasts included, as Slack parses
// them where names are linked).
var liveMarkup = []string{"<!", "<@", "<#", "<http", "<mailto", "@here", "@channel", "@everyone"}

// assertNoLiveMarkup fails for any live mention or link in msgs.
func assertNoLiveMarkup(t *testing.T, msgs []slacktest.Message) {
	t.Helper()
	for _, m := range msgs {
		out := strings.ToLower(postedText(t, m))
		for _, bad := range liveMarkup {
			if strings.Contains(out, bad) {
				t.Errorf("message %s shows %q live: %q", m.TS, bad, out)
			}
		}
	}
}

// pollUntil polls cond (state in the database as well as in fake Slack) until
// it holds, failing the test after timeout.
func pollUntil(t *testing.T, timeout time.Duration, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(timeout); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", timeout)
		}
	}
}

// allPosted reports whether every stored message has reached Slack.
func (b *testBot) allPosted(t *testing.T) bool {
	return b.count(t, `SELECT COUNT(*) FROM messages WHERE kind <> 'ignored' AND (slack_ts = '' OR slack_ts = 'pending')`) == 0
}
