package httpapi_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/httpapi"
	"github.com/affaldsbot/affaldsbot/jobs"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// benchClients is how many contact-centre connections post at once.
const benchClients = 16

// benchRig is the webhook served over a real, migrated database with the
// real handlers, grouping concurrent calls as the bot does, and River
// inserting the Slack jobs in each transaction.
type benchRig struct {
	db    *storage.DB
	calls *handlers.CallBatcher
	url   string
}

func benchServer(b *testing.B, dialect string) *benchRig {
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

func benchHTTP(b *testing.B, db *storage.DB) *benchRig {
	calls := handlers.NewCallBatcher(callService(db), handlers.CallBatchOptions{})
	srv := httptest.NewServer(httpapi.NewCallsHandler(callSecret, calls, time.Now))
	b.Cleanup(srv.Close)
	return &benchRig{db: db, calls: calls, url: srv.URL + "/api/calls"}
}

func benchClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * benchClients}}
}

var benchSeq atomic.Int64

// benchCall is a new call's body, signed ahead so the client's own work
// stays out of the measurement.
type benchCall struct {
	body       []byte
	stamp, sig string
}

func signedBenchCalls(n int) []benchCall {
	calls := make([]benchCall, n)
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	for i := range calls {
		k := benchSeq.Add(1)
		body := fmt.Appendf(nil, `{"call_id":"bench-%d","caller_number":"+4512%06d","caller_name":"Borger %d","note":"Spørger om storskrald i gården","queue":"affald","transferred_by":"Borgerservice","transferred_at":%q}`,
			k, k%1000000, k, time.Now().Format(time.RFC3339))
		calls[i] = benchCall{body, stamp, "sha256=" + hex.EncodeToString(httpapi.SignCall(callSecret, stamp, body))}
	}
	return calls
}

// postCall sends one signed call and returns how long the answer took.
func postCall(b *testing.B, c *http.Client, url string, call benchCall) time.Duration {
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

// BenchmarkCallsWebhook: benchClients clients post distinct signed calls;
// reports requests per second and the 99th percentile latency.
func BenchmarkCallsWebhook(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			rig, c := benchServer(b, dialect), benchClient()
			calls, lat := signedBenchCalls(b.N), make([]time.Duration, b.N)
			var next atomic.Int64
			var wg sync.WaitGroup
			cpu := processCPU()
			b.ResetTimer()
			for range benchClients {
				wg.Go(func() {
					for i := next.Add(1) - 1; i < int64(b.N); i = next.Add(1) - 1 {
						lat[i] = postCall(b, c, rig.url, calls[i])
					}
				})
			}
			wg.Wait()
			reportLatency(b, lat, cpu, rig)
		})
	}
}

// BenchmarkCallsWebhookParallel is the same load through b.RunParallel
// (GOMAXPROCS × 8 goroutines).
func BenchmarkCallsWebhookParallel(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			rig, c := benchServer(b, dialect), benchClient()
			calls := signedBenchCalls(b.N)
			var next atomic.Int64
			var mu sync.Mutex
			var lat []time.Duration
			b.SetParallelism(8)
			cpu := processCPU()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					mine = append(mine, postCall(b, c, rig.url, calls[next.Add(1)-1]))
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			})
			reportLatency(b, lat, cpu, rig)
		})
	}
}

// reportLatency reports throughput, latency, this process's CPU time per
// request (client and server; the database server's is not counted) and the
// mean group size, and checks every call made one enquiry and one job.
func reportLatency(b *testing.B, lat []time.Duration, cpuBefore time.Duration, rig *benchRig) {
	elapsed, cpu := b.Elapsed(), processCPU()-cpuBefore
	b.StopTimer()
	slices.Sort(lat)
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	st := rig.calls.Stats()
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
	b.ReportMetric(p(0.5), "p50_ms")
	b.ReportMetric(p(0.99), "p99_ms")
	b.ReportMetric(float64(cpu.Microseconds())/float64(len(lat)), "cpu_µs/req")
	b.ReportMetric(float64(st.Reports)/float64(max(st.Groups, 1)), "calls/tx")
	checkBenchStored(b, rig, len(lat))
}

func checkBenchStored(b *testing.B, rig *benchRig, want int) {
	var enquiries, queued int
	if err := rig.db.Get(&enquiries, `SELECT COUNT(*) FROM enquiries`); err != nil || enquiries != want {
		b.Errorf("enquiries = %d (%v), want %d", enquiries, err, want)
	}
	if withoutQueue {
		return
	}
	if err := rig.db.Get(&queued, `SELECT COUNT(*) FROM river_job WHERE kind = 'sync_slack'`); err != nil || queued != want {
		b.Errorf("sync_slack jobs = %d (%v), want %d", queued, err, want)
	}
}

// processCPU is the user and system time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCallsWebhookNoQueue is BenchmarkCallsWebhook with the job inserts
// dropped: the share of the job queue in the cost of a call.
func BenchmarkCallsWebhookNoQueue(b *testing.B) {
	withoutQueue = true
	defer func() { withoutQueue = false }()
	BenchmarkCallsWebhook(b)
}
