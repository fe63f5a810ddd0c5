package e2e

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func newWorld(t testing.TB, dialect string, postsPerSecond float64) *world {
	w := &world{
		imap:  imaptest.Start(t, map[string]string{"affald": "hemmeligt"}),
		slack: slacktest.New(slacktest.Options{PostsPerSecond: postsPerSecond, Burst: max(1, int(postsPerSecond))}),
		dbURL: storagetest.URL(t, dialect),
	}
	t.Cleanup(w.slack.Close)
	return w
}

func (w *world) deliverBacklog(t testing.TB, n int, bigEvery int) {
	for i := range n {
		size := 0
		if bigEvery > 0 && i%bigEvery == bigEvery-1 {
			size = 10 << 20
		}
		if _, err := w.imap.Deliver("INBOX", citizenMail(i, size), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

// threads checks the fake Slack: every mail has exactly one root message and
// exactly one thread post of its text; it returns how many roots there are.
func (w *world) threads(t testing.TB) (roots int, problems []string) {
	seen := map[string]int{}
	for _, m := range w.slack.Roots(channel) {
		if m.Metadata == nil {
			continue
		}
		id := fmt.Sprint(m.Metadata.EventPayload["enquiry_id"])
		seen[id]++
		if seen[id] > 1 {
			problems = append(problems, "enquiry "+id+" has two root messages")
		}
		posts := map[string]int{}
		for _, r := range w.slack.Thread(channel, m.TS)[1:] {
			if r.Metadata != nil {
				posts[fmt.Sprint(r.Metadata.EventPayload["message_id"])]++
			}
		}
		for mid, n := range posts {
			if n > 1 {
				problems = append(problems, fmt.Sprintf("message %s posted %d times in enquiry %s", mid, n, id))
			}
		}
		if len(posts) != 1 {
			problems = append(problems, fmt.Sprintf("enquiry %s has %d thread posts, want 1", id, len(posts)))
		}
	}
	return len(seen), problems
}

// TestBacklogSurvivesKill9 kills the bot with SIGKILL three times at random
// points while it drains a backlog: afterwards every mail has exactly one
// root message and one thread post.
func TestBacklogSurvivesKill9(t *testing.T) {
	const mails = 150
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel() // each waits for the rescue of the jobs its kills cut off
			w := newWorld(t, dialect, 50)
			w.deliverBacklog(t, mails, 0)
			rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
			for kill := range 3 {
				p := w.start(t)
				time.Sleep(time.Duration(300+rng.IntN(1500)) * time.Millisecond)
				p.kill()
				t.Logf("kill %d: %d roots posted", kill+1, len(w.slack.Roots(channel)))
			}
			p := w.start(t)
			waitUntil(t, 3*time.Minute, "all threads complete", func() bool {
				n, problems := w.threads(t)
				return n == mails && len(problems) == 0
			})
			p.stop(t)
			n, problems := w.threads(t)
			t.Logf("%d mails, %d roots, problems: %v", mails, n, problems)
			if n != mails || len(problems) > 0 {
				t.Errorf("after three kills: %d roots for %d mails; %v", n, mails, problems)
			}
		})
	}
}
