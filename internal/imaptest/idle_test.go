package imaptest

import (
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

// TestIdleReportsMailDeliveredBeforeIdle: a message delivered after the
// client's last command and before its IDLE is reported once IDLE starts,
// as Dovecot does; go-imap's memory server alone would keep it until the
// next change.
func TestIdleReportsMailDeliveredBeforeIdle(t *testing.T) {
	s := Start(t, map[string]string{"affald": "pw"})
	exists := make(chan uint32, 8)
	c, err := imapclient.DialInsecure(s.Addr(), &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				exists <- *d.NumMessages
			}
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login("affald", "pw").Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Deliver("INBOX", []byte("Subject: a\r\n\r\na\r\n"), time.Now()); err != nil {
		t.Fatal(err)
	}
	idle, err := c.Idle()
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	select {
	case n := <-exists:
		if n != 1 {
			t.Errorf("EXISTS %d, want 1", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no EXISTS within 5 s of IDLE for a message delivered before it")
	}
}
