package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// paragraphs is a text of n paragraphs of size characters each.
func paragraphs(n, size int) string {
	var ps []string
	for i := range n {
		ps = append(ps, fmt.Sprintf("%04d ", i)+strings.Repeat("ø", size-5))
	}
	return strings.Join(ps, "\n\n")
}

// TestReplyModalOpensForAnyDraft opens the reply modal in the strict fake for
// drafts up to the longest reply, in every shape: short, long paragraphs, one
// paragraph without a space. Every field stays within Slack's 3,000
// characters; a draft of paragraphs comes back whole when the fields are
// joined.
func TestReplyModalOpensForAnyDraft(t *testing.T) {
	srv := slacktest.New(slacktest.Options{})
	defer srv.Close()
	api := slack.New("xoxb-test", slack.OptionAPIURL(srv.APIURL()))
	drafts := map[string]string{
		"none":                      "",
		"short":                     "Kære Jens\n\nVi henter sofaen torsdag.",
		"exactly one field":         strings.Repeat("æ", bot.MaxInputChars),
		"one field and a character": strings.Repeat("æ", bot.MaxInputChars+1),
		"paragraphs up to the most": paragraphs(20, 1000),
		"no spaces at all":          strings.Repeat("x", handlers.MaxReplyChars),
		"paragraphs of 1,501":       paragraphs(13, 1501)[:handlers.MaxReplyChars],
	}
	for name, draft := range drafts {
		t.Run(name, func(t *testing.T) {
			f := &handlers.ReplyForm{Enquiry: &affaldsbot.Enquiry{ID: 123456}, To: "jens@example.dk", Subject: "Re: Storskrald [#123456]", Draft: draft}
			for _, lang := range []string{bot.LangDanish, bot.LangEnglish} {
				if _, err := api.OpenViewContext(context.Background(), "trig", bot.ReplyModal(f, lang)); err != nil {
					t.Fatalf("%s: views.open: %v", lang, err)
				}
			}
			parts := bot.ReplyParts(draft)
			if noSpace(strings.Join(parts, "")) != noSpace(draft) {
				t.Errorf("the %d fields do not hold the whole draft", len(parts))
			}
			if strings.HasPrefix(name, "paragraphs up") && strings.Join(parts, "\n\n") != draft {
				t.Errorf("a draft of paragraphs did not come back whole from %d fields", len(parts))
			}
		})
	}
}

func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// TestReplyModalSaysHowBeforeWriting: the hint about the size of a field and
// the way to more room stands above the first field.
func TestReplyModalSaysHowBeforeWriting(t *testing.T) {
	f := &handlers.ReplyForm{Enquiry: &affaldsbot.Enquiry{ID: 7}, To: "jens@example.dk", Subject: "Storskrald"}
	raw, _ := json.Marshal(bot.ReplyModal(f, bot.LangDanish).Blocks)
	s := string(raw)
	hint, field, more := strings.Index(s, "3.000 tegn"), strings.Index(s, `"block_id":"reply_body"`), strings.Index(s, bot.ActionReplyMore)
	if hint < 0 || field < 0 || more < 0 || hint > field || !strings.Contains(s, "20.000") {
		t.Errorf("hint at %d, first field at %d, more button at %d:\n%s", hint, field, more, s)
	}
}

// TestLongReplyInSeveralFields writes a reply longer than one field: the
// adviser opens the modal, asks for another field (what they wrote stays),
// and submits both; the citizen gets one mail with both parts.
func TestLongReplyInSeveralFields(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		id, rootTS := env.enquiry(t)
		env.post(clickBody("UADV1", bot.ActionReply, strconv.FormatInt(id, 10), rootTS), formType)
		env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Views()) == 1 })
		first, second := strings.Repeat("a", bot.MaxInputChars), strings.Repeat("b", 1200)
		v := env.slack.Views()[0]
		env.post(viewAction(t, v, bot.ActionReplyMore, map[string]string{bot.ReplyBodyBlockID: first}), formType)
		env.slack.WaitFor(t, 5*time.Second, func() bool { return env.slack.Views()[0].Updates == 1 })
		v = env.slack.Views()[0]
		if !strings.Contains(string(v.Blocks), `"block_id":"`+bot.ReplyFieldBlockID(1)+`"`) || !strings.Contains(string(v.Blocks), first) {
			t.Fatalf("no second field, or the first lost its text: %s", v.Blocks)
		}
		env.post(replySubmit(t, v, "UADV1", map[string]string{bot.ReplyBodyBlockID: first, bot.ReplyFieldBlockID(1): second}), formType)
		waitMails(t, env, 1)
		if r, _ := db.Messages(context.Background(), id); r[len(r)-1].Body != first+"\n\n"+second {
			t.Errorf("recorded reply of %d characters, want both fields with a blank line between", len(r[len(r)-1].Body))
		}
	})
}

// viewPayload is a view as Slack sends it back in an interaction: as last
// sent, with its ID, hash and what the fields hold.
func viewPayload(t *testing.T, v slacktest.View, values map[string]string) map[string]any {
	t.Helper()
	var view map[string]any
	if err := json.Unmarshal(v.JSON, &view); err != nil {
		t.Fatal(err)
	}
	state := map[string]any{}
	for block, text := range values {
		state[block] = map[string]any{bot.ReplyBodyActionID: map[string]any{"type": "plain_text_input", "value": text}}
	}
	view["id"], view["hash"], view["state"] = v.ID, fmt.Sprintf("%s.%d", v.ID, v.Updates), map[string]any{"values": state}
	return view
}

func viewAction(t *testing.T, v slacktest.View, actionID string, values map[string]string) string {
	p := map[string]any{"type": "block_actions", "trigger_id": "trig-2", "user": map[string]any{"id": "UADV1"},
		"container": map[string]any{"type": "view", "view_id": v.ID}, "view": viewPayload(t, v, values),
		"actions": []map[string]any{{"action_id": actionID, "block_id": actionID, "type": "button", "value": v.PrivateMetadata, "action_ts": "1800000000.000001"}}}
	return "payload=" + url.QueryEscape(mustJSON(p))
}

func replySubmit(t *testing.T, v slacktest.View, user string, values map[string]string) string {
	p := map[string]any{"type": "view_submission", "user": map[string]any{"id": user}, "view": viewPayload(t, v, values)}
	return "payload=" + url.QueryEscape(mustJSON(p))
}
