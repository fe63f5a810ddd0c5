package bot

import (
	"context"
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
	if want := before - 3; n != want {
		t.Errorf("deleted %d messages, want %d", n, want)
	}
	if n, err := b.EraseThread(ctx, "C1", root); n != 0 || err != nil {
		t.Errorf("second erase = %d, %v; want 0, nil", n, err)
	}
}

func TestEraseThreadErrors(t *testing.T) {
	tests := []struct {
		name   string
		method string
		status int
	}{
		{"auth.test fails", "auth.test", 500},
		{"the thread cannot be read", "conversations.replies", 500},
		{"a message cannot be deleted", "chat.delete", 500},
		{"a file cannot be deleted", "files.delete", 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, b, root := eraseWorld(t)
			srv.FailNext(tt.method, 1, tt.status)
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
