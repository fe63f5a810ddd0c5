package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
)

// Connection security and authentication values of IMAPSettings and
// SMTPSettings.
const (
	TLSImplicit = "implicit"
	TLSStartTLS = "starttls"
	TLSNone     = "none" // loopback only

	AuthPlain   = "plain"
	AuthXOAUTH2 = "xoauth2"
)

// TokenSource hands out OAuth 2.0 access tokens for XOAUTH2.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// IMAPSettings says how to reach the shared mailbox.
type IMAPSettings struct {
	Addr, Username, Password string
	TLS                      string      // TLSImplicit, TLSStartTLS or TLSNone
	Auth                     string      // AuthPlain or AuthXOAUTH2
	Token                    TokenSource // for AuthXOAUTH2
	Mailbox, DoneMailbox     string
	TLSConfig                *tls.Config // optional; the default verifies the server's name
}

// String describes the settings without the password.
func (s IMAPSettings) String() string {
	return fmt.Sprintf("imap://%s@%s/%s (tls=%s auth=%s)", s.Username, s.Addr, s.Mailbox, s.TLS, s.Auth)
}

// Validate checks the settings; errors carry affaldsbot.EINVALID and name the
// setting at fault.
func (s IMAPSettings) Validate() error {
	if err := validateAddr("IMAP_ADDR", s.Addr, "IMAP_TLS", s.TLS); err != nil {
		return err
	}
	switch s.Auth {
	case AuthPlain:
		if s.Username == "" || s.Password == "" {
			return affaldsbot.Errorf(affaldsbot.EINVALID, "IMAP_USERNAME and IMAP_PASSWORD are required with IMAP_AUTH=plain")
		}
	case AuthXOAUTH2:
		if s.Username == "" || s.Token == nil {
			return affaldsbot.Errorf(affaldsbot.EINVALID, "IMAP_USERNAME and OAuth token settings are required with IMAP_AUTH=xoauth2")
		}
	default:
		return affaldsbot.Errorf(affaldsbot.EINVALID, "IMAP_AUTH must be plain or xoauth2, not %q", s.Auth)
	}
	if s.Mailbox == "" {
		return affaldsbot.Errorf(affaldsbot.EINVALID, "IMAP_MAILBOX must not be empty")
	}
	if s.DoneMailbox == s.Mailbox {
		return affaldsbot.Errorf(affaldsbot.EINVALID, "IMAP_DONE_MAILBOX must differ from IMAP_MAILBOX")
	}
	return nil
}

// validateAddr checks a host:port and its TLS mode: TLSNone only to a
// loopback host.
func validateAddr(addrKey, addr, tlsKey, mode string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" || port == "" {
		return affaldsbot.Errorf(affaldsbot.EINVALID, "%s must be host:port, not %q", addrKey, addr)
	}
	switch mode {
	case TLSImplicit, TLSStartTLS:
		return nil
	case TLSNone:
		if !isLoopback(host) {
			return affaldsbot.Errorf(affaldsbot.EINVALID, "%s=none is allowed only for a loopback host, not %q", tlsKey, host)
		}
		return nil
	}
	return affaldsbot.Errorf(affaldsbot.EINVALID, "%s must be implicit, starttls or none, not %q", tlsKey, mode)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// tlsConfig is the configured TLS config, or one that verifies host.
func tlsConfigFor(cfg *tls.Config, addr string) *tls.Config {
	if cfg != nil {
		return cfg.Clone()
	}
	host, _, _ := net.SplitHostPort(addr)
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}

// imapConn is a client whose connection is closed when its context ends.
type imapConn struct {
	*imapclient.Client
	stop func() bool
}

// Close closes the connection and forgets the context.
func (c *imapConn) Close() error {
	c.stop()
	return c.Client.Close()
}

// dialIMAP connects, secures and authenticates; the connection is closed
// when ctx ends. The caller closes it.
func dialIMAP(ctx context.Context, s IMAPSettings, opts *imapclient.Options) (*imapConn, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	client, err := connectIMAP(ctx, s, opts)
	if err != nil {
		return nil, fmt.Errorf("imap connect %s: %w", s.Addr, err)
	}
	c := &imapConn{Client: client}
	c.stop = context.AfterFunc(ctx, func() { _ = client.Close() })
	err = loginIMAP(ctx, client, s)
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		_ = c.Close()
		return nil, fmt.Errorf("imap login %s: %w", s.Addr, err)
	}
	return c, nil
}

func connectIMAP(ctx context.Context, s IMAPSettings, opts *imapclient.Options) (*imapclient.Client, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()
	switch s.TLS {
	case TLSImplicit:
		tc := tls.Client(conn, tlsConfigFor(s.TLSConfig, s.Addr))
		if err := tc.HandshakeContext(ctx); err != nil {
			_ = conn.Close()
			return nil, err
		}
		return imapclient.New(tc, opts), nil
	case TLSStartTLS:
		o := *opts
		o.TLSConfig = tlsConfigFor(s.TLSConfig, s.Addr)
		return imapclient.NewStartTLS(conn, &o)
	}
	return imapclient.New(conn, opts), nil
}

func loginIMAP(ctx context.Context, c *imapclient.Client, s IMAPSettings) error {
	if err := c.WaitGreeting(); err != nil {
		return err
	}
	if s.Auth == AuthXOAUTH2 {
		token, err := s.Token.Token(ctx)
		if err != nil {
			return fmt.Errorf("oauth token: %w", err)
		}
		return c.Authenticate(NewXOAUTH2Client(s.Username, token))
	}
	if c.Caps().Has("AUTH=PLAIN") {
		return c.Authenticate(sasl.NewPlainClient("", s.Username, s.Password))
	}
	return c.Login(s.Username, s.Password).Wait()
}
