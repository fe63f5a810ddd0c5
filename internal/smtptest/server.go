// Package smtptest runs an SMTP server on 127.0.0.1 that records every mail
// it accepts, for tests and for the demo command. It can be told to refuse
// the next sends.
package smtptest

import (
	"crypto/tls"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/emersion/go-smtp"
)

// TLS modes accepted by WithTLS.
const (
	TLSImplicit = "implicit"
	TLSStartTLS = "starttls"
)

// Option changes how New starts a server.
type Option func(*Server)

// WithTLS serves TLSImplicit or TLSStartTLS with a self-signed certificate
// for 127.0.0.1; ClientTLSConfig trusts it.
func WithTLS(mode string) Option {
	return func(s *Server) { s.tlsMode = mode }
}

// Mail is one accepted message: its envelope and its data as sent.
type Mail struct {
	From       string
	To         []string
	Data       []byte
	Username   string // as authenticated; empty without AUTH
	ReceivedAt time.Time
}

// Server is a running capture server.
type Server struct {
	srv       *smtp.Server
	ln        net.Listener
	addr      string
	tlsMode   string
	clientTLS *tls.Config

	mu       sync.Mutex
	mails    []Mail
	failNext int
	users    map[string]string
	notify   chan struct{}
}

// New starts a server on 127.0.0.1:0 that accepts any sender and recipient
// without authentication; SetUser makes AUTH PLAIN check credentials.
func New(opts ...Option) (*Server, error) {
	s := &Server{users: make(map[string]string), notify: make(chan struct{}, 1)}
	for _, o := range opts {
		o(s)
	}
	s.srv = smtp.NewServer(smtp.BackendFunc(s.newSession))
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.ReadTimeout = time.Minute
	s.srv.WriteTimeout = time.Minute
	s.srv.MaxMessageBytes = 50 << 20
	s.srv.ErrorLog = silentLogger{}
	ln, err := s.listen()
	if err != nil {
		return nil, err
	}
	s.ln, s.addr = ln, ln.Addr().String()
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

func (s *Server) listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("smtptest: listen: %w", err)
	}
	if s.tlsMode == "" {
		return ln, nil
	}
	serverTLS, clientTLS, err := imaptest.SelfSignedTLS()
	if err != nil {
		_ = ln.Close()
		return nil, err
	}
	s.clientTLS = clientTLS
	switch s.tlsMode {
	case TLSImplicit:
		return tls.NewListener(ln, serverTLS), nil
	case TLSStartTLS:
		s.srv.TLSConfig = serverTLS
		return ln, nil
	}
	_ = ln.Close()
	return nil, fmt.Errorf("smtptest: unknown TLS mode %q", s.tlsMode)
}

// ClientTLSConfig trusts the server's self-signed certificate; nil without TLS.
func (s *Server) ClientTLSConfig() *tls.Config { return s.clientTLS }

// TB is the part of testing.TB that Start uses; the package does not import
// testing, so the demo links none of it.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// Start is New for tests: it fails t on error and closes the server in
// t.Cleanup.
func Start(t TB, opts ...Option) *Server {
	t.Helper()
	s, err := New(opts...)
	if err != nil {
		t.Fatalf("start SMTP server: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Addr is the server's host:port.
func (s *Server) Addr() string { return s.addr }

// Close stops the server and closes open connections.
func (s *Server) Close() {
	_ = s.ln.Close() // in case Serve has not registered it yet
	_ = s.srv.Close()
}

// SetUser requires AUTH with this username and password from now on.
func (s *Server) SetUser(username, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[username] = password
}

// FailNext makes the next n messages fail at the end of DATA with a
// temporary 451 error; nothing of them is recorded.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = n
}

// Mails returns a copy of every accepted message, oldest first.
func (s *Server) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

// Received is signalled (without blocking, coalescing) after each accepted
// message.
func (s *Server) Received() <-chan struct{} { return s.notify }

func (s *Server) record(m Mail) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failNext > 0 {
		s.failNext--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.mails = append(s.mails, m)
	select {
	case s.notify <- struct{}{}:
	default:
	}
	return nil
}

func (s *Server) authRequired() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.users) > 0
}

func (s *Server) checkUser(username, password string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	want, ok := s.users[username]
	return ok && want == password
}

type silentLogger struct{}

func (silentLogger) Printf(string, ...interface{}) {}
func (silentLogger) Println(...interface{})        {}
