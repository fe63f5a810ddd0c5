package mail

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/google/go-cmp/cmp"
)

type staticToken string

func (s staticToken) Token(context.Context) (string, error) { return string(s), nil }

func TestIMAPSettingsValidate(t *testing.T) {
	ok := IMAPSettings{Addr: "imap.kk.dk:993", Username: "affald", Password: "x", TLS: TLSImplicit, Auth: AuthPlain, Mailbox: "INBOX"}
	tests := []struct {
		name   string
		mutate func(s *IMAPSettings)
		valid  bool
	}{
		{"implicit TLS", func(*IMAPSettings) {}, true},
		{"starttls", func(s *IMAPSettings) { s.TLS = TLSStartTLS }, true},
		{"none on 127.0.0.1", func(s *IMAPSettings) { s.TLS, s.Addr = TLSNone, "127.0.0.1:143" }, true},
		{"none on ::1", func(s *IMAPSettings) { s.TLS, s.Addr = TLSNone, "[::1]:143" }, true},
		{"none on localhost", func(s *IMAPSettings) { s.TLS, s.Addr = TLSNone, "localhost:143" }, true},
		{"none on a remote host", func(s *IMAPSettings) { s.TLS = TLSNone }, false},
		{"none on a LAN address", func(s *IMAPSettings) { s.TLS, s.Addr = TLSNone, "10.0.0.5:143" }, false},
		{"unknown TLS", func(s *IMAPSettings) { s.TLS = "ssl" }, false},
		{"no port", func(s *IMAPSettings) { s.Addr = "imap.kk.dk" }, false},
		{"no password", func(s *IMAPSettings) { s.Password = "" }, false},
		{"xoauth2 with token", func(s *IMAPSettings) { s.Auth, s.Token = AuthXOAUTH2, staticToken("t") }, true},
		{"xoauth2 without token", func(s *IMAPSettings) { s.Auth = AuthXOAUTH2 }, false},
		{"unknown auth", func(s *IMAPSettings) { s.Auth = "login" }, false},
		{"no mailbox", func(s *IMAPSettings) { s.Mailbox = "" }, false},
		{"done mailbox is the mailbox", func(s *IMAPSettings) { s.DoneMailbox = "INBOX" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			tt.mutate(&s)
			err := s.Validate()
			if tt.valid != (err == nil) || (err != nil && affaldsbot.ErrorCode(err) != affaldsbot.EINVALID) {
				t.Errorf("Validate() = %v, want valid=%v", err, tt.valid)
			}
		})
	}
}

func TestSMTPSettingsRefusesPlaintextToRemoteHost(t *testing.T) {
	if err := (SMTPSettings{Addr: "smtp.kk.dk:25", TLS: TLSNone}).Validate(); affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
		t.Errorf("Validate() = %v, want EINVALID", err)
	}
	if err := (SMTPSettings{Addr: "127.0.0.1:25", TLS: TLSNone}).Validate(); err != nil {
		t.Errorf("Validate() on loopback = %v", err)
	}
}

func TestXOAUTH2InitialResponse(t *testing.T) {
	mech, ir, err := NewXOAUTH2Client("affald@kk.dk", "ya29.token").Start()
	if err != nil {
		t.Fatal(err)
	}
	if mech != "XOAUTH2" || string(ir) != "user=affald@kk.dk\x01auth=Bearer ya29.token\x01\x01" {
		t.Errorf("Start() = %q, %q", mech, ir)
	}
}

// tokenEndpoint answers the client-credentials grant like Microsoft Entra.
func tokenEndpoint(t *testing.T, calls *atomic.Int32) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if err := r.ParseForm(); err != nil || r.Form.Get("grant_type") != "client_credentials" ||
			r.Form.Get("scope") != "https://outlook.office365.com/.default" {
			http.Error(w, `{"error":"invalid_request"}`, http.StatusBadRequest)
			return
		}
		if id, secret, _ := r.BasicAuth(); id != "app-id" || secret != "app-secret" {
			http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "tok-1", "token_type": "Bearer", "expires_in": 3599})
	}))
}

func TestWatcherLogsInWithXOAUTH2FromClientCredentials(t *testing.T) {
	var calls atomic.Int32
	ts := tokenEndpoint(t, &calls)
	defer ts.Close()
	srv := imaptest.Start(t, users)
	srv.SetOAuthToken("citizen", "tok-1")
	deliver(t, srv, "INBOX", 1)

	s := testSettings(srv)
	s.Auth, s.Password = AuthXOAUTH2, ""
	s.Token = NewClientCredentialsTokenSource(ts.URL, "app-id", "app-secret", []string{"https://outlook.office365.com/.default"})
	r := newRecorder()
	runWatcher(t, fastWatcher(s, r))
	if got := r.next(t); got.UID != 1 {
		t.Errorf("handled uid %d, want 1", got.UID)
	}
	if _, err := s.Token.Token(context.Background()); err != nil || calls.Load() != 1 {
		t.Errorf("token endpoint called %d times (err %v), want 1: the token is reused", calls.Load(), err)
	}
}

func TestXOAUTH2WrongTokenFails(t *testing.T) {
	srv := imaptest.Start(t, users)
	srv.SetOAuthToken("citizen", "right")
	s := testSettings(srv)
	s.Auth, s.Token = AuthXOAUTH2, staticToken("wrong")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := FindSent(ctx, s, "Sent", "<x@kk.dk>"); err == nil {
		t.Error("logged in with a wrong token")
	}
}

func TestWatcherOverTLS(t *testing.T) {
	for _, mode := range []string{imaptest.TLSImplicit, imaptest.TLSStartTLS} {
		t.Run(mode, func(t *testing.T) {
			srv := imaptest.Start(t, users, imaptest.WithTLS(mode))
			deliver(t, srv, "INBOX", 1)
			s := testSettings(srv)
			s.TLS = mode
			r := newRecorder()
			runWatcher(t, fastWatcher(s, r))
			if got := r.next(t); got.UID != 1 {
				t.Errorf("handled uid %d, want 1", got.UID)
			}
		})
	}
}

func TestAppendSentThenFindSent(t *testing.T) {
	srv := imaptest.Start(t, users)
	s := testSettings(srv)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	raw, err := BuildMessage(reply())
	if err != nil {
		t.Fatal(err)
	}
	found, err := FindSent(ctx, s, "Sent", "r1234.1@affaldsbot.kk.dk")
	if err != nil || found {
		t.Fatalf("FindSent before append = %v, %v; want false, nil", found, err)
	}
	if err := AppendSent(ctx, s, "Sent", raw); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"r1234.1@affaldsbot.kk.dk", "<r1234.1@affaldsbot.kk.dk>"} {
		if found, err := FindSent(ctx, s, "Sent", id); err != nil || !found {
			t.Errorf("FindSent(%q) = %v, %v; want true", id, found, err)
		}
	}
	if found, err := FindSent(ctx, s, "Sent", "other@affaldsbot.kk.dk"); err != nil || found {
		t.Errorf("FindSent(other) = %v, %v; want false", found, err)
	}
	msgs := messages(t, srv, "Sent")
	if len(msgs) != 1 || !slices.Contains(msgs[0].Flags, `\Seen`) {
		t.Fatalf("Sent holds %+v, want one \\Seen message", msgs)
	}
	if diff := cmp.Diff(string(raw), string(msgs[0].Raw)); diff != "" {
		t.Errorf("stored copy (-want +got):\n%s", diff)
	}
}
