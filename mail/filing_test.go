package mail

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	gomail "github.com/emersion/go-message/mail"
)

func TestBuildFilingMessageAttachesOriginals(t *testing.T) {
	orig := "From: a@example.org\r\nTo: b@example.org\r\nSubject: Storskrald\r\nMessage-ID: <x@example.org>\r\n\r\nHej æøå\r\n"
	raw, err := BuildFilingMessage(FilingMail{From: "affald@kk.dk", To: "journal@kk.dk", Subject: "Henvendelse #12",
		MessageID: "filing-1@kk.dk", Date: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Body: "Samtale\n\nBorger: Hej", Originals: []Original{{Filename: "../../etc/1.eml", Raw: []byte(orig)}}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Header.Get("To"); got != "<journal@kk.dk>" {
		t.Errorf("To = %q", got)
	}
	var parts []string
	for range 5 {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p.Body)
		ct := p.Header.Get("Content-Type")
		if ah, ok := p.Header.(*gomail.AttachmentHeader); ok {
			name, _ := ah.Filename()
			parts = append(parts, ct+" "+name)
			if string(body) != orig {
				t.Errorf("original changed:\n%q", body)
			}
			continue
		}
		parts = append(parts, ct)
		if !strings.Contains(string(body), "Borger: Hej") {
			t.Errorf("text part = %q", body)
		}
	}
	want := []string{"text/plain; charset=utf-8", "message/rfc822 1.eml"}
	if strings.Join(parts, "|") != strings.Join(want, "|") {
		t.Errorf("parts = %q, want %q", parts, want)
	}
}

func TestBuildFilingMessageRefusesInjection(t *testing.T) {
	for _, f := range []FilingMail{
		{From: "affald@kk.dk", To: "journal@kk.dk\r\nBcc: x@evil.example", Subject: "s", MessageID: "a@b"},
		{From: "affald@kk.dk", To: "journal@kk.dk", Subject: "s\r\nBcc: x@evil.example", MessageID: "a@b"},
		{From: "affald@kk.dk", To: "journal@kk.dk, x@evil.example", Subject: "s", MessageID: "a@b"},
	} {
		if _, err := BuildFilingMessage(f); affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
			t.Errorf("%+v: err = %v, want EINVALID", f, err)
		}
	}
}
