package slacktest

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// bucket is a token bucket: one token a post, refilled at the posting rate.
type bucket struct {
	tokens float64
	last   time.Time
}

// rateLimited answers 429 with Retry-After when chat.postMessage goes past
// the channel's rate, as Slack does; s.mu must be held.
func (s *Server) rateLimited(w http.ResponseWriter, method string, a args) bool {
	rate, burst := s.rate()
	if method != "chat.postMessage" || rate < 0 {
		return false
	}
	now := time.Now()
	b := s.buckets[a.str("channel")]
	if b == nil {
		b = &bucket{tokens: burst, last: now}
		s.buckets[a.str("channel")] = b
	}
	b.tokens = math.Min(burst, b.tokens+now.Sub(b.last).Seconds()*rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return false
	}
	s.throttled[method]++
	retry := max(1, int(math.Ceil((1-b.tokens)/rate)))
	w.Header().Set("Retry-After", strconv.Itoa(retry))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte(`{"ok":false,"error":"ratelimited"}` + "\n"))
	return true
}

// rate is the posts per second and burst per channel; a negative rate means
// no limit.
func (s *Server) rate() (rate, burst float64) {
	rate = s.opts.PostsPerSecond
	if rate == 0 {
		rate = 1
	}
	burst = float64(s.opts.Burst)
	if burst <= 0 {
		burst = math.Max(1, rate)
	}
	return rate, burst
}
