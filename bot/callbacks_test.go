package bot_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/internal/smstest"
	"github.com/affaldsbot/affaldsbot/sms"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
)

func TestCallbackBookedThroughModalOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		cph := workcal.Default().Location()
		wednesday := time.Date(2026, 12, 2, 9, 0, 0, 0, cph)
		db.SetClock(func() time.Time { return wednesday })
		env := newRecvEnv(t, db)
		gw := smstest.Start("tok")
		t.Cleanup(gw.Close)
		env.svc.SMS = &sms.Gateway{URL: gw.URL, Token: "tok", Sender: "Affald"}
		id, rootTS := env.callAt(t, 7, "Vil ringes op", wednesday.Add(-time.Minute))
		if root := string(env.slack.Roots(testChannel)[0].Blocks); !strings.Contains(root, bot.ActionCallBook) {
			t.Fatalf("the call's root lacks the booking button")
		}
		env.post(clickBody("UADV1", bot.ActionCallBook, strconv.FormatInt(id, 10), rootTS), formType)
		v := env.lastView(t, 1)
		if v.CallbackID != bot.CallBookModalID || !strings.Contains(v.Blocks, `"datetimepicker"`) || !strings.Contains(v.Blocks, `"radio_buttons"`) {
			t.Fatalf("modal %+v", v)
		}
		when := func(t time.Time) map[string]map[string]any {
			return map[string]map[string]any{bot.CallBookWhenBlockID: {bot.CallBookWhenAction: map[string]any{"type": "datetimepicker", "selected_date_time": t.Unix()}},
				bot.CallBookNotifyBlockID: {bot.CallBookNotifyAction: map[string]any{"type": "radio_buttons", "selected_option": map[string]any{"value": "sms"}}}}
		}
		saturday := time.Date(2026, 12, 5, 10, 0, 0, 0, cph)
		w := env.post(viewSubmission("UADV1", bot.CallBookModalID, v.Metadata, when(saturday)), formType)
		if !strings.Contains(w.Body.String(), `"errors"`) || !strings.Contains(w.Body.String(), bot.CallBookWhenBlockID) {
			t.Errorf("a Saturday was not refused in the modal: %s", w.Body.String())
		}
		thursday := time.Date(2026, 12, 3, 10, 30, 0, 0, cph)
		submit := viewSubmission("UADV1", bot.CallBookModalID, v.Metadata, when(thursday))
		env.post(submit, formType)
		env.post(submit, formType) // delivered again
		t.Cleanup(func() {
			if t.Failed() {
				t.Logf("ephemerals: %+v", env.slack.Ephemerals())
			}
		})
		env.slack.WaitFor(t, 10*time.Second, func() bool {
			for _, e := range env.slack.Ephemerals() {
				if strings.Contains(e.Text, "3 Dec 2026 at 10:30") {
					return true
				}
			}
			return false
		})
		env.recv.Wait()
		env.slack.WaitFor(t, 10*time.Second, func() bool { return len(gw.Sent()) == 1 })
		if sent := gw.Sent(); sent[0].To != "+4512345678" || !strings.Contains(sent[0].Text, "3 Dec 2026 at 10:30") {
			t.Errorf("sms %+v", sent)
		}
		var n int
		if err := db.GetContext(context.Background(), &n, db.Rebind(`SELECT COUNT(*) FROM callbacks WHERE enquiry_id = ?`), id); err != nil || n != 1 {
			t.Errorf("%d call-backs booked (%v), want 1", n, err)
		}
	})
}
