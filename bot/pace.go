package bot

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/slack-go/slack"
)

// gate holds every post to one channel back while Slack has asked us to wait
// (HTTP 429 with Retry-After), so parallel jobs do not hammer it.
type gate struct {
	mu    sync.Mutex
	until time.Time
}

// maxInlineWait is how long a post waits in place; a longer pause goes back to
// the job queue as a snooze.
const maxInlineWait = 5 * time.Second

func (b *Bot) gate(channel string) *gate {
	g, _ := b.gates.LoadOrStore(channel, &gate{})
	return g.(*gate)
}

func (g *gate) wait(ctx context.Context) error {
	g.mu.Lock()
	d := time.Until(g.until)
	g.mu.Unlock()
	if d <= 0 {
		return nil
	}
	if d > maxInlineWait {
		return &affaldsbot.RetryLater{After: d, Err: errors.New("slack rate limit")}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (g *gate) hold(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if u := time.Now().Add(d); u.After(g.until) {
		g.until = u
	}
}

// paced runs call against channel, waiting out and retrying Slack's rate
// limits a few times before handing the wait to the job queue.
func (b *Bot) paced(ctx context.Context, channel string, call func() error) error {
	g := b.gate(channel)
	for range 5 {
		if err := g.wait(ctx); err != nil {
			return err
		}
		err := call()
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) {
			return err
		}
		g.hold(rl.RetryAfter)
	}
	return &affaldsbot.RetryLater{After: time.Second, Err: errors.New("slack rate limit")}
}
