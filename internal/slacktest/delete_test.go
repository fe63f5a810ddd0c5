package slacktest_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/internal/slacktest"
)

func TestChatDeleteOnlyTheBotsOwnMessages(t *testing.T) {
	srv := slacktest.New(slacktest.Options{PostsPerSecond: -1})
	defer srv.Close()
	api := slack.New("xoxb-test", slack.OptionAPIURL(srv.APIURL()))
	ctx := context.Background()
	_, root, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("root", false))
	if err != nil {
		t.Fatal(err)
	}
	_, reply, _ := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("reply", false), slack.MsgOptionTS(root))
	human := srv.PostAs("UADV1", "C1", root, "an adviser's words")

	tests := []struct {
		name, ts, want string
	}{
		{"the bot's reply", reply, ""},
		{"again", reply, "message_not_found"},
		{"a person's message", human, "cant_delete_message"},
		{"a root with replies becomes a tombstone", root, ""},
		{"the tombstone", root, "cant_delete_message"},
	}
	for _, tt := range tests {
		_, _, err := api.DeleteMessageContext(ctx, "C1", tt.ts)
		if got := errText(err); got != tt.want {
			t.Errorf("%s: error %q, want %q", tt.name, got, tt.want)
		}
	}
	thread := srv.Thread("C1", root)
	if len(thread) != 2 || thread[0].SubType != "tombstone" || thread[0].Text == "root" || thread[1].User != "UADV1" {
		t.Errorf("thread after deletes = %+v", thread)
	}
}

func TestFilesDeleteUnsharesTheFile(t *testing.T) {
	srv := slacktest.New(slacktest.Options{PostsPerSecond: -1})
	defer srv.Close()
	api := slack.New("xoxb-test", slack.OptionAPIURL(srv.APIURL()))
	ctx := context.Background()
	_, root, _ := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("root", false))
	f, err := api.UploadFileContext(ctx, slack.UploadFileParameters{Reader: bytes.NewReader([]byte("PDF")), FileSize: 3,
		Filename: "a.pdf", Channel: "C1", ThreadTimestamp: root})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Thread("C1", root)); n != 2 {
		t.Fatalf("thread holds %d messages before the delete, want the root and the file share", n)
	}
	if err := api.DeleteFileContext(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if got := errText(api.DeleteFileContext(ctx, f.ID)); got != "file_not_found" {
		t.Errorf("second delete: %q, want file_not_found", got)
	}
	if n, files := len(srv.Thread("C1", root)), srv.Files(); n != 1 || len(files) != 0 {
		t.Errorf("after the delete: %d messages in the thread, files %+v", n, files)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
