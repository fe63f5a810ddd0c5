package mail

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/google/go-cmp/cmp"
)

func rawWithID(id, body string) []byte {
	return []byte(fmt.Sprintf("From: x@example.dk\r\nMessage-ID: <%s>\r\nSubject: s\r\n\r\n%s\r\n", id, body))
}

func TestEraseMailRemovesTheMessagesFromEveryFolder(t *testing.T) {
	srv := imaptest.Start(t, users)
	for _, m := range []struct{ folder, id, body string }{
		{"INBOX", "k1@example.dk", "Karl 1"}, {"INBOX", "other@example.dk", "Anna"}, {"INBOX", "k2@example.dk", "Karl 2"},
		{"Done", "k3@example.dk", "Karl 3"}, {"Sent", "reply-1@kk.dk", "Svar til Karl"}, {"Sent", "reply-2@kk.dk", "Svar til Anna"},
	} {
		if _, err := srv.Deliver(m.folder, rawWithID(m.id, m.body), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	for i := range 60 { // more than one SEARCH's worth
		ids = append(ids, fmt.Sprintf("unknown-%d@example.dk", i))
	}
	ids = append(ids, "k1@example.dk", "<k2@example.dk>", "k3@example.dk", "reply-1@kk.dk", "not an id")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := EraseMail(ctx, testSettings(srv), []string{"INBOX", "Done", "Sent", "Missing"}, ids)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"INBOX": 2, "Done": 1, "Sent": 1, "Missing": 0}, got); diff != "" {
		t.Errorf("erased per folder (-want +got):\n%s", diff)
	}
	for _, f := range []string{"INBOX", "Done", "Sent"} {
		msgs, err := srv.Messages(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if strings.Contains(string(m.Raw), "Karl") {
				t.Errorf("%s still holds %q", f, m.Raw)
			}
		}
		if f != "Done" && len(msgs) != 1 {
			t.Errorf("%s holds %d messages, want only the other citizen's", f, len(msgs))
		}
	}
	again, err := EraseMail(ctx, testSettings(srv), []string{"INBOX", "Done", "Sent"}, ids)
	if err != nil || again["INBOX"]+again["Done"]+again["Sent"] != 0 {
		t.Errorf("a second run erased %v (%v), want nothing", again, err)
	}
}
