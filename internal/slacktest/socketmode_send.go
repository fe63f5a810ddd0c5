package slacktest

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Envelope types Slack sends in Socket Mode.
const (
	EnvelopeEvents      = "events_api"
	EnvelopeInteractive = "interactive"
	EnvelopeCommand     = "slash_commands"
)

// Send pushes an envelope of typ with payload to the connected client under
// a new envelope ID, which it returns.
func (s *SocketMode) Send(typ string, payload any) (string, error) {
	s.mu.Lock()
	s.seq++
	id := fmt.Sprintf("env-%06d", s.seq)
	s.mu.Unlock()
	return id, s.Redeliver(id, typ, payload)
}

// Redeliver pushes an envelope under a given ID, as Slack does when an
// acknowledgement did not reach it in time.
func (s *SocketMode) Redeliver(envelopeID, typ string, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	s.mu.Lock()
	c := s.conn
	s.mu.Unlock()
	if c == nil {
		return fmt.Errorf("socket mode: no client connected")
	}
	return s.write(c, map[string]any{"envelope_id": envelopeID, "type": typ, "payload": json.RawMessage(raw),
		"accepts_response_payload": typ != EnvelopeEvents, "retry_attempt": 0, "retry_reason": ""})
}

// Disconnect asks the client to reconnect, as Slack does before it rotates
// a connection.
func (s *SocketMode) Disconnect() error {
	s.mu.Lock()
	c := s.conn
	s.mu.Unlock()
	if c == nil {
		return fmt.Errorf("socket mode: no client connected")
	}
	return s.write(c, map[string]any{"type": "disconnect", "reason": "refresh_requested"})
}

// Acks returns every acknowledgement received, in order.
func (s *SocketMode) Acks() []Ack {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.acks)
}

// AcksOf returns the acknowledgements of one envelope.
func (s *SocketMode) AcksOf(envelopeID string) []Ack {
	var out []Ack
	for _, a := range s.Acks() {
		if a.EnvelopeID == envelopeID {
			out = append(out, a)
		}
	}
	return out
}

// Opens counts the WebSocket connections the client opened.
func (s *SocketMode) Opens() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opens
}

// WaitFor fails the test unless cond holds within timeout; cond is checked
// now and after every connection and acknowledgement.
func (s *SocketMode) WaitFor(t TB, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("socket mode: condition not met within %v", timeout)
			return
		}
	}
}
