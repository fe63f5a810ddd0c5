package slacktest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/internal/slacktest"
)

func section(text string) slack.Block {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, false), nil, nil)
}

func sections(n, size int) []slack.Block {
	var out []slack.Block
	for range n {
		out = append(out, section(strings.Repeat("a", size)))
	}
	return out
}

func button(value string) slack.Block {
	return slack.NewActionBlock("", slack.NewButtonBlockElement("enquiry_claim", value,
		slack.NewTextBlockObject(slack.PlainTextType, "Tag sagen", true, false)))
}

func TestPostMessageEnforcesLimits(t *testing.T) {
	tests := []struct {
		name   string
		blocks []slack.Block
		want   string
	}{
		{"50 blocks", sections(50, 10), ""},
		{"51 blocks", sections(51, 10), "invalid_blocks"},
		{"section of 3000", sections(1, 3000), ""},
		{"section of 3001", sections(1, 3001), "invalid_blocks"},
		{"header of 150", []slack.Block{slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, strings.Repeat("é", 150), true, false))}, ""},
		{"header of 151", []slack.Block{slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, strings.Repeat("é", 151), true, false))}, "invalid_blocks"},
		{"mrkdwn header", []slack.Block{slack.NewHeaderBlock(slack.NewTextBlockObject(slack.MarkdownType, "x", false, false))}, "invalid_blocks"},
		{"button value of 2000", []slack.Block{button(strings.Repeat("1", 2000))}, ""},
		{"button value of 2001", []slack.Block{button(strings.Repeat("1", 2001))}, "invalid_blocks"},
		{"empty section text", sections(1, 0), "invalid_blocks"},
		{"13,200 characters in all", sections(5, 2640), ""},
		{"13,201 characters in all", append(sections(5, 2640), section("b")), "msg_blocks_too_long"},
		{"duplicate block_id", []slack.Block{
			slack.NewDividerBlock(), slack.NewContextBlock("x", slack.NewTextBlockObject(slack.MarkdownType, "a", false, false)),
			slack.NewContextBlock("x", slack.NewTextBlockObject(slack.MarkdownType, "b", false, false)),
		}, "invalid_blocks"},
	}
	_, api := start(t, slacktest.Options{PostsPerSecond: -1})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := api.PostMessageContext(context.Background(), channel, slack.MsgOptionBlocks(tt.blocks...), slack.MsgOptionText("fallback", false))
			if got := errString(err); got != tt.want {
				t.Errorf("error = %q, want %q", got, tt.want)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestTextAndChannelErrors(t *testing.T) {
	srv, api := start(t, slacktest.Options{Channels: []string{channel}, PostsPerSecond: -1})
	ctx := context.Background()
	_, ts, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText(strings.Repeat("x", 40000), false))
	if err != nil {
		t.Fatalf("post of 40,000 characters: %v", err)
	}
	checks := []struct {
		name string
		err  error
		want string
	}{
		{"unknown channel", second(api.PostMessageContext(ctx, "C0000NONE", slack.MsgOptionText("x", false))), "channel_not_found"},
		{"no channel", second(api.PostMessageContext(ctx, "", slack.MsgOptionText("x", false))), "channel_not_found"},
		{"no text", second(api.PostMessageContext(ctx, channel)), "no_text"},
		{"post text over 40,000", second(api.PostMessageContext(ctx, channel, slack.MsgOptionText(strings.Repeat("x", 40001), false))), "msg_too_long"},
		{"update text over 4,000", fourth(api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionText(strings.Repeat("x", 4001), false))), "msg_too_long"},
		{"update of a missing message", fourth(api.UpdateMessageContext(ctx, channel, "1.000001", slack.MsgOptionText("x", false))), "message_not_found"},
		{"reply to a missing thread", second(api.PostMessageContext(ctx, channel, slack.MsgOptionText("x", false), slack.MsgOptionTS("1.000001"))), "thread_not_found"},
	}
	for _, c := range checks {
		if got := errString(c.err); got != c.want {
			t.Errorf("%s: error = %q, want %q", c.name, got, c.want)
		}
	}
	if n := len(srv.Messages(channel)); n != 1 {
		t.Errorf("%d messages stored, want only the first", n)
	}
}

func second(_, _ string, err error) error    { return err }
func fourth(_, _, _ string, err error) error { return err }

func TestMalformedBlocksAndMetadata(t *testing.T) {
	srv, _ := start(t, slacktest.Options{PostsPerSecond: -1})
	tests := map[string]url.Values{
		"invalid_blocks_format":   {"blocks": {`[{"type":`}},
		"invalid_blocks":          {"blocks": {`[{"type":"input","label":{"type":"plain_text","text":"x"},"element":{"type":"plain_text_input"}}]`}},
		"invalid_metadata_format": {"text": {"x"}, "metadata": {`{"event_type":`}},
		"invalid_metadata_schema": {"text": {"x"}, "metadata": {`{"event_payload":{}}`}},
	}
	for want, v := range tests {
		v.Set("channel", channel)
		if got := rawCall(t, srv, "chat.postMessage", v)["error"]; got != want {
			t.Errorf("error = %v, want %s", got, want)
		}
	}
}

// rawCall posts a form with a Bearer token, as a client other than slack-go would.
func rawCall(t *testing.T, srv *slacktest.Server, method string, v url.Values) map[string]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.APIURL()+method, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("%s: decode: %v", method, err)
	}
	return body
}

func TestValidateBlocks(t *testing.T) {
	if code, detail := slacktest.ValidateBlocks(`[{"type":"section","text":{"type":"mrkdwn","text":"ok"}}]`); code != "" {
		t.Errorf("valid blocks refused: %s %s", code, detail)
	}
	if code, _ := slacktest.ValidateBlocks(`[{"type":"nonsense"}]`); code != "invalid_blocks" {
		t.Errorf("unknown block type: code %q, want invalid_blocks", code)
	}
}
