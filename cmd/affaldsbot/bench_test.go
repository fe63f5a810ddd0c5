package main

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// BenchmarkMailToRoot measures the first bar of docs/performance.md: from the moment a mail
// lands in the mailbox (go-imap's in-process server, which notifies IDLE
// clients at once) to the root message being posted on the fake Slack.
//
//	go test ./cmd/affaldsbot -run '^$' -bench MailToRoot -benchtime 200x
func BenchmarkMailToRoot(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			bot := startBenchBot(b, dialect)
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				start := time.Now()
				if _, err := bot.imap.Deliver("INBOX", []byte(benchMail(i)), start); err != nil {
					b.Fatal(err)
				}
				bot.slack.WaitFor(b, 10*time.Second, func() bool { return len(bot.slack.Roots(testChannel)) == i+1 })
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			reportLatency(b, lat)
		})
	}
}

func benchMail(i int) string {
	return fmt.Sprintf("From: Borger %d <borger%d@example.dk>\r\nTo: affald@kk.example\r\nSubject: Spørgsmål %d om sortering\r\n"+
		"Message-ID: <bench-%d-%d@example.dk>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHvor skal kaffekapsler hen?\r\n",
		i, i, i, time.Now().UnixNano(), i)
}

func reportLatency(b *testing.B, lat []time.Duration) { reportLatencyAs(b, lat, "") }

// reportLatencyAs reports the median and p99 of lat in milliseconds.
func reportLatencyAs(b *testing.B, lat []time.Duration, prefix string) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	if prefix != "" {
		prefix += "-"
	}
	b.ReportMetric(pct(0.5), prefix+"median-ms")
	b.ReportMetric(pct(0.99), prefix+"p99-ms")
}
