package bot_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// BenchmarkAck measures how long a signed button click takes to be
// acknowledged over HTTP (docs/performance.md: p99 ≤ 50 ms); the work it causes runs
// after the acknowledgement, as it does in production.
func BenchmarkAck(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			env := newRecvEnv(b, storagetest.Open(b, dialect))
			id, rootTS := env.enquiry(b)
			body := clickBody("UADV1", bot.ActionClaim, strconv.FormatInt(id, 10), rootTS)
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for range b.N {
				req := signed(body, formType, testSecret, time.Now())
				w := httptest.NewRecorder()
				start := time.Now()
				env.http.ServeHTTP(w, req)
				lat = append(lat, time.Since(start))
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
			b.StopTimer()
			env.recv.Wait()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		})
	}
}
