package smstest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/internal/smstest"
	"github.com/affaldsbot/affaldsbot/sms"
)

// The fake sends a message once per key, tells a watcher, and refuses what
// the format of docs/sms-gateway.md does not allow.
func TestGatewaySendsOncePerKeyAndRefusesWhatTheFormatForbids(t *testing.T) {
	gw, err := smstest.New("tok")
	if err != nil {
		t.Fatal(err)
	}
	defer gw.Close()
	ok := sms.Request{To: "+4512345678", From: "Affald", Text: "Vi ringer 10:30.", Reference: "k1"}
	post := func(token, key string, req sms.Request) int {
		t.Helper()
		body, _ := json.Marshal(req)
		r, _ := http.NewRequest(http.MethodPost, gw.URL+"/v1/messages", bytes.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+token)
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Idempotency-Key", key)
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tc := range []struct {
		name       string
		token, key string
		req        sms.Request
		want       int
	}{
		{"sent", "tok", "k1", ok, http.StatusAccepted},
		{"the same again", "tok", "k1", ok, http.StatusOK},
		{"the same key, another text", "tok", "k1", sms.Request{To: ok.To, From: ok.From, Text: "Andet", Reference: "k1"}, http.StatusUnprocessableEntity},
		{"wrong token", "nej", "k2", sms.Request{To: ok.To, From: ok.From, Text: ok.Text, Reference: "k2"}, http.StatusUnauthorized},
		{"not E.164", "tok", "k3", sms.Request{To: "12345678", From: ok.From, Text: ok.Text, Reference: "k3"}, http.StatusBadRequest},
		{"sender of 12", "tok", "k4", sms.Request{To: ok.To, From: "Affaldsråd12", Text: ok.Text, Reference: "k4"}, http.StatusBadRequest},
		{"text past four parts", "tok", "k5", sms.Request{To: ok.To, From: ok.From, Text: strings.Repeat("a", smstest.MaxText+1), Reference: "k5"}, http.StatusBadRequest},
		{"reference not the key", "tok", "k6", sms.Request{To: ok.To, From: ok.From, Text: ok.Text, Reference: "k7"}, http.StatusBadRequest},
	} {
		if got := post(tc.token, tc.key, tc.req); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
	select {
	case <-gw.Received():
	default:
		t.Error("no signal of the message sent")
	}
	if sent := gw.Sent(); len(sent) != 1 || sent[0] != ok {
		t.Errorf("sent %+v, want the one message", sent)
	}
	if n := gw.Refused(); n != 6 {
		t.Errorf("%d refused, want 6", n)
	}
}
