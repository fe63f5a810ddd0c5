// Package smstest is a fake HTTP SMS gateway that speaks the request format
// of docs/sms-gateway.md and refuses whatever that format does not allow.
// The demo runs it too, so it imports neither testing nor httptest.
package smstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/affaldsbot/affaldsbot/sms"
)

// Limits of a message, each with its source.
const (
	// MaxText: four concatenated GSM 7-bit segments of 153 characters
	// (3GPP TS 23.038 and TS 23.040), what the format allows.
	MaxText = 4 * 153
	// MaxSender: an alphanumeric sender is at most 11 characters (3GPP TS 23.040, TP-OA).
	MaxSender = 11
	// MaxBody: the format's limit on a request body.
	MaxBody = 8 << 10
)

// e164 is an international number: +, then 8 to 15 digits, no leading 0 (ITU-T E.164).
var e164 = regexp.MustCompile(`^\+[1-9][0-9]{7,14}$`)

// Server is the fake gateway.
type Server struct {
	URL    string // http://127.0.0.1:PORT
	srv    *http.Server
	token  string
	notify chan struct{}

	mu       sync.Mutex
	sent     []sms.Request
	byKey    map[string]sms.Request
	refused  int
	failNext int
}

// New runs a gateway on a loopback port that accepts the bearer token
// token.
func New(token string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("smstest: listen: %w", err)
	}
	s := &Server{URL: "http://" + ln.Addr().String(), token: token, byKey: map[string]sms.Request{}, notify: make(chan struct{}, 1)}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// Start is New for tests: a loopback port that cannot be had is a panic.
func Start(token string) *Server {
	s, err := New(token)
	if err != nil {
		panic(err)
	}
	return s
}

// Close stops the gateway.
func (s *Server) Close() { s.srv.Close() }

// Received is signalled (without blocking, coalescing) after each message
// sent.
func (s *Server) Received() <-chan struct{} { return s.notify }

// Sent returns the messages sent, each once.
func (s *Server) Sent() []sms.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sms.Request(nil), s.sent...)
}

// Refused counts the requests refused.
func (s *Server) Refused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused
}

// FailNext makes the next n valid requests fail with 503 before sending.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = n
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	req, key, code := s.check(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if code == http.StatusOK && s.failNext > 0 {
		s.failNext--
		code = http.StatusServiceUnavailable
	}
	if code == http.StatusOK {
		code = s.sendLocked(req, key)
	}
	if code >= 400 && code != http.StatusServiceUnavailable {
		s.refused++
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]any{"status": http.StatusText(code), "reference": key})
}

// sendLocked sends a message once per key; the same key with another
// message is refused.
func (s *Server) sendLocked(req sms.Request, key string) int {
	if prev, ok := s.byKey[key]; ok {
		if prev != req {
			return http.StatusUnprocessableEntity
		}
		return http.StatusOK
	}
	s.byKey[key] = req
	s.sent = append(s.sent, req)
	select {
	case s.notify <- struct{}{}:
	default:
	}
	return http.StatusAccepted
}

func (s *Server) check(r *http.Request) (sms.Request, string, int) {
	var req sms.Request
	key := r.Header.Get("Idempotency-Key")
	switch {
	case r.Method != http.MethodPost:
		return req, key, http.StatusMethodNotAllowed
	case r.Header.Get("Authorization") != "Bearer "+s.token || s.token == "":
		return req, key, http.StatusUnauthorized
	case r.Header.Get("Content-Type") != "application/json":
		return req, key, http.StatusUnsupportedMediaType
	case key == "":
		return req, key, http.StatusBadRequest
	}
	body := new(bytes.Buffer)
	if n, _ := body.ReadFrom(http.MaxBytesReader(nil, r.Body, MaxBody)); n >= MaxBody {
		return req, key, http.StatusRequestEntityTooLarge
	}
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || dec.More() {
		return req, key, http.StatusBadRequest
	}
	if !valid(req, key) {
		return req, key, http.StatusBadRequest
	}
	return req, key, http.StatusOK
}

func valid(req sms.Request, key string) bool {
	n := utf8.RuneCountInString(req.Text)
	return e164.MatchString(req.To) && n > 0 && n <= MaxText && req.Reference == key &&
		req.From != "" && utf8.RuneCountInString(req.From) <= MaxSender
}
