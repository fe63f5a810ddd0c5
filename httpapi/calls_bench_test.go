package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/httpapi"
	"github.com/affaldsbot/affaldsbot/jobs"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// benchClients is how many contact-centre connections post at once.
const benchClients = 16

// benchServer serves the webhook over a real, migrated database with the
// real handlers and River inserting the Slack jobs in each transaction.
func benchServer(b *testing.B, dialect string) *httptest.Server {
	db := storagetest.Open(b, dialect)
	if withoutQueue {
		db.SetEnqueuer(dropJobs{})
		return benchHTTP(b, db)
	}
	if err := jobs.Migrate(context.Background(), db.DB.DB, db.Dialect); err != nil {
		b.Fatal(err)
	}
	q, err := jobs.New(db.DB.DB, nil, jobs.Config{Dialect: db.Dialect, InsertOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	db.SetEnqueuer(q)
	return benchHTTP(b, db)
}

// withoutQueue drops the jobs instead of inserting them, to measure what
// the job queue's insert costs.
var withoutQueue bool

func benchHTTP(b *testing.B, db *storage.DB) *httptest.Server {
	srv := httptest.NewServer(httpapi.NewCallsHandler(callSecret, callService(db), time.Now))
	b.Cleanup(srv.Close)
	return srv
}

func benchClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * benchClients}}
}

var benchSeq atomic.Int64

// postCall sends one new, signed call and returns how long the answer took.
func postCall(b *testing.B, c *http.Client, url string) time.Duration {
	n := benchSeq.Add(1)
	body := fmt.Sprintf(`{"call_id":"bench-%d","caller_number":"+4512%06d","caller_name":"Borger %d","note":"Spørger om storskrald i gården","queue":"affald","transferred_by":"Borgerservice","transferred_at":%q}`,
		n, n%1000000, n, time.Now().Format(time.RFC3339))
	start := time.Now()
	resp, err := c.Do(signedCall(url, body, start, callSecret))
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

// BenchmarkCallsWebhook: benchClients clients post distinct signed calls;
// reports requests per second and the 99th percentile latency.
func BenchmarkCallsWebhook(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			url := benchServer(b, dialect).URL + "/api/calls"
			c := benchClient()
			lat := make([]time.Duration, b.N)
			var next atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			for range benchClients {
				wg.Go(func() {
					for i := next.Add(1) - 1; i < int64(b.N); i = next.Add(1) - 1 {
						lat[i] = postCall(b, c, url)
					}
				})
			}
			wg.Wait()
			reportLatency(b, lat)
		})
	}
}

// BenchmarkCallsWebhookParallel is the same load through b.RunParallel
// (GOMAXPROCS × 8 goroutines).
func BenchmarkCallsWebhookParallel(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			url := benchServer(b, dialect).URL + "/api/calls"
			c := benchClient()
			var mu sync.Mutex
			var lat []time.Duration
			b.SetParallelism(8)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					mine = append(mine, postCall(b, c, url))
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			})
			reportLatency(b, lat)
		})
	}
}

func reportLatency(b *testing.B, lat []time.Duration) {
	elapsed := b.Elapsed()
	b.StopTimer()
	slices.Sort(lat)
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
	b.ReportMetric(p(0.5), "p50_ms")
	b.ReportMetric(p(0.99), "p99_ms")
}

// BenchmarkCallsWebhookNoQueue is BenchmarkCallsWebhook with the job inserts
// dropped: the share of the job queue in the cost of a call.
func BenchmarkCallsWebhookNoQueue(b *testing.B) {
	withoutQueue = true
	defer func() { withoutQueue = false }()
	BenchmarkCallsWebhook(b)
}
