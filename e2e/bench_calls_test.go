package e2e

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/httpapi"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// callsSecret is CALLS_WEBHOOK_SECRET of the benchmarks.
const callsSecret = "e2e-calls-secret"

// benchSlackRate is the fake Slack's posts per second per channel in
// BenchmarkCallsWebhook: AFFALDSBOT_BENCH_SLACK, default unlimited (-1).
var benchSlackRate = float64(envInt("AFFALDSBOT_BENCH_SLACK", -1))

// callClients is how many contact-centre connections post at once.
const callClients = 16

// BenchmarkCallsWebhook is the webhook bar of docs/performance.md as the contact centre meets
// it: `affaldsbot run` as its own process, callClients connections posting
// distinct signed calls over loopback, while the bot's jobs post each new
// call's root message and thread to the fake Slack (which here takes as many
// posts as it is sent: the jobs run flat out beside the webhook). It reports
// calls per second, the median and 99th percentile latency, and how many
// Slack posts a second the jobs made meanwhile.
//
//	go test ./e2e -run '^$' -bench CallsWebhook -benchtime 20000x
func BenchmarkCallsWebhook(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			w := newWorld(b, dialect, benchSlackRate)
			addr := freeAddr(b)
			p := w.start(b, "IMAP_ADDR=", "HTTP_ADDR="+addr, "CALLS_WEBHOOK_SECRET="+callsSecret)
			waitHealthy(b, addr)
			url := "http://" + addr + "/api/calls"
			c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: callClients}}
			postCalls(b, c, url, signedCalls(200)) // warm: connections, statements, the first jobs
			calls := signedCalls(b.N)
			posts := w.slack.Calls("chat.postMessage")
			b.ResetTimer()
			lat := postCalls(b, c, url, calls)
			elapsed := b.Elapsed()
			b.StopTimer()
			posts = w.slack.Calls("chat.postMessage") - posts
			b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "calls/s")
			reportLatency(b, lat)
			b.ReportMetric(float64(posts)/elapsed.Seconds(), "slack-posts/s")
			p.stop(b)
		})
	}
}

// signedCall is one new call's body, signed ahead so that the client's own
// work stays out of the measurement.
type signedCall struct {
	body       []byte
	stamp, sig string
}

var callSeq atomic.Int64

func signedCalls(n int) []signedCall {
	calls := make([]signedCall, n)
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	at := time.Now().Format(time.RFC3339)
	for i := range calls {
		k := callSeq.Add(1)
		body := fmt.Appendf(nil, `{"call_id":"e2e-%d-%d","caller_number":"+4512%06d","caller_name":"Borger %d",`+
			`"note":"Spørger om storskrald i gården","queue":"affald","transferred_by":"Borgerservice","transferred_at":%q}`,
			time.Now().UnixNano(), k, k%1000000, k, at)
		calls[i] = signedCall{body, stamp, "sha256=" + hex.EncodeToString(httpapi.SignCall([]byte(callsSecret), stamp, body))}
	}
	return calls
}

// postCalls sends the calls over callClients connections and returns each
// one's latency; every call must be created.
func postCalls(b *testing.B, c *http.Client, url string, calls []signedCall) []time.Duration {
	lat := make([]time.Duration, len(calls))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range callClients {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(calls)); i = next.Add(1) - 1 {
				lat[i] = postCall(b, c, url, calls[i])
			}
		})
	}
	wg.Wait()
	return lat
}

func postCall(b *testing.B, c *http.Client, url string, call signedCall) time.Duration {
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(call.body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(httpapi.HeaderCallTimestamp, call.stamp)
	req.Header.Set(httpapi.HeaderCallSignature, call.sig)
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		b.Error(err)
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		b.Errorf("status %d", resp.StatusCode)
	}
	return time.Since(start)
}

// freeAddr is a loopback address nothing listens on now.
func freeAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitHealthy waits until the bot at addr answers /healthz.
func waitHealthy(t testing.TB, addr string) {
	waitUntil(t, 30*time.Second, "the bot answers /healthz", func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}
