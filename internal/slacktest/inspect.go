package slacktest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Messages returns every message in channel, roots and replies, in ts order.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return copyMessages(s.messages[channel], func(*Message) bool { return true })
}

// Roots returns the channel's top-level messages in ts order.
func (s *Server) Roots(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return copyMessages(s.messages[channel], func(m *Message) bool { return !m.IsReply() })
}

// Thread returns the root with ts and its replies in ts order; nil when
// there is no such message.
func (s *Server) Thread(channel, ts string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	root := s.find(channel, ts)
	if root == nil {
		return nil
	}
	return append([]Message{*root}, copyMessages(s.replies[channel+"/"+root.TS], func(*Message) bool { return true })...)
}

func copyMessages(ms []*Message, keep func(*Message) bool) []Message {
	var out []Message
	for _, m := range ms {
		if keep(m) {
			out = append(out, *m)
		}
	}
	return out
}

// Ephemerals returns every ephemeral message in the order they were posted.
func (s *Server) Ephemerals() []Ephemeral {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.ephemerals)
}

// Views returns every view opened or published, as last updated.
func (s *Server) Views() []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.views)
}

// Files returns every file announced, in ID order.
func (s *Server) Files() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]File, 0, len(s.files))
	for _, f := range s.files {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Calls counts the calls of a Web API method received so far, refused ones
// included ("upload" counts uploads to the upload URL).
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// Throttled counts the calls of method answered with 429.
func (s *Server) Throttled(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.throttled[method]
}

// Wait blocks until cond holds or ctx ends. cond is checked now and after
// every change the server accepts; it must not call back into a method that
// waits.
func (s *Server) Wait(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("wait for fake Slack: %w", ctx.Err())
		}
	}
}

// TB is the part of testing.TB that WaitFor uses.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// WaitFor fails the test unless cond holds within timeout.
func (s *Server) WaitFor(t TB, timeout time.Duration, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := s.Wait(ctx, cond); err != nil {
		t.Fatalf("condition not met within %v: %v", timeout, err)
	}
}
