package e2e

import (
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// BenchmarkBacklog1000 is the burst of docs/performance.md: 1,000 mails wait in the mailbox
// when the bot starts (1 in 100 with a 10 MB attachment) and the fake Slack
// lets 50 posts a second through per channel. It reports the drain time
// against the bar 1.25 × posts ÷ 50/s, the posts per mail, and the bot
// process's memory: idle before the burst and its peak during it.
//
//	go test ./e2e -run '^$' -bench Backlog1000 -benchtime 1x
func BenchmarkBacklog1000(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			for range b.N {
				runBacklog(b, dialect, 1000, 100)
			}
		})
	}
}

func runBacklog(b *testing.B, dialect string, mails, bigEvery int) {
	w := newWorld(b, dialect, 50)
	idle := w.start(b, "IMAP_ADDR=") // intake off: the process with nothing to do
	time.Sleep(3 * time.Second)
	idleRSS, _ := idle.rssKB()
	idle.stop(b)
	w.deliverBacklog(b, mails, bigEvery)
	start := time.Now()
	p := w.start(b)
	waitUntil(b, 15*time.Minute, "backlog drained", func() bool {
		n, problems := w.threads(b)
		return n == mails && len(problems) == 0
	})
	elapsed := time.Since(start)
	_, peak := p.rssKB()
	p.stop(b)
	posts := w.slack.Calls("chat.postMessage")
	bar := 1.25 * float64(posts) / 50
	b.ReportMetric(elapsed.Seconds(), "drain-s")
	b.ReportMetric(bar, "bar-s")
	b.ReportMetric(float64(posts)/float64(mails), "posts/mail")
	b.ReportMetric(float64(idleRSS)/1024, "idle-RSS-MB")
	b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
	if _, problems := w.threads(b); len(problems) > 0 {
		b.Errorf("problems: %v", problems)
	}
}
