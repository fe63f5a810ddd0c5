package bot_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// For an enquiry whose mail gave no sender address that can be trusted, the
// reply modal asks for the address; a malformed one is refused in the
// modal, and the reply goes to the address typed, never to a guess.
func TestReplyModalAsksForAnUnknownAddress(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		id, rootTS := env.enquiry(t)
		if _, err := db.DB.ExecContext(context.Background(), db.Rebind(`UPDATE enquiries SET citizen_email = '' WHERE id = ?`), id); err != nil {
			t.Fatal(err)
		}
		env.post(clickBody("UADV1", bot.ActionReply, strconv.FormatInt(id, 10), rootTS), formType)
		env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Views()) == 1 })
		v := env.slack.Views()[0]
		if !strings.Contains(string(v.Blocks), `"block_id":"reply_to"`) || !strings.Contains(string(v.Blocks), `"type":"email_text_input"`) {
			t.Fatalf("the reply modal does not ask for the address: %s", v.Blocks)
		}
		w := env.post(submitWithAddress("UADV1", v.PrivateMetadata, "Vi henter torsdag.", "mayor kk.example"), formType)
		if !strings.Contains(w.Body.String(), `"reply_to"`) {
			t.Errorf("a malformed address was not refused in the modal: %s", w.Body.String())
		}
		env.post(submitWithAddress("UADV1", v.PrivateMetadata, "Vi henter torsdag.", "jens@example.dk"), formType)
		waitMails(t, env, 1)
		if to := env.smtp.Mails()[0].To; len(to) != 1 || to[0] != "jens@example.dk" {
			t.Errorf("reply sent to %v, want the address typed", to)
		}
	})
}

func submitWithAddress(user, metadata, text, addr string) string {
	p := map[string]any{"type": "view_submission", "user": map[string]any{"id": user},
		"view": map[string]any{"id": "V1", "callback_id": bot.ReplyModalCallbackID, "private_metadata": metadata,
			"state": map[string]any{"values": map[string]any{
				bot.ReplyBodyBlockID: map[string]any{bot.ReplyBodyActionID: map[string]any{"type": "plain_text_input", "value": text}},
				bot.ReplyToBlockID:   map[string]any{bot.ReplyToActionID: map[string]any{"type": "email_text_input", "value": addr}},
			}}}}
	return "payload=" + url.QueryEscape(mustJSON(p))
}
