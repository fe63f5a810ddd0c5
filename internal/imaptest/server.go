// Package imaptest runs an in-memory IMAP server on 127.0.0.1 for tests and
// for the demo command: go-imap's imapserver over imapmemserver, with IDLE,
// MOVE and UIDPLUS, plain or behind a self-signed TLS certificate.
package imaptest

import (
	"crypto/tls"
	"fmt"
	"net"
	"sort"
	"sync"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// TLS modes accepted by WithTLS.
const (
	TLSNone     = "none"
	TLSImplicit = "implicit"
	TLSStartTLS = "starttls"
)

// Server is a running in-memory IMAP server.
type Server struct {
	mem     *imapmemserver.Server
	users   map[string]*imapmemserver.User
	secrets map[string]string
	tlsMode string
	cert    *selfSigned

	mu     sync.Mutex
	addr   string
	ln     net.Listener
	srv    *imapserver.Server
	tokens map[string]string
}

// Option changes how New starts a server.
type Option func(*Server)

// WithTLS serves TLSImplicit (TLS from the first byte) or TLSStartTLS with a
// self-signed certificate for 127.0.0.1; ClientTLSConfig trusts it.
func WithTLS(mode string) Option {
	return func(s *Server) { s.tlsMode = mode }
}

// New starts a server on 127.0.0.1:0 whose users (name → password) each have
// an empty INBOX. Close stops it.
func New(users map[string]string, opts ...Option) (*Server, error) {
	s := &Server{
		mem:     imapmemserver.New(),
		users:   make(map[string]*imapmemserver.User),
		secrets: users,
		tlsMode: TLSNone,
		tokens:  make(map[string]string),
	}
	for _, o := range opts {
		o(s)
	}
	if err := s.init(); err != nil {
		return nil, err
	}
	if err := s.listen("127.0.0.1:0"); err != nil {
		return nil, err
	}
	return s, nil
}

// TB is the part of testing.TB that Start uses; the package does not import
// testing, so the demo links none of it.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// Start is New for tests: it fails t on error and closes the server in
// t.Cleanup.
func Start(t TB, users map[string]string, opts ...Option) *Server {
	t.Helper()
	s, err := New(users, opts...)
	if err != nil {
		t.Fatalf("start IMAP server: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

func (s *Server) init() error {
	switch s.tlsMode {
	case TLSNone:
	case TLSImplicit, TLSStartTLS:
		cert, err := newSelfSigned()
		if err != nil {
			return err
		}
		s.cert = cert
	default:
		return fmt.Errorf("imaptest: unknown TLS mode %q", s.tlsMode)
	}
	for name, password := range s.secrets {
		u := imapmemserver.NewUser(name, password)
		if err := u.Create("INBOX", nil); err != nil {
			return fmt.Errorf("imaptest: create INBOX for %s: %w", name, err)
		}
		s.users[name] = u
		s.mem.AddUser(u)
	}
	return nil
}

func (s *Server) options() *imapserver.Options {
	o := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &session{srv: s}, nil, nil
		},
		Caps: imap.CapSet{
			imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {},
			imap.CapNamespace: {},
		},
		Logger:       silentLogger{},
		InsecureAuth: s.tlsMode == TLSNone,
	}
	if s.tlsMode == TLSStartTLS {
		o.TLSConfig = s.cert.serverConfig()
	}
	return o
}

func (s *Server) listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("imaptest: listen: %w", err)
	}
	if s.tlsMode == TLSImplicit {
		ln = tls.NewListener(ln, s.cert.serverConfig())
	}
	srv := imapserver.New(s.options())
	s.mu.Lock()
	s.addr, s.ln, s.srv = ln.Addr().String(), ln, srv
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
	return nil
}

// Addr is the server's host:port.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// ClientTLSConfig trusts the server's self-signed certificate; nil without TLS.
func (s *Server) ClientTLSConfig() *tls.Config {
	if s.cert == nil {
		return nil
	}
	return s.cert.clientConfig()
}

// Stop closes the listener and every open connection; the mailboxes are kept,
// and Restart serves them again on the same address.
func (s *Server) Stop() {
	s.mu.Lock()
	ln, srv := s.ln, s.srv
	s.ln, s.srv = nil, nil
	s.mu.Unlock()
	if srv != nil {
		// Serve may not have registered ln yet; closing it here as well
		// makes sure nothing is accepted after Stop.
		_ = ln.Close()
		_ = srv.Close()
	}
}

// Restart listens again on the address the server had, after Stop.
func (s *Server) Restart() error {
	return s.listen(s.Addr())
}

// DropConnections closes every client connection, as a server restart does.
func (s *Server) DropConnections() error {
	s.Stop()
	return s.Restart()
}

// Close stops the server for good.
func (s *Server) Close() { s.Stop() }

// SetOAuthToken makes token a valid XOAUTH2 bearer token for user.
func (s *Server) SetOAuthToken(user, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[user] = token
}

func (s *Server) userNames() []string {
	names := make([]string, 0, len(s.users))
	for n := range s.users {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

type silentLogger struct{}

func (silentLogger) Printf(string, ...interface{}) {}
