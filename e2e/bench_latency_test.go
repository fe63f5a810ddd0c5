package e2e

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// BenchmarkMailToRoot is the first bar of docs/performance.md through the binary: from the
// moment a mail lands in the mailbox (go-imap's in-process server, which
// tells IDLE clients at once) to its root message on the fake Slack.
//
//	go test ./e2e -run '^$' -bench MailToRoot -benchtime 200x
func BenchmarkMailToRoot(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			w := newWorld(b, dialect, -1)
			p := w.start(b)
			w.deliverAndWait(b, 0) // the watcher is up and idling
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 1; i <= b.N; i++ {
				lat = append(lat, w.deliverAndWait(b, i))
			}
			b.StopTimer()
			reportLatency(b, lat)
			p.stop(b)
		})
	}
}

// deliverAndWait delivers mail i and waits until one more root is posted.
func (w *world) deliverAndWait(b *testing.B, i int) time.Duration {
	before := len(w.slack.Roots(channel))
	start := time.Now()
	if _, err := w.imap.Deliver("INBOX", citizenMail(i, 0), start); err != nil {
		b.Fatal(err)
	}
	w.slack.WaitFor(b, time.Minute, func() bool { return len(w.slack.Roots(channel)) > before })
	return time.Since(start)
}

// BenchmarkAck is the click bar through the binary (HTTP mode): a signed
// button click on a root message, from the request to Slack's 200; the work
// it causes runs after the acknowledgement.
//
//	go test ./e2e -run '^$' -bench Ack -benchtime 2000x
func BenchmarkAck(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			w := newWorld(b, dialect, -1)
			addr := freeAddr(b)
			p := w.start(b, "HTTP_ADDR="+addr, "SLACK_ADVISERS=UADV1")
			w.deliverAndWait(b, 0)
			root := w.slack.Roots(channel)[0]
			body := clickForm("UADV1", fmt.Sprint(root.Metadata.EventPayload["enquiry_id"]), root.TS)
			c := &http.Client{}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for range b.N {
				lat = append(lat, postSlack(b, c, "http://"+addr+"/slack/events", body))
			}
			b.StopTimer()
			reportLatency(b, lat)
			p.stop(b)
		})
	}
}

// clickForm is the interactivity form of a press of the claim button.
func clickForm(user, enquiryID, rootTS string) string {
	payload, _ := json.Marshal(map[string]any{"type": "block_actions", "trigger_id": "trig-1", "user": map[string]any{"id": user},
		"channel": map[string]any{"id": channel}, "container": map[string]any{"type": "message", "message_ts": rootTS, "channel_id": channel},
		"actions": []map[string]any{{"action_id": "enquiry_claim", "block_id": "enquiry_actions", "value": enquiryID, "type": "button"}}})
	return "payload=" + url.QueryEscape(string(payload))
}

// postSlack sends body signed as Slack signs it and returns how long the
// answer took; it must be 200.
func postSlack(b *testing.B, c *http.Client, u, body string) time.Duration {
	req := slackRequest(u, "application/x-www-form-urlencoded", body)
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("status %d", resp.StatusCode)
	}
	return time.Since(start)
}

// slackRequest is a request to u signed as Slack signs it, with the
// world's signing secret.
func slackRequest(u, contentType, body string) *http.Request {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte("e2e-secret"))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return req
}

// reportLatency reports the median and the 99th percentile in milliseconds.
func reportLatency(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	pct := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(pct(0.5), "median-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
