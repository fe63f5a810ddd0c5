package slacktest

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestFailForAnswersStatusForAStretch(t *testing.T) {
	s := New(Options{PostsPerSecond: -1})
	defer s.Close()
	post := func() int {
		resp, err := http.PostForm(s.APIURL()+"chat.postMessage", url.Values{"token": {"xoxb-1"}, "channel": {"C1"}, "text": {"hej"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	s.FailFor("chat.postMessage", 300*time.Millisecond, http.StatusServiceUnavailable)
	for range 3 {
		if got := post(); got != http.StatusServiceUnavailable {
			t.Fatalf("during the stretch: status %d, want 503", got)
		}
	}
	time.Sleep(400 * time.Millisecond)
	if got := post(); got != http.StatusOK {
		t.Errorf("after the stretch: status %d, want 200", got)
	}
}

func TestThrottleForAnswers429WithRetryAfter(t *testing.T) {
	s := New(Options{PostsPerSecond: 10})
	defer s.Close()
	s.ThrottleFor("C1", 2*time.Second)
	resp, err := http.PostForm(s.APIURL()+"chat.postMessage", url.Values{"token": {"xoxb-1"}, "channel": {"C1"}, "text": {"hej"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "2" {
		t.Errorf("answer = %d, Retry-After %q; want 429 and 2", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}
