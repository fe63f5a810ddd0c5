package bot_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/guidance"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/jobrecord"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/llm"
	"github.com/affaldsbot/affaldsbot/llm/llmtest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// TestDraftButtons presses enquiry_draft, draft_use and draft_discard the way
// Slack sends them: the draft lands in the thread, "use" opens the reply
// modal filled in with it, and only an adviser may discard it.
func TestDraftButtons(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		env := newRecvEnv(t, db)
		model := llmtest.New(t, llmtest.Fixed("Kære [NAVN_1]\n\nStorskrald hentes efter aftale [storskrald-bestilling]."))
		c, err := llm.New(llm.Config{BaseURL: model.URL(), Model: "fake-model"})
		if err != nil {
			t.Fatal(err)
		}
		ix, err := guidance.LoadBuiltin()
		if err != nil {
			t.Fatal(err)
		}
		env.svc.Drafter, env.svc.Guidance = c, ix
		id, rootTS := env.enquiry(t)
		jobs := &jobrecord.Recorder{}
		db.SetEnqueuer(jobs) // from here on the test runs the jobs itself

		env.post(clickBody("UADV1", bot.ActionDraft, strconv.FormatInt(id, 10), rootTS), formType)
		draftID := waitDraft(t, db)
		if err := env.svc.Draft(ctx, handlers.DraftArgs{DraftID: draftID}); err != nil {
			t.Fatal(err)
		}
		last := string(draftMessage(t, env, rootTS).Blocks)
		if !strings.Contains(last, "Jens Hansen") || !strings.Contains(last, bot.ActionDraftUse) {
			t.Fatalf("draft message in the thread: %s", last)
		}

		value := strconv.FormatInt(draftID, 10)
		env.post(clickBody("UADV1", bot.ActionDraftUse, value, rootTS), formType)
		env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Views()) == 1 })
		if v := env.slack.Views()[0]; v.CallbackID != bot.ReplyModalCallbackID || !strings.Contains(string(v.Blocks), "Kære Jens Hansen") ||
			strings.Contains(string(v.Blocks), "[storskrald") {
			t.Errorf("reply modal from the draft: %s", v.Blocks)
		}

		env.post(clickBody("UOTHER", bot.ActionDraftDiscard, value, rootTS), formType)
		env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Ephemerals()) > 0 })
		env.post(clickBody("UADV1", bot.ActionDraftDiscard, value, rootTS), formType)
		eventually(t, func() bool { // the discard runs after its acknowledgement
			d, err := db.GetDraft(ctx, draftID)
			return err == nil && d.State == storage.DraftDiscarded
		})
		if err := env.svc.RenderDraft(ctx, handlers.RenderDraftArgs{DraftID: draftID}); err != nil {
			t.Fatal(err)
		}
		if last := string(draftMessage(t, env, rootTS).Blocks); strings.Contains(last, bot.ActionDraftUse) {
			t.Errorf("a discarded draft still offers itself: %s", last)
		}
		if d, _ := db.GetDraft(ctx, draftID); d.State != storage.DraftDiscarded {
			t.Errorf("draft %s after an adviser discarded it", d.State)
		}
	})
}

func waitDraft(t *testing.T, db *storage.DB) int64 {
	t.Helper()
	var ids []int64
	for deadline := time.Now().Add(5 * time.Second); len(ids) == 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		if err := db.SelectContext(context.Background(), &ids, `SELECT id FROM drafts`); err != nil {
			t.Fatal(err)
		}
	}
	if len(ids) != 1 {
		t.Fatalf("%d drafts after the draft button, want 1", len(ids))
	}
	return ids[0]
}

// draftMessage is the thread message that carries the draft's metadata.
func draftMessage(t *testing.T, env *recvEnv, rootTS string) slacktest.Message {
	t.Helper()
	for _, m := range env.slack.Thread(testChannel, rootTS) {
		if m.Metadata != nil && m.Metadata.EventType == bot.DraftMetadataType {
			return m
		}
	}
	t.Fatal("no draft message in the thread")
	return slacktest.Message{}
}

// eventually waits up to five seconds for cond.
func eventually(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
	}
}
