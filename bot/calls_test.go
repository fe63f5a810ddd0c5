package bot_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// call stores a transferred call and waits for its root message.
func (env *recvEnv) call(t *testing.T, n int, note string) (int64, string) {
	t.Helper()
	return env.callAt(t, n, note, time.Now())
}

// callAt stores a call transferred at at and waits for its root message.
func (env *recvEnv) callAt(t *testing.T, n int, note string, at time.Time) (int64, string) {
	t.Helper()
	res, err := env.svc.ReceiveCall(context.Background(), handlers.CallReport{CallID: fmt.Sprintf("pz-%d", n), CallerNumber: "12345678",
		CallerName: "Jens Hansen", Note: note, TransferredBy: "Borgerservice", TransferredAt: &at})
	if err != nil {
		t.Fatal(err)
	}
	var ts string
	env.slack.WaitFor(t, 10*time.Second, func() bool {
		for _, m := range env.slack.Roots(testChannel) {
			if m.Metadata.EventPayload["enquiry_id"] == strconv.FormatInt(res.EnquiryID, 10) {
				ts = m.TS
				return true
			}
		}
		return false
	})
	return res.EnquiryID, ts
}

func viewSubmission(user, callbackID, metadata string, values map[string]map[string]any) string {
	p := map[string]any{"type": "view_submission", "user": map[string]any{"id": user},
		"view": map[string]any{"id": "V9", "callback_id": callbackID, "private_metadata": metadata, "state": map[string]any{"values": values}}}
	return "payload=" + url.QueryEscape(mustJSON(p))
}

func input(value string) map[string]any {
	return map[string]any{"type": "plain_text_input", "value": value}
}

func (env *recvEnv) lastView(t *testing.T, n int) slacktestView {
	t.Helper()
	env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Views()) >= n })
	v := env.slack.Views()[n-1]
	return slacktestView{CallbackID: v.CallbackID, Metadata: v.PrivateMetadata, Blocks: string(v.Blocks)}
}

type slacktestView struct{ CallbackID, Metadata, Blocks string }

func TestPhoneRootShowsCallButtonsAndNoAnswerCounts(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		id, rootTS := env.call(t, 1, "Spørger om storskrald")
		root := string(env.slack.Roots(testChannel)[0].Blocks)
		for _, want := range []string{"📞", "tel:+4512345678", "Jens Hansen", "Borgerservice", "Spørger om storskrald", bot.ActionCallResolved,
			bot.ActionCallNoAnswer, bot.ActionCallWantsMail, "Wants the answer by mail"} {
			if !strings.Contains(root, want) {
				t.Errorf("phone root message lacks %q", want)
			}
		}
		value := strconv.FormatInt(id, 10)
		env.post(clickBody("UOUTSIDER", bot.ActionCallNoAnswer, value, rootTS), formType)
		env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Ephemerals()) == 1 })
		if e := env.slack.Ephemerals()[0]; e.User != "UOUTSIDER" || !strings.Contains(e.Text, "Only advisers") {
			t.Errorf("refusal %+v", e)
		}
		for i := 1; i <= 3; i++ {
			env.post(clickBody("UADV1", bot.ActionCallNoAnswer, value, rootTS), formType)
			env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Ephemerals()) == 1+i })
		}
		last := env.slack.Ephemerals()[3].Text
		if !strings.Contains(last, "3 calls without an answer") || !strings.Contains(last, "No e-mail address known") {
			t.Errorf("after the third unanswered call: %q", last)
		}
		env.slack.WaitFor(t, 10*time.Second, func() bool { return len(env.slack.Thread(testChannel, rootTS)) >= 4 })
		if e, _ := db.GetEnquiry(context.Background(), id); e.Holder != "UADV1" || e.Status != affaldsbot.StatusClaimed {
			t.Errorf("after the attempts: held by %q, %s", e.Holder, e.Status)
		}
	})
}

// TestNoAnswerPressDeliveredTwiceLogsOnce: Slack delivers one press of
// "Ingen svar" again (a retry, another replica): one attempt is logged.
func TestNoAnswerPressDeliveredTwiceLogsOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		id, rootTS := env.call(t, 1, "Spørger om storskrald")
		press := clickBody("UADV1", bot.ActionCallNoAnswer, strconv.FormatInt(id, 10), rootTS)
		env.post(press, formType)
		env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Ephemerals()) == 1 })
		env.post(press, formType)
		env.recv.Wait()
		var attempts int
		if err := db.DB.GetContext(context.Background(), &attempts, `SELECT attempts FROM calls WHERE enquiry_id = `+strconv.FormatInt(id, 10)); err != nil {
			t.Fatal(err)
		}
		if attempts != 1 {
			t.Errorf("one press delivered twice logged %d attempts, want 1", attempts)
		}
	})
}

func TestCallResolvedThroughModal(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		id, rootTS := env.call(t, 2, "Storskrald")
		env.post(clickBody("UADV1", bot.ActionCallResolved, strconv.FormatInt(id, 10), rootTS), formType)
		v := env.lastView(t, 1)
		if v.CallbackID != bot.CallResolvedModalID || v.Metadata != strconv.FormatInt(id, 10) || !strings.Contains(v.Blocks, `"number_input"`) {
			t.Fatalf("modal %+v", v)
		}
		minutes := func(m string) map[string]map[string]any {
			return map[string]map[string]any{bot.CallMinutesBlockID: {bot.CallMinutesAction: map[string]any{"type": "number_input", "value": m}},
				bot.CallNoteBlockID: {bot.CallNoteAction: input("Forklarede ordningen")}}
		}
		w := env.post(viewSubmission("UADV1", bot.CallResolvedModalID, v.Metadata, minutes("mange")), formType)
		if !strings.Contains(w.Body.String(), `"errors"`) || !strings.Contains(w.Body.String(), bot.CallMinutesBlockID) {
			t.Errorf("bad minutes were not refused in the modal: %s", w.Body.String())
		}
		env.post(viewSubmission("UADV1", bot.CallResolvedModalID, v.Metadata, minutes("17")), formType)
		env.slack.WaitFor(t, 10*time.Second, func() bool {
			b := string(env.slack.Roots(testChannel)[0].Blocks)
			return strings.Contains(b, "Answered") && !strings.Contains(b, bot.CallActionsBlockID)
		})
		env.slack.WaitFor(t, 10*time.Second, func() bool {
			for _, m := range env.slack.Thread(testChannel, rootTS) {
				if strings.Contains(string(m.Blocks), "Forklarede ordningen") && strings.Contains(string(m.Blocks), "17 min") {
					return true
				}
			}
			return false
		})
	})
}

func TestCallWantsMail(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		id, rootTS := env.call(t, 3, "Vil have svar skriftligt")
		value := strconv.FormatInt(id, 10)
		env.post(clickBody("UADV1", bot.ActionCallWantsMail, value, rootTS), formType)
		v := env.lastView(t, 1)
		if v.CallbackID != bot.CallEmailModalID {
			t.Fatalf("without an address: modal %+v", v)
		}
		email := func(a string) map[string]map[string]any {
			return map[string]map[string]any{bot.CallEmailBlockID: {bot.CallEmailAction: map[string]any{"type": "email_text_input", "value": a}}}
		}
		if w := env.post(viewSubmission("UADV1", bot.CallEmailModalID, value, email("jens at example")), formType); !strings.Contains(w.Body.String(), bot.CallEmailBlockID) {
			t.Errorf("a bad address was not refused in the modal: %s", w.Body.String())
		}
		env.post(viewSubmission("UADV1", bot.CallEmailModalID, value, email("jens@example.dk")), formType)
		env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Ephemerals()) == 1 })
		env.recv.Wait()
		if e, _ := db.GetEnquiry(context.Background(), id); e.CitizenEmail != "jens@example.dk" {
			t.Errorf("citizen e-mail %q", e.CitizenEmail)
		}
		if text := env.slack.Ephemerals()[0].Text; !strings.Contains(text, "jens@example.dk") {
			t.Errorf("the adviser was told %q", text)
		}
		env.post(clickBody("UADV1", bot.ActionCallWantsMail, value, rootTS), formType)
		if v := env.lastView(t, 2); v.CallbackID != bot.ReplyModalCallbackID || !strings.Contains(v.Blocks, "jens@example.dk") {
			t.Errorf("with an address known: modal %+v", v)
		}
	})
}

func TestRegisterCallShortcut(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		shortcut := func(user string) string {
			return "payload=" + url.QueryEscape(mustJSON(map[string]any{"type": "shortcut", "callback_id": bot.RegisterCallShortcut,
				"trigger_id": "trig-sc", "user": map[string]any{"id": user}}))
		}
		env.post(shortcut("UOUTSIDER"), formType)
		if v := env.lastView(t, 1); v.CallbackID != bot.NoticeModalID || !strings.Contains(v.Blocks, "Only advisers") {
			t.Errorf("a non-adviser's shortcut: %+v", v)
		}
		env.post(shortcut("UADV1"), formType)
		if v := env.lastView(t, 2); v.CallbackID != bot.RegisterCallModalID || !strings.Contains(v.Blocks, bot.CallTopicBlockID) {
			t.Fatalf("register modal %+v", v)
		}
		values := map[string]map[string]any{
			bot.CallerNameBlockID:  {bot.CallerNameAction: input("Mette Holm")},
			bot.CallerPhoneBlockID: {bot.CallerPhoneAction: input("87654321")},
			bot.CallNoteBlockID:    {bot.CallNoteAction: input("Sofa i gården")},
			bot.CallTopicBlockID:   {bot.CallTopicAction: map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "stort_indbo"}}},
			bot.CallMinutesBlockID: {bot.CallMinutesAction: map[string]any{"type": "number_input", "value": "9"}},
		}
		env.post(viewSubmission("UOUTSIDER", bot.RegisterCallModalID, "", values), formType)
		env.post(viewSubmission("UADV1", bot.RegisterCallModalID, "", values), formType)
		env.slack.WaitFor(t, 10*time.Second, func() bool { return len(env.slack.Roots(testChannel)) == 1 })
		env.recv.Wait()
		es, err := db.ListEnquiries(context.Background(), storage.EnquiryFilter{})
		if err != nil || len(es) != 1 {
			t.Fatalf("%d enquiries (%v), want the adviser's call only", len(es), err)
		}
		e := es[0]
		if e.Channel != affaldsbot.ChannelPhone || e.Holder != "UADV1" || e.Topic != affaldsbot.TopicStortIndbo || e.CitizenPhone != "+4587654321" {
			t.Errorf("registered call %+v", e)
		}
		env.slack.WaitFor(t, 10*time.Second, func() bool { return strings.Contains(string(env.slack.Roots(testChannel)[0].Blocks), "Bulky waste") })
	})
}
