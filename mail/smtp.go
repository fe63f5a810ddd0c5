package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// SMTPSettings says how to send replies.
type SMTPSettings struct {
	Addr, Username, Password string
	TLS                      string      // TLSImplicit, TLSStartTLS or TLSNone (loopback only)
	TLSConfig                *tls.Config // optional; the default verifies the server's name
	HeloName                 string      // EHLO name; "localhost" when empty
}

// String describes the settings without the password.
func (s SMTPSettings) String() string {
	return fmt.Sprintf("smtp://%s@%s (tls=%s)", s.Username, s.Addr, s.TLS)
}

// Validate checks the settings; errors carry affaldsbot.EINVALID and name the
// setting at fault.
func (s SMTPSettings) Validate() error {
	return validateAddr("SMTP_ADDR", s.Addr, "SMTP_TLS", s.TLS)
}

// SendMail submits msg from one envelope sender to one recipient. It
// authenticates with PLAIN when a username is set, and gives up when ctx
// ends or its deadline passes.
func SendMail(ctx context.Context, s SMTPSettings, from, to string, msg []byte) error {
	return SendMailConfirmed(ctx, s, from, to, msg, nil)
}

// ErrNotConfirmed is SendMailConfirmed's answer when confirm said no: the
// server was never told the message was complete, so nothing was delivered.
var ErrNotConfirmed = errors.New("smtp: sending not confirmed; nothing was delivered")

// SendMailConfirmed is SendMail with a last word: confirm runs once the whole
// message has been transmitted, just before the end-of-data mark that makes
// the server accept it. Until that mark nothing is delivered, so a caller that
// records "sending" in confirm knows that a crash before it left nothing
// behind. A nil confirm sends at once.
func SendMailConfirmed(ctx context.Context, s SMTPSettings, from, to string, msg []byte, confirm func() (bool, error)) error {
	if err := s.Validate(); err != nil {
		return err
	}
	c, err := dialSMTP(ctx, s)
	if err != nil {
		return fmt.Errorf("smtp connect %s: %w", s.Addr, err)
	}
	stop := context.AfterFunc(ctx, func() { _ = c.Close() })
	defer stop()
	defer c.Close()
	if err := submit(c, s, from, to, msg, confirm); err != nil {
		if errors.Is(err, ErrNotConfirmed) {
			return err
		}
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return fmt.Errorf("smtp send to %s via %s: %w", to, s.Addr, err)
	}
	return nil
}

func submit(c *smtp.Client, s SMTPSettings, from, to string, msg []byte, confirm func() (bool, error)) error {
	if s.HeloName != "" {
		if err := c.Hello(s.HeloName); err != nil {
			return err
		}
	}
	if s.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", s.Username, s.Password)); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	if err := transmit(c, from, to, msg, confirm); err != nil {
		return err
	}
	return c.Quit()
}

// transmit runs MAIL, RCPT and DATA; the message is complete for the server
// only when the data writer is closed, after confirm agreed.
func transmit(c *smtp.Client, from, to string, msg []byte, confirm func() (bool, error)) error {
	var opts *smtp.MailOptions
	if !isASCII(from) || !isASCII(to) {
		opts = &smtp.MailOptions{UTF8: true}
	}
	if err := c.Mail(from, opts); err != nil {
		return err
	}
	if err := c.Rcpt(to, nil); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if confirm != nil {
		if ok, err := confirm(); err != nil {
			return err
		} else if !ok {
			return ErrNotConfirmed // the connection closes without the end-of-data mark
		}
	}
	return w.Close()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func dialSMTP(ctx context.Context, s SMTPSettings) (*smtp.Client, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()
	var c *smtp.Client
	switch s.TLS {
	case TLSImplicit:
		tc := tls.Client(conn, tlsConfigFor(s.TLSConfig, s.Addr))
		if err := tc.HandshakeContext(ctx); err != nil {
			_ = conn.Close()
			return nil, err
		}
		c = smtp.NewClient(tc)
	case TLSStartTLS:
		if c, err = smtp.NewClientStartTLS(conn, tlsConfigFor(s.TLSConfig, s.Addr)); err != nil {
			return nil, err
		}
	default:
		c = smtp.NewClient(conn)
	}
	if deadline, ok := ctx.Deadline(); ok {
		c.CommandTimeout = time.Until(deadline)
		c.SubmissionTimeout = c.CommandTimeout
	}
	return c, nil
}
