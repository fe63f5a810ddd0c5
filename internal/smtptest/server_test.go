package smtptest

import (
	"strings"
	"testing"

	"github.com/emersion/go-smtp"
)

func send(addr string) error {
	c, err := smtp.Dial(addr)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.SendMail("a@kk.dk", []string{"b@example.org"}, strings.NewReader("Subject: x\r\n\r\nx\r\n")); err != nil {
		return err
	}
	return c.Quit()
}

func TestFailNextRefusesThenAccepts(t *testing.T) {
	s := Start(t)
	s.FailNext(2)
	for i := range 2 {
		if err := send(s.Addr()); err == nil {
			t.Fatalf("send %d accepted, want refused", i)
		}
	}
	if err := send(s.Addr()); err != nil {
		t.Fatal(err)
	}
	mails := s.Mails()
	if len(mails) != 1 || mails[0].From != "a@kk.dk" || mails[0].To[0] != "b@example.org" ||
		string(mails[0].Data) != "Subject: x\r\n\r\nx\r\n" {
		t.Errorf("Mails = %+v, want the one accepted mail", mails)
	}
	select {
	case <-s.Received():
	default:
		t.Error("Received not signalled")
	}
}

func TestSetUserRequiresAuth(t *testing.T) {
	s := Start(t)
	s.SetUser("affald", "hemmelig")
	if err := send(s.Addr()); err == nil {
		t.Error("unauthenticated send accepted")
	}
	if n := len(s.Mails()); n != 0 {
		t.Errorf("%d mails recorded, want 0", n)
	}
}
