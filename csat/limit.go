package csat

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Per-token limits: a person clicks and posts a few times; a script that
// hammers one link is slowed to one request every few seconds.
const (
	tokenBurst    = 10
	tokenEvery    = 3 * time.Second
	limiterCap    = 10_000           // tokens tracked at most
	limiterForget = 10 * time.Minute // a token idle this long starts afresh
)

// limiter keeps one token bucket per rating token, in this process.
type limiter struct {
	mu  sync.Mutex
	m   map[string]*bucket
	now func() time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(now func() time.Time) *limiter {
	return &limiter{m: map[string]*bucket{}, now: now}
}

// allow reports whether one more request for key may go on now.
func (l *limiter) allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.m[key]
	if !ok {
		if len(l.m) >= limiterCap {
			l.forget(now)
		}
		b = &bucket{lim: rate.NewLimiter(rate.Every(tokenEvery), tokenBurst)}
		l.m[key] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

// forget drops idle buckets; if every bucket is busy, it drops them all
// rather than grow without bound.
func (l *limiter) forget(now time.Time) {
	for k, b := range l.m {
		if now.Sub(b.seen) > limiterForget {
			delete(l.m, k)
		}
	}
	if len(l.m) >= limiterCap {
		clear(l.m)
	}
}
