// Package slacktest is an in-process Slack Web API that answers like Slack,
// limits included: block and text limits, per-channel rate limits with 429
// and Retry-After, and injectable server errors. Point slack-go at it with
// slack.OptionAPIURL(srv.APIURL()) and inspect what was posted.
package slacktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Options configure a Server. The zero value is a strict Slack that accepts
// any xoxb- token and any channel, and lets one post a second through per
// channel.
type Options struct {
	Token          string              // the only bot token accepted; "" accepts any xoxb- token
	Channels       []string            // the channels that exist; empty means any
	PostsPerSecond float64             // chat.postMessage per channel (other methods are not limited); 0 means 1, negative means unlimited
	Burst          int                 // posts allowed at once per channel; 0 means max(1, PostsPerSecond)
	BlockTextCap   int                 // total block text before msg_blocks_too_long; 0 means 13,200
	Users          map[string]User     // users.info answers
	UserGroups     map[string][]string // usergroups.users.list answers, by group ID
	BotUserID      string              // auth.test's user_id; "" means UBOT00001
	TeamID         string              // auth.test's team_id; "" means T0000TEST
}

// User is what users.info knows of one user.
type User struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	RealName string `json:"real_name"`
	TZ       string `json:"tz,omitempty"`
	IsBot    bool   `json:"is_bot"`
}

// Server is a running fake Slack Web API.
type Server struct {
	opts Options
	http *httptest.Server

	mu         sync.Mutex
	changed    chan struct{}         // closed and replaced on every change
	messages   map[string][]*Message // by channel, in ts order
	index      map[string]*Message   // by channel/ts
	replies    map[string][]*Message // by channel/thread_ts, in ts order
	ephemerals []Ephemeral
	views      []View
	files      map[string]*File
	calls      map[string]int
	throttled  map[string]int
	failures   map[string]failure
	buckets    map[string]*bucket
	lastTS     int64 // microseconds since the epoch of the last ts handed out
	seq        int
}

// failure is an injected answer: HTTP status with an HTML body, or (code
// set) an API error {"ok":false,"error":code}.
type failure struct {
	n, status int
	code      string
}

// New starts a Server on 127.0.0.1. Close it when done.
func New(opts Options) *Server {
	s := &Server{
		opts:      opts,
		changed:   make(chan struct{}),
		messages:  map[string][]*Message{},
		index:     map[string]*Message{},
		replies:   map[string][]*Message{},
		files:     map[string]*File{},
		calls:     map[string]int{},
		throttled: map[string]int{},
		failures:  map[string]failure{},
		buckets:   map[string]*bucket{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/{method}", s.serveAPI)
	mux.HandleFunc("POST /upload/{file}", s.serveUpload)
	s.http = httptest.NewServer(mux)
	return s
}

// URL is the server's base URL, e.g. http://127.0.0.1:41234.
func (s *Server) URL() string { return s.http.URL }

// APIURL is the value for slack.OptionAPIURL.
func (s *Server) APIURL() string { return s.http.URL + "/api/" }

// Close shuts the server down.
func (s *Server) Close() { s.http.Close() }

// FailNext makes the next n calls of method answer with HTTP status (e.g. 500)
// and an HTML body, as Slack's front end does.
func (s *Server) FailNext(method string, n, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = failure{n: n, status: status}
}

// handler answers one Web API method; it runs with s.mu held.
type handler func(s *Server, a args) (any, *apiError)

var handlers = map[string]handler{
	"auth.test":                    (*Server).authTest,
	"chat.postMessage":             (*Server).postMessage,
	"chat.update":                  (*Server).update,
	"chat.postEphemeral":           (*Server).postEphemeral,
	"conversations.history":        (*Server).conversationHistory,
	"conversations.replies":        (*Server).conversationReplies,
	"views.open":                   (*Server).viewsOpen,
	"views.update":                 (*Server).viewsUpdate,
	"views.push":                   (*Server).viewsPush,
	"views.publish":                (*Server).viewsPublish,
	"usergroups.users.list":        (*Server).userGroupMembers,
	"users.info":                   (*Server).usersInfo,
	"files.getUploadURLExternal":   (*Server).getUploadURL,
	"files.completeUploadExternal": (*Server).completeUpload,
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := r.PathValue("method")
	a, err := parseArgs(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[method]++
	if s.injectFailure(w, method) {
		return
	}
	switch {
	case err != nil:
		writeJSON(w, errorBody("invalid_form_data"))
	case s.authError(r, a) != "":
		writeJSON(w, errorBody(s.authError(r, a)))
	case handlers[method] == nil:
		writeJSON(w, errorBody("unknown_method"))
	case s.rateLimited(w, method, a):
	default:
		s.answer(w, handlers[method], a)
	}
}

func (s *Server) answer(w http.ResponseWriter, h handler, a args) {
	body, err := h(s, a)
	if err != nil {
		b := errorBody(err.code)
		if err.detail != "" {
			b["errors"] = []string{err.detail}
			b["response_metadata"] = map[string]any{"messages": []string{"[ERROR] " + err.detail}}
		}
		writeJSON(w, b)
		return
	}
	s.notify()
	writeJSON(w, body)
}

func (s *Server) injectFailure(w http.ResponseWriter, method string) bool {
	f := s.failures[method]
	if f.n <= 0 {
		return false
	}
	s.failures[method] = failure{n: f.n - 1, status: f.status, code: f.code}
	if f.code != "" {
		writeJSON(w, map[string]any{"ok": false, "error": f.code})
		return true
	}
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(f.status)
	fmt.Fprintf(w, "<html><body>%d %s</body></html>", f.status, http.StatusText(f.status))
	return true
}

// authError names what is wrong with the request's token, "" when nothing.
// Slack takes the token from the Authorization header or the token argument.
func (s *Server) authError(r *http.Request, a args) string {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		token = a.str("token")
	}
	switch {
	case token == "":
		return "not_authed"
	case !strings.HasPrefix(token, "xoxb-"):
		return "invalid_auth"
	case s.opts.Token != "" && token != s.opts.Token:
		return "invalid_auth"
	}
	return ""
}

// notify wakes everyone waiting for a change; s.mu must be held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// nextTS hands out a unique, increasing Slack timestamp; s.mu must be held.
func (s *Server) nextTS() string {
	now := time.Now().UnixMicro()
	if now <= s.lastTS {
		now = s.lastTS + 1
	}
	s.lastTS = now
	return fmt.Sprintf("%d.%06d", now/1e6, now%1e6)
}

func errorBody(code string) map[string]any {
	return map[string]any{"ok": false, "error": code}
}

func writeJSON(w http.ResponseWriter, body any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(body)
}
