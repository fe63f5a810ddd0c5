package slacktest

import (
	"net/http"
	"time"
)

// FailFor makes every call of method answer with HTTP status (500, 429 …) and
// an HTML body, as Slack's front end does, for the duration d; then the
// method answers normally again.
func (s *Server) FailFor(method string, d time.Duration, status int) {
	s.FailNext(method, 1<<30, status)
	time.AfterFunc(d, func() { s.FailNext(method, 0, status) })
}

// ThrottleFor uses up channel's posting allowance for d: chat.postMessage to
// it answers 429 with Retry-After, as Slack does, until the bucket refills.
// Without a rate limit it does nothing.
func (s *Server) ThrottleFor(channel string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rate, _ := s.rate()
	if rate < 0 {
		return
	}
	s.buckets[channel] = &bucket{tokens: 1 - d.Seconds()*rate, last: time.Now()}
}

// RefuseNext makes the next n calls of method answer with the API error
// code (HTTP 200, {"ok":false,"error":code}), as Slack refuses a call it
// will not carry out, e.g. files.delete with "cant_delete_file".
func (s *Server) RefuseNext(method string, n int, code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = failure{n: n, status: http.StatusOK, code: code}
}
