package bot_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func TestHTTPRefusesUnsignedForgedAndStaleRequests(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		id, rootTS := env.enquiry(t)
		body := clickBody("UADV1", bot.ActionClaim, strconv.FormatInt(id, 10), rootTS)
		unsigned := signed(body, formType, testSecret, time.Now())
		unsigned.Header.Del("X-Slack-Signature")
		cases := map[string]*http.Request{
			"unsigned":     unsigned,
			"forged":       signed(body, formType, "not-the-secret", time.Now()),
			"stale":        signed(body, formType, testSecret, time.Now().Add(-6*time.Minute)),
			"future":       signed(body, formType, testSecret, time.Now().Add(6*time.Minute)),
			"body changed": tampered(body),
		}
		for name, req := range cases {
			w := httptestRecorder(env, req)
			if w != http.StatusUnauthorized {
				t.Errorf("%s request: status %d, want 401", name, w)
			}
		}
		env.recv.Wait()
		e, _ := db.GetEnquiry(context.Background(), id)
		if e.Status != affaldsbot.StatusNew || len(env.slack.Ephemerals()) != 0 {
			t.Errorf("a refused request was acted on: %s, %d ephemerals", e.Status, len(env.slack.Ephemerals()))
		}
	})
}

func tampered(body string) *http.Request {
	req := signed(body, formType, testSecret, time.Now())
	other := signed(strings.Replace(body, "UADV1", "UADV2", 1), formType, testSecret, time.Now())
	other.Header = req.Header
	return other
}

func httptestRecorder(env *recvEnv, req *http.Request) int {
	w := newRecorder()
	env.http.ServeHTTP(w, req)
	return w.Code
}

func TestHTTPAnswersURLVerification(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		w := env.post(`{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`, "application/json")
		if w.Code != http.StatusOK || w.Body.String() != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
			t.Errorf("url_verification: %d %q", w.Code, w.Body.String())
		}
	})
}

func TestHTTPClaimByAdviserAndRefusalOfOthers(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		ctx := context.Background()
		id, rootTS := env.enquiry(t)
		value := strconv.FormatInt(id, 10)
		if w := env.post(clickBody("UOUTSIDER", bot.ActionClaim, value, rootTS), formType); w.Code != http.StatusOK {
			t.Fatalf("click: %d", w.Code)
		}
		env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Ephemerals()) == 1 })
		if e, _ := db.GetEnquiry(ctx, id); e.Status != affaldsbot.StatusNew {
			t.Errorf("a non-adviser's claim changed the enquiry to %s", e.Status)
		}
		if eph := env.slack.Ephemerals()[0]; eph.User != "UOUTSIDER" || !strings.Contains(eph.Text, "Only advisers") {
			t.Errorf("refusal %+v", eph)
		}
		env.post(clickBody("UADV1", bot.ActionClaim, value, rootTS), formType)
		env.slack.WaitFor(t, 5*time.Second, func() bool {
			r := env.slack.Roots(testChannel)[0]
			return r.Edits > 0 && strings.Contains(string(r.Blocks), bot.ActionHandOver)
		})
		env.post(clickBody("UADV1", bot.ActionHandOver, "", rootTS), formType)
		env.recv.Wait()
		if e, _ := db.GetEnquiry(ctx, id); e.Holder != "UADV2" {
			t.Fatalf("handed over to %q, want UADV2; ephemerals %+v", e.Holder, env.slack.Ephemerals())
		}
		env.slack.WaitFor(t, 5*time.Second, func() bool { return strings.Contains(string(env.slack.Roots(testChannel)[0].Blocks), "UADV2") })
		if views := env.slack.Views(); len(views) == 0 || views[0].Type != "home" || views[0].UserID != "UADV1" {
			t.Errorf("the acting adviser's App Home was not refreshed: %+v", views)
		}
	})
}

func TestReplyThroughModalAndThread(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		ctx := context.Background()
		id, rootTS := env.enquiry(t)
		env.post(clickBody("UADV1", bot.ActionReply, strconv.FormatInt(id, 10), rootTS), formType)
		env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Views()) == 1 })
		v := env.slack.Views()[0]
		if v.CallbackID != bot.ReplyModalCallbackID || v.PrivateMetadata != strconv.FormatInt(id, 10) ||
			!strings.Contains(string(v.Blocks), "jens@example.dk") || !strings.Contains(string(v.Blocks), `"block_id":"reply_body"`) {
			t.Fatalf("reply modal %s %s %s", v.CallbackID, v.PrivateMetadata, v.Blocks)
		}
		w := env.post(submitBody("UADV1", v.PrivateMetadata, ""), formType)
		if !strings.Contains(w.Body.String(), `"response_action":"errors"`) {
			t.Errorf("an empty reply was not refused in the modal: %s", w.Body.String())
		}
		env.post(submitBody("UADV1", v.PrivateMetadata, "Vi henter torsdag."), formType)
		waitMails(t, env, 1)
		env.slack.WaitFor(t, 10*time.Second, func() bool {
			return strings.Contains(string(env.slack.Roots(testChannel)[0].Blocks), "Answered") && len(env.slack.Thread(testChannel, rootTS)) == 3
		})
		env.post(messageEvent("Ev1", "UADV1", rootTS, "1900000000.000100", "svar: Og &lt;husk&gt; <https://kk.dk|kk.dk>"), "application/json")
		env.post(messageEvent("Ev2", "UADV1", rootTS, "1900000000.000200", "ring ham i morgen"), "application/json")
		waitMails(t, env, 2)
		if got := string(env.smtp.Mails()[1].Data); !strings.Contains(got, "Og <husk> kk.dk (https://kk.dk)") {
			t.Errorf("second reply text:\n%s", got)
		}
		// Thread messages are handled after their acknowledgement: wait for both.
		var e *affaldsbot.Enquiry
		kinds := map[affaldsbot.MessageKind]int{}
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			e, _ = db.GetEnquiry(ctx, id)
			msgs, _ := db.Messages(ctx, id)
			kinds = map[affaldsbot.MessageKind]int{}
			for _, m := range msgs {
				kinds[m.Kind]++
			}
			if e.Status == affaldsbot.StatusAnswered && kinds[affaldsbot.MessageNote] == 1 && kinds[affaldsbot.MessageOutbound] == 2 {
				break
			}
		}
		if e.Status != affaldsbot.StatusAnswered || kinds[affaldsbot.MessageNote] != 1 || kinds[affaldsbot.MessageOutbound] != 2 {
			t.Errorf("enquiry %s with messages %v", e.Status, kinds)
		}
	})
}

func waitMails(t *testing.T, env *recvEnv, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(env.smtp.Mails()) < n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := len(env.smtp.Mails()); got != n {
		t.Fatalf("%d mails sent, want %d", got, n)
	}
}

func submitBody(user, metadata, text string) string {
	p := map[string]any{"type": "view_submission", "user": map[string]any{"id": user},
		"view": map[string]any{"id": "V1", "callback_id": bot.ReplyModalCallbackID, "private_metadata": metadata,
			"state": map[string]any{"values": map[string]any{bot.ReplyBodyBlockID: map[string]any{bot.ReplyBodyActionID: map[string]any{"type": "plain_text_input", "value": text}}}}}}
	return "payload=" + url.QueryEscape(mustJSON(p))
}

func messageEvent(eventID, user, threadTS, ts, text string) string {
	return mustJSON(map[string]any{"type": "event_callback", "event_id": eventID, "team_id": "T1",
		"event": map[string]any{"type": "message", "user": user, "text": text, "ts": ts, "thread_ts": threadTS, "channel": testChannel, "channel_type": "channel"}})
}
