package bot

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
)

// eraseWorld is a thread holding a long mail posted in several pages with
// an attachment, a draft, a notice and an adviser's own message.
func eraseWorld(t *testing.T) (*slacktest.Server, *Bot, string) {
	t.Helper()
	srv := slacktest.New(slacktest.Options{PostsPerSecond: -1})
	t.Cleanup(srv.Close)
	b := New(Options{BotToken: "xoxb-test", APIURL: srv.APIURL(), Lang: LangDanish})
	ctx := context.Background()
	_, root, err := b.API().PostMessageContext(ctx, "C1", slack.MsgOptionText("root", false))
	if err != nil {
		t.Fatal(err)
	}
	m := &affaldsbot.Message{ID: 9, Kind: affaldsbot.MessageInbound, FromAddr: "jens@example.dk", Subject: "Sofa",
		Body: strings.Repeat("Min gamle sofa står i gården. ", 2000), ReceivedAt: time.Now(), CreatedAt: time.Now()}
	atts := []affaldsbot.Attachment{{Filename: "kvittering.pdf", ContentType: "application/pdf", Size: 7, Data: []byte("PDFDATA")}}
	if _, err := b.PostThread(ctx, "C1", root, m, atts); err != nil {
		t.Fatal(err)
	}
	if _, err := b.PostDraft(ctx, "C1", root, handlers.DraftView{DraftID: 1, EnquiryID: 3, State: handlers.DraftReady, Text: "Kære Jens"}); err != nil {
		t.Fatal(err)
	}
	if err := b.PostNotice(ctx, "C1", root, "UADV1 tog henvendelsen"); err != nil {
		t.Fatal(err)
	}
	srv.PostAs("UADV1", "C1", root, "Jeg ringer til Jens")
	return srv, b, root
}

func TestEraseThreadLeavesTheRootAndPeoplesMessages(t *testing.T) {
	srv, b, root := eraseWorld(t)
	before := len(srv.Thread("C1", root))
	if before < 7 { // root, ≥ 2 pages, file share, draft, notice, adviser
		t.Fatalf("thread holds %d messages before the erase", before)
	}
	ctx := context.Background()
	n, err := b.EraseThread(ctx, "C1", root)
	if err != nil {
		t.Fatal(err)
	}
	thread := srv.Thread("C1", root)
	if len(thread) != 2 || thread[0].Text != "root" || thread[1].User != "UADV1" {
		t.Errorf("thread after the erase = %+v", thread)
	}
	if files := srv.Files(); len(files) != 0 {
		t.Errorf("files left: %+v", files)
	}
	// the file share goes with its file, so it is not counted as deleted
	if want := (handlers.ThreadErasure{Messages: before - 3, Files: 1}); !reflect.DeepEqual(n, want) {
		t.Errorf("erased %+v, want %+v", n, want)
	}
	if n, err := b.EraseThread(ctx, "C1", root); !reflect.DeepEqual(n, handlers.ThreadErasure{}) || err != nil {
		t.Errorf("second erase = %+v, %v; want nothing, nil", n, err)
	}
}

func TestEraseThreadStopsOnlyWhenTheThreadCannotBeRead(t *testing.T) {
	for _, method := range []string{"auth.test", "conversations.replies"} {
		t.Run(method, func(t *testing.T) {
			srv, b, root := eraseWorld(t)
			srv.FailNext(method, 1, 500)
			if _, err := b.EraseThread(context.Background(), "C1", root); err == nil {
				t.Fatal("no error")
			}
			if _, err := b.EraseThread(context.Background(), "C1", root); err != nil {
				t.Fatalf("the retry: %v", err)
			}
			if n := len(srv.Thread("C1", root)); n != 2 {
				t.Errorf("thread holds %d messages after the retry, want 2", n)
			}
		})
	}
}

// TestEraseThreadCarriesOnPastRefusals: one refused deletion leaves that one
// message or file, reported with Slack's reason, and nothing else.
func TestEraseThreadCarriesOnPastRefusals(t *testing.T) {
	tests := []struct {
		name   string
		refuse func(srv *slacktest.Server)
		item   string
		reason string
		retry  bool
	}{
		{"a message: server error", func(srv *slacktest.Server) { srv.FailNext("chat.delete", 1, 500) }, "message ", "HTTP 500", true},
		{"a message: refused", func(srv *slacktest.Server) { srv.RefuseNext("chat.delete", 1, "cant_delete_message") }, "message ", "cant_delete_message", false},
		{"a file: refused", func(srv *slacktest.Server) { srv.RefuseNext("files.delete", 1, "cant_delete_file") }, "file F", "cant_delete_file", false},
		{"a file: rate limited", func(srv *slacktest.Server) { srv.RefuseNext("files.delete", 1, "ratelimited") }, "file F", "ratelimited", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, b, root := eraseWorld(t)
			before := len(srv.Thread("C1", root))
			tt.refuse(srv)
			res, err := b.EraseThread(context.Background(), "C1", root)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Failed) != 1 || !strings.HasPrefix(res.Failed[0].Item, tt.item) || res.Failed[0].Reason != tt.reason || res.Failed[0].Retry != tt.retry {
				t.Fatalf("failed = %+v, want one %q… with %q, retry %v", res.Failed, tt.item, tt.reason, tt.retry)
			}
			left := len(srv.Thread("C1", root))
			if strings.HasPrefix(tt.item, "message") && (left != 3 || res.Messages != before-4) {
				t.Errorf("thread holds %d (want root, adviser and the refused one); %d deleted", left, res.Messages)
			}
			if strings.HasPrefix(tt.item, "file") && len(srv.Files()) != 1 {
				t.Errorf("files left: %d, want the refused one", len(srv.Files()))
			}
			again, err := b.EraseThread(context.Background(), "C1", root)
			if err != nil || len(again.Failed) != 0 || len(srv.Thread("C1", root)) != 2 || len(srv.Files()) != 0 {
				t.Errorf("second attempt: %+v, %v; thread %d, files %d", again, err, len(srv.Thread("C1", root)), len(srv.Files()))
			}
		})
	}
}
