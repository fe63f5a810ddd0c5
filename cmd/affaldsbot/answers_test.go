package main

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// answerPicked is the reply modal's picker choosing answer name.
func answerPicked(user, viewID, name string) string {
	p := map[string]any{"type": "block_actions", "user": map[string]any{"id": user}, "trigger_id": "trig-pick",
		"view": map[string]any{"id": viewID, "hash": "1700000000.pick", "type": "modal", "callback_id": bot.ReplyModalCallbackID, "private_metadata": "1",
			"blocks": []any{}, "state": map[string]any{"values": map[string]any{}}},
		"actions": []any{map[string]any{"type": "static_select", "action_id": bot.ActionReplyAnswer, "block_id": bot.ReplyAnswersBlockID,
			"selected_option": map[string]any{"value": name}, "action_ts": "1700000000.1"}}}
	return "payload=" + url.QueryEscape(mustMarshal(p))
}

func TestAStandardAnswerPickedInTheReplyModalIsFilledEditedSentAndCounted(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b, smtp, _ := startWithEnquiry(t, dialect)
			if got := b.slackPost(t, answerPicked("UADV1", "V0REPLY", "pap"), "application/x-www-form-urlencoded", time.Now(), secSlackSecret); got != 200 {
				t.Fatalf("status %d", got)
			}
			b.Receiver.Wait()
			views := b.slack.Views()
			if len(views) != 1 || views[0].Method != "views.push" || views[0].PrivateMetadata != "1:pap" {
				t.Fatalf("views %+v, want the reply modal pushed with /pap", views)
			}
			if s := string(views[0].Blocks); !strings.Contains(s, "Hej Jens,") || !strings.Contains(s, "Pizzabakker") {
				t.Errorf("the pushed modal is not filled in with /pap: %s", s)
			}
			edited := "Hej Jens,\n\nPizzabakker med fedt skal i restaffald. (rettet)"
			p := map[string]any{"type": "view_submission", "user": map[string]any{"id": "UADV1"},
				"view": map[string]any{"id": views[0].ID, "previous_view_id": "V0REPLY", "hash": "1700000000.abc", "callback_id": bot.ReplyModalCallbackID,
					"private_metadata": views[0].PrivateMetadata, "state": map[string]any{"values": map[string]any{bot.ReplyBodyBlockID: map[string]any{
						bot.ReplyBodyActionID: map[string]any{"type": "plain_text_input", "value": edited}}}}}}
			if got := b.slackPost(t, "payload="+url.QueryEscape(mustMarshal(p)), "application/x-www-form-urlencoded", time.Now(), secSlackSecret); got != 200 {
				t.Fatalf("status %d", got)
			}
			b.Receiver.Wait()
			b.onlyMails(t, smtp, 1)
			if body := string(smtp.Mails()[0].Data); !strings.Contains(body, "(rettet)") {
				t.Errorf("the adviser's edit was not sent:\n%s", body)
			}
			if n := b.count(t, `SELECT COUNT(*) FROM standard_answer_uses WHERE name = 'pap'`); n != 1 {
				t.Errorf("/pap counted %d times, want 1", n)
			}
		})
	}
}

func TestOnlyTheLeadOpensAndSavesTheAnswerEditor(t *testing.T) {
	b := startSecurityBot(t, storagetest.Dialects[0], nil)
	b.slashCommand(t, "UADV1", "standardsvar pap")
	if n := len(b.slack.Views()); n != 0 {
		t.Fatalf("an adviser opened %d editors", n)
	}
	b.slashCommand(t, "ULEAD", "standardsvar pap")
	views := b.slack.Views()
	if len(views) != 1 || views[0].CallbackID != bot.AnswerModalCallbackID || !strings.Contains(string(views[0].Blocks), "Pizzabakker og pap") {
		t.Fatalf("views %+v, want the editor of /pap", views)
	}
	values := map[string]any{
		bot.AnswerTitleBlockID:  map[string]any{bot.AnswerValueActionID: map[string]any{"type": "plain_text_input", "value": "Pap, ny udgave"}},
		bot.AnswerBodyBlockID:   map[string]any{bot.AnswerValueActionID: map[string]any{"type": "plain_text_input", "value": "Hej {fornavn}, nyt svar."}},
		bot.AnswerBodyENBlockID: map[string]any{bot.AnswerValueActionID: map[string]any{"type": "plain_text_input", "value": ""}},
	}
	for _, user := range []string{"UADV1", "ULEAD"} {
		p := map[string]any{"type": "view_submission", "user": map[string]any{"id": user},
			"view": map[string]any{"id": "V0EDIT" + user, "hash": "1", "callback_id": bot.AnswerModalCallbackID, "private_metadata": "pap", "state": map[string]any{"values": values}}}
		if got := b.slackPost(t, "payload="+url.QueryEscape(mustMarshal(p)), "application/x-www-form-urlencoded", time.Now(), secSlackSecret); got != 200 {
			t.Fatalf("status %d", got)
		}
		b.Receiver.Wait()
		want := map[string]int{"UADV1": 0, "ULEAD": 1}[user]
		if n := b.count(t, `SELECT COUNT(*) FROM standard_answers WHERE name = 'pap' AND title = 'Pap, ny udgave'`); n != want {
			t.Errorf("after %s's submission %d saved rows, want %d", user, n, want)
		}
	}
}
