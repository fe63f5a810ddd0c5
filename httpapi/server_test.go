package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/affaldsbot/affaldsbot/httpapi"
	"github.com/google/go-cmp/cmp"
)

func TestHealthAndReadiness(t *testing.T) {
	imapUp := true
	mux := httpapi.NewMux(httpapi.Routes{Checks: map[string]httpapi.Check{
		"database": func(context.Context) error { return nil },
		"imap": func(context.Context) error {
			if imapUp {
				return nil
			}
			return errors.New("not logged in")
		},
	}})
	get := func(path string) (int, map[string]any) {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		var body map[string]any
		json.Unmarshal(rec.Body.Bytes(), &body)
		return rec.Code, body
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("/healthz = %d", code)
	}
	if code, _ := get("/readyz"); code != 200 {
		t.Errorf("/readyz with all up = %d", code)
	}
	imapUp = false
	code, body := get("/readyz")
	if code != 503 {
		t.Errorf("/readyz with imap down = %d, want 503", code)
	}
	if d := cmp.Diff([]any{"imap"}, body["down"]); d != "" {
		t.Errorf("down (-want +got):\n%s", d)
	}
	if code, _ := get("/metrics"); code != 404 {
		t.Errorf("/metrics without a registry = %d, want 404", code)
	}
}

func TestRatingPagesAreRoutedWhenOn(t *testing.T) {
	var got string
	rating := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.Method + " " + r.URL.Path })
	on := httpapi.NewMux(httpapi.Routes{Rating: rating})
	for _, req := range []*http.Request{
		httptest.NewRequest(http.MethodGet, "/tilfredshed/abc/5", nil),
		httptest.NewRequest(http.MethodPost, "/tilfredshed/abc/5", nil),
	} {
		got = ""
		on.ServeHTTP(httptest.NewRecorder(), req)
		if want := req.Method + " " + req.URL.Path; got != want {
			t.Errorf("%s reached %q; want the rating handler", want, got)
		}
	}
	rec := httptest.NewRecorder()
	httpapi.NewMux(httpapi.Routes{}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/tilfredshed/abc/5", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("without the rating handler: %d; want 404", rec.Code)
	}
}

func TestTeamsMessagesIsServedOnlyOnTeams(t *testing.T) {
	teams := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusAccepted) })
	for _, tc := range []struct {
		routes httpapi.Routes
		method string
		want   int
	}{
		{httpapi.Routes{TeamsMessages: teams}, http.MethodPost, http.StatusAccepted},
		{httpapi.Routes{TeamsMessages: teams}, http.MethodGet, http.StatusMethodNotAllowed},
		{httpapi.Routes{}, http.MethodPost, http.StatusNotFound},
	} {
		rec := httptest.NewRecorder()
		httpapi.NewMux(tc.routes).ServeHTTP(rec, httptest.NewRequest(tc.method, "/api/messages", nil))
		if rec.Code != tc.want {
			t.Errorf("%s /api/messages with Teams %v: %d, want %d", tc.method, tc.routes.TeamsMessages != nil, rec.Code, tc.want)
		}
	}
}
