// Package llmtest is a fake OpenAI-compatible chat-completion server for
// tests: it answers /v1/chat/completions (and Azure's deployment path) with
// server-sent events or plain JSON, and records every request it receives.
package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Message is one chat message of a request.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Request is one request the server received.
type Request struct {
	Path     string
	Query    string
	Header   http.Header
	Body     string    // raw JSON, exactly as sent
	Model    string    `json:"model"`
	Stream   bool      `json:"stream"`
	Messages []Message `json:"messages"`
}

// Answer is what the fake model says to one request.
type Answer struct {
	Text   string        // streamed in chunks of a few characters
	Status int           // non-zero and not 200: answer with this HTTP error
	Delay  time.Duration // pause before each chunk
}

// Server is the fake model.
type Server struct {
	srv      *httptest.Server
	mu       sync.Mutex
	requests []Request
	answer   func(Request) Answer
}

// New starts a server on 127.0.0.1 that answers with answer(request); it is
// closed when the test ends.
func New(t testing.TB, answer func(Request) Answer) *Server {
	s := &Server{answer: answer}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// Fixed answers every request with the same text.
func Fixed(text string) func(Request) Answer {
	return func(Request) Answer { return Answer{Text: text} }
}

// URL is the base URL with /v1, as OPENAI_BASE_URL expects it.
func (s *Server) URL() string { return s.srv.URL + "/v1" }

// Root is the server's address without a path (Azure's base URL).
func (s *Server) Root() string { return s.srv.URL }

// Requests returns every request received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if !strings.HasSuffix(r.URL.Path, "/chat/completions") || r.Method != http.MethodPost {
		http.Error(w, `{"error":{"message":"not found","type":"invalid_request_error"}}`, http.StatusNotFound)
		return
	}
	raw, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	req := Request{Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: string(raw)}
	if err := json.Unmarshal(raw, &req); err != nil {
		http.Error(w, `{"error":{"message":"bad json","type":"invalid_request_error"}}`, http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	a := s.answer(req)
	switch {
	case a.Status != 0 && a.Status != http.StatusOK:
		writeError(w, a.Status)
	case req.Stream:
		writeStream(w, r, req.Model, a)
	default:
		writeJSON(w, req.Model, a.Text)
	}
}

func writeError(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"error":{"message":"fake failure %d","type":"server_error"}}`, status)
}

func writeJSON(w http.ResponseWriter, model, text string) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"id": "chatcmpl-fake", "object": "chat.completion", "model": model,
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]string{"role": "assistant", "content": text}}}})
}

func writeStream(w http.ResponseWriter, r *http.Request, model string, a Answer) {
	w.Header().Set("Content-Type", "text/event-stream")
	flusher, _ := w.(http.Flusher)
	for _, c := range Chunks(a.Text, 12) {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(a.Delay):
		}
		b, _ := json.Marshal(map[string]any{"id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": model,
			"choices": []any{map[string]any{"index": 0, "delta": map[string]string{"content": c}}}})
		fmt.Fprintf(w, "data: %s\n\n", b)
		if flusher != nil {
			flusher.Flush()
		}
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
}

// Chunks cuts text into pieces of at most n runes, as a model streams it.
func Chunks(text string, n int) []string {
	var out []string
	rs := []rune(text)
	for i := 0; i < len(rs); i += n {
		out = append(out, string(rs[i:min(i+n, len(rs))]))
	}
	return out
}
