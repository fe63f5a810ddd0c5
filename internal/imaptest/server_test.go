package imaptest

import (
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/google/go-cmp/cmp"
)

func TestDeliverThenMessages(t *testing.T) {
	for _, mode := range []string{TLSNone, TLSImplicit, TLSStartTLS} {
		t.Run(mode, func(t *testing.T) {
			s := Start(t, map[string]string{"citizen": "shared"}, WithTLS(mode))
			date := time.Date(2026, 11, 26, 9, 14, 3, 0, time.UTC)
			for _, raw := range []string{"Subject: a\r\n\r\na\r\n", "Subject: b\r\n\r\nb\r\n"} {
				if _, err := s.Deliver("Indbakke", []byte(raw), date); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.Messages("Indbakke")
			if err != nil {
				t.Fatal(err)
			}
			want := []Message{
				{UID: 1, InternalDate: date, Raw: []byte("Subject: a\r\n\r\na\r\n")},
				{UID: 2, InternalDate: date, Raw: []byte("Subject: b\r\n\r\nb\r\n")},
			}
			if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
				t.Errorf("Messages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMessagesOfMissingMailboxIsEmpty(t *testing.T) {
	s := Start(t, map[string]string{"citizen": "shared"})
	got, err := s.Messages("Findes-ikke")
	if err != nil || len(got) != 0 {
		t.Errorf("Messages = %v, %v; want none", got, err)
	}
}

func TestStopRefusesAndRestartServesAgain(t *testing.T) {
	s := Start(t, map[string]string{"citizen": "shared"})
	if _, err := s.Deliver("INBOX", []byte("Subject: a\r\n\r\na\r\n"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	s.Stop()
	if c, err := imapclient.DialInsecure(s.Addr(), nil); err == nil {
		c.Close()
		t.Fatal("dial succeeded while stopped")
	}
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	got, err := s.Messages("INBOX")
	if err != nil || len(got) != 1 {
		t.Errorf("after restart Messages = %v, %v; want the one message", got, err)
	}
}
