package slacktest_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/internal/slacktest"
)

const (
	token   = "xoxb-test-token"
	channel = "C0000TEST"
)

// start runs a fake with opts (50 posts/s unless set) and a slack-go client for it.
func start(t *testing.T, opts slacktest.Options) (*slacktest.Server, *slack.Client) {
	t.Helper()
	if opts.PostsPerSecond == 0 {
		opts.PostsPerSecond = 50
	}
	srv := slacktest.New(opts)
	t.Cleanup(srv.Close)
	return srv, slack.New(token, slack.OptionAPIURL(srv.APIURL()))
}

func metadata(id string) slack.SlackMetadata {
	return slack.SlackMetadata{EventType: "affaldsbot_enquiry", EventPayload: map[string]any{"enquiry_id": id}}
}

func TestPostUpdateAndFindByMetadata(t *testing.T) {
	srv, api := start(t, slacktest.Options{})
	ctx := context.Background()
	section := slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*#7* hej", false, false), nil, nil)
	_, rootTS, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText("#7", false),
		slack.MsgOptionBlocks(section), slack.MsgOptionMetadata(metadata("7")))
	if err != nil {
		t.Fatalf("post root: %v", err)
	}
	if _, _, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText("reply", false), slack.MsgOptionTS(rootTS)); err != nil {
		t.Fatalf("post reply: %v", err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, channel, rootTS, slack.MsgOptionText("#7 updated", false)); err != nil {
		t.Fatalf("update: %v", err)
	}
	hist, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: channel, IncludeAllMetadata: true})
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	if len(hist.Messages) != 1 {
		t.Fatalf("history has %d messages, want the root only", len(hist.Messages))
	}
	got := hist.Messages[0]
	if diff := cmp.Diff(metadata("7"), got.Metadata); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
	if got.Text != "#7 updated" || got.ReplyCount != 1 || len(got.Blocks.BlockSet) != 1 {
		t.Errorf("root = text %q, %d replies, %d blocks; want updated text, 1 reply, blocks kept", got.Text, got.ReplyCount, len(got.Blocks.BlockSet))
	}
	thread := srv.Thread(channel, rootTS)
	if len(thread) != 2 || thread[1].ThreadTS != rootTS || thread[0].Edits != 1 {
		t.Errorf("thread = %+v, want root edited once and one reply under it", thread)
	}
}

func TestHistoryPagesWithoutDuplicates(t *testing.T) {
	srv, api := start(t, slacktest.Options{})
	ctx := context.Background()
	for i := range 5 {
		if _, _, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText(strings.Repeat("x", i+1), false)); err != nil {
			t.Fatalf("post: %v", err)
		}
	}
	var seen []string
	cursor := ""
	for page := 0; page < 10; page++ {
		hist, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: channel, Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatalf("history: %v", err)
		}
		for _, m := range hist.Messages {
			seen = append(seen, m.Timestamp)
		}
		if page == 0 { // a post between pages must not shift the later pages
			_, _, _ = api.PostMessageContext(ctx, channel, slack.MsgOptionText("late", false))
		}
		if cursor = hist.ResponseMetaData.NextCursor; cursor == "" {
			break
		}
	}
	roots := srv.Roots(channel)
	var want []string
	for i := 4; i >= 0; i-- {
		want = append(want, roots[i].TS)
	}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
}

func TestHistoryOldestIsExclusive(t *testing.T) {
	srv, api := start(t, slacktest.Options{})
	ctx := context.Background()
	for range 3 {
		_, _, _ = api.PostMessageContext(ctx, channel, slack.MsgOptionText("m", false))
	}
	roots := srv.Roots(channel)
	hist, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: channel, Oldest: roots[0].TS})
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	if len(hist.Messages) != 2 || hist.Messages[0].Metadata.EventType != "" {
		t.Errorf("got %d messages, want the 2 after oldest, without metadata unless asked", len(hist.Messages))
	}
}

func TestRateLimitAnswers429WithRetryAfter(t *testing.T) {
	srv, api := start(t, slacktest.Options{PostsPerSecond: 1})
	ctx := context.Background()
	if _, _, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText("first", false)); err != nil {
		t.Fatalf("first post: %v", err)
	}
	_, _, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText("second", false))
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != time.Second {
		t.Fatalf("second post: err = %v, want RateLimitedError after 1s", err)
	}
	if _, _, err := api.PostMessageContext(ctx, "C0000OTHER", slack.MsgOptionText("other channel", false)); err != nil {
		t.Errorf("another channel has its own limit, got %v", err)
	}
	resp, err := http.PostForm(srv.APIURL()+"chat.postMessage", url.Values{"token": {token}, "channel": {channel}, "text": {"x"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "1" {
		t.Errorf("raw answer = %d, Retry-After %q; want 429 and 1", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if got := srv.Throttled("chat.postMessage"); got != 2 {
		t.Errorf("Throttled = %d, want 2", got)
	}
}

func TestAuthAndFailures(t *testing.T) {
	srv, _ := start(t, slacktest.Options{Token: token})
	ctx := context.Background()
	for tok, want := range map[string]string{"": "not_authed", "xoxp-user": "invalid_auth", "xoxb-other": "invalid_auth"} {
		_, err := slack.New(tok, slack.OptionAPIURL(srv.APIURL())).AuthTestContext(ctx)
		if err == nil || err.Error() != want {
			t.Errorf("token %q: err = %v, want %s", tok, err, want)
		}
	}
	api := slack.New(token, slack.OptionAPIURL(srv.APIURL()))
	srv.FailNext("chat.postMessage", 1, http.StatusInternalServerError)
	_, _, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText("x", false))
	var sc slack.StatusCodeError
	if !errors.As(err, &sc) || sc.Code != http.StatusInternalServerError {
		t.Errorf("injected failure: err = %v, want status 500", err)
	}
	if _, _, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText("x", false)); err != nil {
		t.Errorf("after the failure: %v", err)
	}
	if got := srv.Calls("chat.postMessage"); got != 2 {
		t.Errorf("Calls = %d, want 2", got)
	}
}

func TestWaitForSeesPostsFromAnotherGoroutine(t *testing.T) {
	srv, api := start(t, slacktest.Options{})
	go func() {
		for range 3 {
			_, _, _ = api.PostMessage(channel, slack.MsgOptionText("async", false))
		}
	}()
	srv.WaitFor(t, 5*time.Second, func() bool { return len(srv.Roots(channel)) == 3 })
}

func BenchmarkPostMessage(b *testing.B) {
	srv := slacktest.New(slacktest.Options{PostsPerSecond: -1})
	defer srv.Close()
	api := slack.New(token, slack.OptionAPIURL(srv.APIURL()))
	blocks := slack.MsgOptionBlocks(slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, strings.Repeat("tekst ", 400), false, true), nil, nil))
	for b.Loop() {
		if _, _, err := api.PostMessage(channel, blocks, slack.MsgOptionText("x", false), slack.MsgOptionMetadata(metadata("1"))); err != nil {
			b.Fatal(err)
		}
	}
}
