package slacktest_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/internal/slacktest"
)

func TestUploadFileIntoThread(t *testing.T) {
	srv, api := start(t, slacktest.Options{})
	ctx := context.Background()
	_, rootTS, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText("root", false))
	if err != nil {
		t.Fatal(err)
	}
	content := "Hele mailen som tekst.\n"
	sum, err := api.UploadFileContext(ctx, slack.UploadFileParameters{
		Filename: "mail-7.txt", FileSize: len(content), Content: content, Title: "Mail #7",
		Channel: channel, ThreadTimestamp: rootTS,
	})
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	files := srv.Files()
	if len(files) != 1 || files[0].ID != sum.ID || string(files[0].Content) != content || files[0].ThreadTS != rootTS {
		t.Fatalf("files = %+v, want the content shared in the thread", files)
	}
	thread := srv.Thread(channel, rootTS)
	if len(thread) != 2 || thread[1].SubType != "file_share" || thread[1].Files[0].ID != sum.ID {
		t.Errorf("thread = %+v, want a file_share reply", thread)
	}
	for _, m := range []string{"files.getUploadURLExternal", "upload", "files.completeUploadExternal"} {
		if srv.Calls(m) != 1 {
			t.Errorf("Calls(%s) = %d, want 1", m, srv.Calls(m))
		}
	}
}

func TestViews(t *testing.T) {
	srv, api := start(t, slacktest.Options{})
	ctx := context.Background()
	modal := slack.ModalViewRequest{
		Type: slack.VTModal, Title: slack.NewTextBlockObject(slack.PlainTextType, "Svar borgeren", false, false),
		Submit:     slack.NewTextBlockObject(slack.PlainTextType, "Send", false, false),
		CallbackID: "reply_modal", PrivateMetadata: "7",
		Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewInputBlock("reply_body",
			slack.NewTextBlockObject(slack.PlainTextType, "Svar", false, false), nil,
			slack.NewPlainTextInputBlockElement(nil, "body"))}},
	}
	resp, err := api.OpenViewContext(ctx, "trigger-1", modal)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	modal.PrivateMetadata = "8"
	if _, err := api.UpdateViewContext(ctx, modal, "", "", resp.ID); err != nil {
		t.Fatalf("update: %v", err)
	}
	modal.Title = slack.NewTextBlockObject(slack.PlainTextType, "A title of more than 24 characters", false, false)
	if _, err := api.OpenViewContext(ctx, "trigger-2", modal); errString(err) != "invalid_arguments" {
		t.Errorf("long title: err = %v, want invalid_arguments", err)
	}
	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: sections(2, 5)}}
	for range 2 {
		if _, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U0000ADV1", View: home}); err != nil {
			t.Fatalf("publish: %v", err)
		}
	}
	var got []string
	for _, v := range srv.Views() {
		got = append(got, v.Method+" "+v.Type+" "+v.PrivateMetadata+" "+v.UserID)
	}
	want := []string{"views.open modal 8 ", "views.publish home  U0000ADV1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("views (-want +got):\n%s", diff)
	}
}

func TestUsersGroupsAndEphemerals(t *testing.T) {
	srv, api := start(t, slacktest.Options{
		Users:      map[string]slacktest.User{"U0000ADV1": {Name: "mette", RealName: "Mette Jensen", TZ: "Europe/Copenhagen"}},
		UserGroups: map[string][]string{"S0000ADV": {"U0000ADV1", "U0000ADV2"}},
	})
	ctx := context.Background()
	u, err := api.GetUserInfoContext(ctx, "U0000ADV1")
	if err != nil || u.ID != "U0000ADV1" || u.RealName != "Mette Jensen" {
		t.Errorf("users.info = %+v, %v", u, err)
	}
	if _, err := api.GetUserInfoContext(ctx, "U0000NONE"); errString(err) != "user_not_found" {
		t.Errorf("unknown user: %v", err)
	}
	members, err := api.GetUserGroupMembersContext(ctx, "S0000ADV")
	if diff := cmp.Diff([]string{"U0000ADV1", "U0000ADV2"}, members); diff != "" || err != nil {
		t.Errorf("members (-want +got):\n%s %v", diff, err)
	}
	if _, err := api.PostEphemeralContext(ctx, channel, "U0000ADV9", slack.MsgOptionText("Kun for rådgivere.", false)); err != nil {
		t.Fatalf("ephemeral: %v", err)
	}
	if e := srv.Ephemerals(); len(e) != 1 || e[0].User != "U0000ADV9" || e[0].Text != "Kun for rådgivere." {
		t.Errorf("ephemerals = %+v", e)
	}
	if auth, err := api.AuthTestContext(ctx); err != nil || auth.UserID == "" || auth.BotID == "" {
		t.Errorf("auth.test = %+v, %v", auth, err)
	}
}
