package imaptest

import (
	"bytes"
	"crypto/subtle"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
)

// session is one connection: LOGIN, AUTHENTICATE PLAIN and XOAUTH2 over the
// in-memory users.
type session struct {
	*imapmemserver.UserSession // nil until authenticated
	srv                        *Server
}

var _ imapserver.SessionSASL = (*session)(nil)

func (s *session) Login(username, password string) error {
	u := s.srv.users[username]
	if u == nil {
		return imapserver.ErrAuthFailed
	}
	if err := u.Login(username, password); err != nil {
		return err
	}
	s.UserSession = imapmemserver.NewUserSession(u)
	return nil
}

// idlePoll is how often an idling session looks for changes it was not told
// about.
const idlePoll = 200 * time.Millisecond

// Idle first reports what changed since the client's last command, as
// Dovecot does: go-imap's memory server reports only changes made while it
// idles, so a message delivered between a client's last command and its IDLE
// would wait for the next change. The poll every idlePoll covers the instant
// between that report and the memory server's own wait.
func (s *session) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	if err := s.UserSession.Poll(w, true); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- s.UserSession.Idle(w, stop) }()
	t := time.NewTicker(idlePoll)
	defer t.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-t.C:
			if err := s.UserSession.Poll(w, true); err != nil {
				return err
			}
		}
	}
}

func (s *session) AuthenticateMechanisms() []string {
	return []string{sasl.Plain, "XOAUTH2"}
}

func (s *session) Authenticate(mech string) (sasl.Server, error) {
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(identity, username, password string) error {
			if identity != "" && identity != username {
				return imapserver.ErrAuthFailed
			}
			return s.Login(username, password)
		}), nil
	case "XOAUTH2":
		return &xoauth2Server{login: s.loginToken}, nil
	}
	return nil, &imap.Error{Type: imap.StatusResponseTypeNo, Text: "SASL mechanism not supported"}
}

func (s *session) loginToken(username, token string) error {
	s.srv.mu.Lock()
	want, ok := s.srv.tokens[username]
	s.srv.mu.Unlock()
	u := s.srv.users[username]
	if !ok || u == nil || subtle.ConstantTimeCompare([]byte(want), []byte(token)) != 1 {
		return imapserver.ErrAuthFailed
	}
	s.UserSession = imapmemserver.NewUserSession(u)
	return nil
}

// xoauth2Server checks "user=U\x01auth=Bearer T\x01\x01". On failure it sends
// the JSON error challenge, as Google and Microsoft do, and fails once the
// client answers it.
type xoauth2Server struct {
	login  func(username, token string) error
	failed error
}

func (x *xoauth2Server) Next(response []byte) ([]byte, bool, error) {
	if x.failed != nil {
		return nil, true, x.failed
	}
	user, token, ok := parseXOAUTH2(response)
	if !ok {
		return nil, true, sasl.ErrUnexpectedClientResponse
	}
	if err := x.login(user, token); err != nil {
		x.failed = err
		return []byte(`{"status":"401","schemes":"bearer"}`), false, nil
	}
	return nil, true, nil
}

func parseXOAUTH2(b []byte) (user, token string, ok bool) {
	for _, field := range bytes.Split(b, []byte{1}) {
		switch {
		case bytes.HasPrefix(field, []byte("user=")):
			user = string(field[len("user="):])
		case bytes.HasPrefix(field, []byte("auth=Bearer ")):
			token = string(field[len("auth=Bearer "):])
		}
	}
	return user, token, user != "" && token != ""
}
