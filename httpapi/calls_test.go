package httpapi_test

import (
	"context"
	"database/sql"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/httpapi"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

var callSecret = []byte("kontaktcenter-hemmelighed")

// dropJobs stands in for the job queue.
type dropJobs struct{}

func (dropJobs) InsertTx(context.Context, *sql.Tx, []affaldsbot.Job) error { return nil }

func callService(db *storage.DB) *handlers.Service {
	return &handlers.Service{DB: db, Settings: handlers.DefaultSettings(), Routes: handlers.Routes{Default: "C1"},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// signedCall builds a request signed at ts with secret.
func signedCall(url, body string, ts time.Time, secret []byte) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	stamp := strconv.FormatInt(ts.Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(httpapi.HeaderCallTimestamp, stamp)
	req.Header.Set(httpapi.HeaderCallSignature, "sha256="+hex.EncodeToString(httpapi.SignCall(secret, stamp, []byte(body))))
	return req
}

const (
	callNew     = `{"call_id":"pz-1","caller_number":"+4512345678","caller_name":"Jens Hansen","note":"Storskrald i gården","queue":"affald","transferred_by":"Borgerservice","transferred_at":"2026-11-26T09:14:03+01:00","answered_at":null,"ended_at":null}`
	callUpdate  = `{"call_id":"pz-1","answered_at":"2026-11-26T09:15:00+01:00","ended_at":"2026-11-26T09:33:00+01:00"}`
	callEarly   = `{"call_id":"pz-2","transferred_at":"2026-11-26T10:00:00+01:00","answered_at":"2026-11-26T10:01:00+01:00","ended_at":"2026-11-26T10:20:00+01:00"}`
	callUnknown = `{"call_id":"pz-3","transferred_at":"2026-11-26T11:00:00Z","agent":{"id":7},"tags":["x"]}`
)

type callCase struct {
	name    string
	req     func(url string, now time.Time) *http.Request
	status  int
	body    string
	stored  int // enquiries after the request
	handled map[string]int64
}

func signedAt(body string, shift time.Duration) func(string, time.Time) *http.Request {
	return func(url string, now time.Time) *http.Request {
		return signedCall(url, body, now.Add(shift), callSecret)
	}
}

var callCases = []callCase{
	{"valid", signedAt(callNew, 0), 201, `{"status":"created","enquiry_id":"1"}`, 1, nil},
	{"duplicate", signedAt(callNew, 0), 200, `{"status":"exists","enquiry_id":"1"}`, 1, nil},
	{"update", signedAt(callUpdate, 0), 200, `{"status":"updated","enquiry_id":"1"}`, 1, map[string]int64{"pz-1": 18 * 60}},
	{"update before create", signedAt(callEarly, 0), 201, `{"status":"created","enquiry_id":"2"}`, 2, map[string]int64{"pz-2": 19 * 60}},
	{"unsigned", func(url string, _ time.Time) *http.Request {
		r, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(callUnknown))
		return r
	}, 401, `{"error":"missing, stale or wrong signature"}`, 2, nil},
	{"wrong signature", func(url string, now time.Time) *http.Request {
		return signedCall(url, callUnknown, now, []byte("not the secret"))
	}, 401, `{"error":"missing, stale or wrong signature"}`, 2, nil},
	{"stale timestamp", signedAt(callUnknown, -5*time.Minute-time.Second), 401, `{"error":"missing, stale or wrong signature"}`, 2, nil},
	{"future timestamp", signedAt(callUnknown, 5*time.Minute+time.Second), 401, `{"error":"missing, stale or wrong signature"}`, 2, nil},
	{"oversized", signedAt(`{"call_id":"big","note":"`+strings.Repeat("x", 64<<10)+`"}`, 0), 413, `{"error":"body larger than 64 KiB"}`, 2, nil},
	{"malformed JSON", signedAt(`{"call_id":`, 0), 400, `{"error":"the body is not a JSON object"}`, 2, nil},
	{"missing call_id", signedAt(`{"transferred_at":"2026-11-26T11:00:00Z"}`, 0), 400, `{"error":"required","field":"call_id"}`, 2, nil},
	{"blank call_id", signedAt(`{"call_id":" \t ","transferred_at":"2026-11-26T11:00:00Z"}`, 0), 400, `{"error":"required","field":"call_id"}`, 2, nil},
	{"transferred in year 9999", signedAt(`{"call_id":"pz-9","transferred_at":"9999-12-31T23:59:59Z"}`, 0), 400, `{"error":"more than a day ahead","field":"transferred_at"}`, 2, nil},
	{"transferred in year 0001", signedAt(`{"call_id":"pz-9","transferred_at":"0001-01-01T00:00:00Z"}`, 0), 400, `{"error":"before 2000-01-01","field":"transferred_at"}`, 2, nil},
	{"ended in year 9999", signedAt(`{"call_id":"pz-9","transferred_at":"2026-11-26T11:00:00Z","ended_at":"9999-01-01T00:00:00Z"}`, 0), 400, `{"error":"more than a day ahead","field":"ended_at"}`, 2, nil},
	{"long call_id", signedAt(`{"call_id":"`+strings.Repeat("x", 201)+`","transferred_at":"2026-11-26T11:00:00Z"}`, 0), 400, `{"error":"longer than 200 characters","field":"call_id"}`, 2, nil},
	{"call_id not a string", signedAt(`{"call_id":17}`, 0), 400, `{"error":"must be a string","field":"call_id"}`, 2, nil},
	{"bad time", signedAt(`{"call_id":"pz-9","transferred_at":"26/11/2026 09:14"}`, 0), 400, `{"error":"\"26/11/2026 09:14\" is not an RFC 3339 time","field":"transferred_at"}`, 2, nil},
	{"new call without transferred_at", signedAt(`{"call_id":"pz-9"}`, 0), 400, `{"error":"required for a call not seen before","field":"transferred_at"}`, 2, nil},
	{"ended before answered", signedAt(`{"call_id":"pz-9","transferred_at":"2026-11-26T11:00:00Z","answered_at":"2026-11-26T11:05:00Z","ended_at":"2026-11-26T11:01:00Z"}`, 0), 400, `{"error":"before answered_at","field":"ended_at"}`, 2, nil},
	{"unknown fields", signedAt(callUnknown, 0), 201, `{"status":"created","enquiry_id":"3"}`, 3, nil},
	{"GET", func(url string, _ time.Time) *http.Request {
		r, _ := http.NewRequest(http.MethodGet, url, nil)
		return r
	},
		405, `{"error":"only POST is allowed"}`, 3, nil},
}

func TestCallsWebhook(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		db.SetEnqueuer(dropJobs{})
		now := time.Now()
		srv := httptest.NewServer(httpapi.NewCallsHandler(callSecret, callService(db), func() time.Time { return now }))
		defer srv.Close()
		for _, tc := range callCases {
			t.Run(tc.name, func(t *testing.T) { checkCallCase(t, db, tc, tc.req(srv.URL+"/api/calls", now)) })
		}
	})
}

func checkCallCase(t *testing.T, db *storage.DB, tc callCase, req *http.Request) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != tc.status || strings.TrimSpace(string(body)) != tc.body {
		t.Errorf("got %d %s, want %d %s", resp.StatusCode, body, tc.status, tc.body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	var n int
	if err := db.Get(&n, `SELECT COUNT(*) FROM enquiries`); err != nil || n != tc.stored {
		t.Errorf("enquiries stored = %d (%v), want %d", n, err, tc.stored)
	}
	for callID, secs := range tc.handled {
		c, err := db.CallByCallID(context.Background(), callID)
		if err != nil || c.HandledSeconds == nil || *c.HandledSeconds != secs {
			t.Errorf("call %s handled = %v (%v), want %d s", callID, c, err, secs)
		}
	}
}
