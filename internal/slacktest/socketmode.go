package slacktest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// SocketMode is a fake of Slack's Socket Mode: apps.connections.open hands
// out a WebSocket URL served here, envelopes are pushed to the connected
// client, and its acknowledgements are recorded. Point the Socket Mode
// client's API URL at APIURL.
type SocketMode struct {
	token string
	http  *httptest.Server
	up    websocket.Upgrader

	mu      sync.Mutex
	conn    *websocket.Conn
	writeMu sync.Mutex
	acks    []Ack
	opens   int
	seq     int
	changed chan struct{}
}

// Ack is one acknowledgement the client sent.
type Ack struct {
	EnvelopeID string
	Payload    json.RawMessage // nil when it carried none
}

// NewSocketMode starts the fake on 127.0.0.1. appToken is the only app-level
// token accepted; "" accepts any xapp- token.
func NewSocketMode(appToken string) *SocketMode {
	s := &SocketMode{token: appToken, changed: make(chan struct{}),
		up: websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}} // the client says it comes from api.slack.com
	mux := http.NewServeMux()
	mux.HandleFunc("/api/apps.connections.open", s.open)
	mux.HandleFunc("/link", s.serveWS)
	s.http = httptest.NewServer(mux)
	return s
}

// APIURL is the value for slack.OptionAPIURL of the Socket Mode client.
func (s *SocketMode) APIURL() string { return s.http.URL + "/api/" }

// Close drops the connection and stops the server.
func (s *SocketMode) Close() {
	s.mu.Lock()
	if s.conn != nil {
		s.conn.Close()
	}
	s.mu.Unlock()
	s.http.CloseClientConnections()
	s.http.Close()
}

func (s *SocketMode) open(w http.ResponseWriter, r *http.Request) {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	switch {
	case token == "":
		writeJSON(w, errorBody("not_authed"))
	case !strings.HasPrefix(token, "xapp-") || (s.token != "" && token != s.token):
		writeJSON(w, errorBody("invalid_auth"))
	default:
		url := "ws" + strings.TrimPrefix(s.http.URL, "http") + "/link"
		writeJSON(w, map[string]any{"ok": true, "url": url})
	}
}

func (s *SocketMode) serveWS(w http.ResponseWriter, r *http.Request) {
	c, err := s.up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	s.mu.Lock()
	if s.conn != nil {
		s.conn.Close()
	}
	s.conn, s.opens = c, s.opens+1
	s.notify()
	s.mu.Unlock()
	done := make(chan struct{})
	go s.ping(c, done)
	s.write(c, map[string]any{"type": "hello", "num_connections": 1, "connection_info": map[string]any{"app_id": "A0000TEST"},
		"debug_info": map[string]any{"host": "slacktest"}})
	s.readAcks(c)
	close(done)
}

// ping keeps the client's dead-connection timer satisfied, as Slack does.
func (s *SocketMode) ping(c *websocket.Conn, done chan struct{}) {
	t := time.NewTicker(2 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			if c.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second)) != nil {
				return
			}
		}
	}
}

func (s *SocketMode) readAcks(c *websocket.Conn) {
	for {
		var a struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if err := c.ReadJSON(&a); err != nil {
			return
		}
		s.mu.Lock()
		s.acks = append(s.acks, Ack{EnvelopeID: a.EnvelopeID, Payload: a.Payload})
		s.notify()
		s.mu.Unlock()
	}
}

func (s *SocketMode) write(c *websocket.Conn, v any) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return c.WriteJSON(v)
}

// notify wakes waiters; s.mu must be held.
func (s *SocketMode) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}
