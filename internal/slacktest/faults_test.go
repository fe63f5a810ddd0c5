package slacktest

import (
	"encoding/json"
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

func TestRefuseNextAnswersAnAPIError(t *testing.T) {
	s := New(Options{PostsPerSecond: -1})
	defer s.Close()
	del := func() string {
		resp, err := http.PostForm(s.APIURL()+"files.delete", url.Values{"token": {"xoxb-1"}, "file": {"F404"}})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			OK    bool   `json:"ok"`
			Error string `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusOK || body.OK {
			t.Fatalf("status %d, body %+v, %v", resp.StatusCode, body, err)
		}
		return body.Error
	}
	s.RefuseNext("files.delete", 1, "cant_delete_file")
	if got := del(); got != "cant_delete_file" {
		t.Errorf("first call: %q, want the injected cant_delete_file", got)
	}
	if got := del(); got != "file_not_found" {
		t.Errorf("second call: %q, want the server's own answer", got)
	}
}
