// Package httpapi serves the bot's HTTP endpoints (docs/http.md): health,
// readiness, metrics, the call webhook, Slack's HTTP mode and the citizens'
// satisfaction rating pages.
package httpapi

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"sort"
	"time"
)

// Check reports whether one dependency is up; nil means up.
type Check func(ctx context.Context) error

// Routes are the parts that are on; a nil handler leaves its path off (404).
type Routes struct {
	SlackEvents http.Handler
	// TeamsMessages is POST /api/messages, the Bot Framework's activities.
	TeamsMessages http.Handler
	Calls         http.Handler
	Metrics       http.Handler
	Rating        http.Handler     // the satisfaction rating pages, /tilfredshed/…
	Checks        map[string]Check // name → check, for /readyz
}

// NewMux builds the endpoint table.
func NewMux(r Routes) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", readyz(r.Checks))
	if r.Metrics != nil {
		mux.Handle("GET /metrics", r.Metrics)
	}
	if r.SlackEvents != nil {
		mux.Handle("POST /slack/events", r.SlackEvents)
	}
	if r.TeamsMessages != nil {
		mux.Handle("POST /api/messages", r.TeamsMessages)
	}
	if r.Calls != nil {
		mux.Handle("/api/calls", r.Calls)
	}
	if r.Rating != nil {
		mux.Handle("/tilfredshed/", r.Rating)
	}
	return mux
}

func readyz(checks map[string]Check) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
		defer cancel()
		down := map[string]string{}
		for name, check := range checks {
			if err := check(ctx); err != nil {
				down[name] = err.Error()
			}
		}
		if len(down) > 0 {
			names := make([]string, 0, len(down))
			for n := range down {
				names = append(names, n)
			}
			sort.Strings(names)
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "down", "down": names, "errors": down})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// Serve runs srv on ln until ctx ends, then shuts it down gracefully.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}
