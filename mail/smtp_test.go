package mail

import (
	"bytes"
	"context"
	"errors"
	"io"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	"github.com/google/go-cmp/cmp"
)

func reply() OutgoingMail {
	return OutgoingMail{
		From:       "Affald og Genbrug <affald@kk.dk>",
		To:         "jens@example.org",
		Subject:    "Sv: Storskrald i gården [#1234]",
		MessageID:  "<r1234.1@affaldsbot.kk.dk>",
		InReplyTo:  "m1@example.org",
		References: []string{"<m0@example.org>", "m1@example.org"},
		Body:       "Hej Jens\n\nStorskrald hentes hver anden tirsdag. Æbleskiver er madaffald.\n",
		Date:       time.Date(2026, 11, 26, 10, 0, 0, 0, time.FixedZone("CET", 3600)),
	}
}

func TestBuildMessageHeaders(t *testing.T) {
	raw, err := BuildMessage(reply())
	if err != nil {
		t.Fatal(err)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for k := range msg.Header {
		got[k] = msg.Header.Get(k)
	}
	want := map[string]string{
		"From":                      `"Affald og Genbrug" <affald@kk.dk>`,
		"To":                        "<jens@example.org>",
		"Subject":                   "=?utf-8?q?Sv:_Storskrald_i_g=C3=A5rden_[#1234]?=",
		"Date":                      "Thu, 26 Nov 2026 10:00:00 +0100",
		"Message-Id":                "<r1234.1@affaldsbot.kk.dk>",
		"In-Reply-To":               "<m1@example.org>",
		"References":                "<m0@example.org> <m1@example.org>",
		"Mime-Version":              "1.0",
		"Content-Type":              "text/plain; charset=utf-8",
		"Content-Transfer-Encoding": "quoted-printable",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	body, _ := io.ReadAll(msg.Body)
	if !strings.Contains(string(body), "=C3=86bleskiver er madaffald.\r\n") {
		t.Errorf("body is not quoted-printable with CRLF:\n%s", body)
	}
}

func TestBuildMessageRefusesInjection(t *testing.T) {
	tests := map[string]func(m *OutgoingMail){
		"CRLF in subject":      func(m *OutgoingMail) { m.Subject = "Hej\r\nBcc: evil@example.net" },
		"LF in subject":        func(m *OutgoingMail) { m.Subject = "Hej\nBcc: evil@example.net" },
		"NUL in subject":       func(m *OutgoingMail) { m.Subject = "Hej\x00" },
		"CRLF in to":           func(m *OutgoingMail) { m.To = "jens@example.org\r\nBcc: evil@example.net" },
		"two recipients":       func(m *OutgoingMail) { m.To = "jens@example.org, evil@example.net" },
		"no recipient":         func(m *OutgoingMail) { m.To = "" },
		"not an address":       func(m *OutgoingMail) { m.To = "jens" },
		"group recipient":      func(m *OutgoingMail) { m.To = "alle: a@example.org, b@example.org;" },
		"CRLF in from":         func(m *OutgoingMail) { m.From = "affald@kk.dk\r\nX-Evil: 1" },
		"CR in message id":     func(m *OutgoingMail) { m.MessageID = "<a@b\rX-Evil: 1>" },
		"missing message id":   func(m *OutgoingMail) { m.MessageID = "" },
		"space in in-reply-to": func(m *OutgoingMail) { m.InReplyTo = "<a@b> <c@d>" },
		"LF in references":     func(m *OutgoingMail) { m.References = []string{"<a@b>\nBcc: evil@example.net"} },
		"no @ in references":   func(m *OutgoingMail) { m.References = []string{"<ab>"} },
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			m := reply()
			mutate(&m)
			raw, err := BuildMessage(m)
			if affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
				t.Errorf("BuildMessage = %q, %v; want an EINVALID error", raw, err)
			}
		})
	}
}

func TestSendMailReachesServer(t *testing.T) {
	srv := smtptest.Start(t)
	srv.SetUser("affald@kk.dk", "hemmelig")
	raw, err := BuildMessage(reply())
	if err != nil {
		t.Fatal(err)
	}
	s := SMTPSettings{Addr: srv.Addr(), Username: "affald@kk.dk", Password: "hemmelig", TLS: TLSNone, HeloName: "affaldsbot.kk.dk"}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := SendMail(ctx, s, "affald@kk.dk", "jens@example.org", raw); err != nil {
		t.Fatal(err)
	}
	got := srv.Mails()
	want := []smtptest.Mail{{From: "affald@kk.dk", To: []string{"jens@example.org"}, Data: raw, Username: "affald@kk.dk"}}
	if diff := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".ReceivedAt" }, cmp.Ignore())); diff != "" {
		t.Errorf("captured (-want +got):\n%s", diff)
	}
}

func TestSendMailOverTLS(t *testing.T) {
	for _, mode := range []string{smtptest.TLSImplicit, smtptest.TLSStartTLS} {
		t.Run(mode, func(t *testing.T) {
			srv := smtptest.Start(t, smtptest.WithTLS(mode))
			s := SMTPSettings{Addr: srv.Addr(), TLS: mode, TLSConfig: srv.ClientTLSConfig()}
			if err := SendMail(context.Background(), s, "affald@kk.dk", "jens@example.org", []byte("Subject: x\r\n\r\nx\r\n")); err != nil {
				t.Fatal(err)
			}
			if n := len(srv.Mails()); n != 1 {
				t.Errorf("server holds %d mails, want 1", n)
			}
		})
	}
}

func TestSendMailReportsServerRefusal(t *testing.T) {
	srv := smtptest.Start(t)
	srv.FailNext(1)
	s := SMTPSettings{Addr: srv.Addr(), TLS: TLSNone}
	ctx := context.Background()
	if err := SendMail(ctx, s, "affald@kk.dk", "jens@example.org", []byte("Subject: x\r\n\r\nx\r\n")); err == nil {
		t.Fatal("SendMail succeeded although the server refused")
	}
	if err := SendMail(ctx, s, "affald@kk.dk", "jens@example.org", []byte("Subject: x\r\n\r\nx\r\n")); err != nil {
		t.Fatalf("second SendMail = %v", err)
	}
	if n := len(srv.Mails()); n != 1 {
		t.Errorf("server holds %d mails, want 1", n)
	}
}

func TestSendMailHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	srv := smtptest.Start(t)
	err := SendMail(ctx, SMTPSettings{Addr: srv.Addr(), TLS: TLSNone}, "a@kk.dk", "b@example.org", []byte("x\r\n"))
	if err == nil || len(srv.Mails()) != 0 {
		t.Errorf("SendMail with a cancelled context = %v, %d mails; want an error and none", err, len(srv.Mails()))
	}
}

func TestSendMailConfirmedDeliversOnlyWhenConfirmed(t *testing.T) {
	srv := smtptest.Start(t)
	s := SMTPSettings{Addr: srv.Addr(), TLS: TLSNone}
	msg := []byte("From: a@kk.example\r\nTo: b@example.dk\r\nSubject: x\r\n\r\nhej\r\n")
	err := SendMailConfirmed(context.Background(), s, "a@kk.example", "b@example.dk", msg, func() (bool, error) { return false, nil })
	if !errors.Is(err, ErrNotConfirmed) || len(srv.Mails()) != 0 {
		t.Fatalf("unconfirmed: err %v, %d mails; want ErrNotConfirmed and none", err, len(srv.Mails()))
	}
	confirmed := 0
	err = SendMailConfirmed(context.Background(), s, "a@kk.example", "b@example.dk", msg, func() (bool, error) {
		confirmed++
		if n := len(srv.Mails()); n != 0 {
			t.Errorf("%d mails delivered before the confirmation", n)
		}
		return true, nil
	})
	if err != nil || confirmed != 1 || len(srv.Mails()) != 1 {
		t.Errorf("confirmed: err %v, confirm ran %d times, %d mails; want nil, 1, 1", err, confirmed, len(srv.Mails()))
	}
}
