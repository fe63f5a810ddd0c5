package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/llm"
	"github.com/affaldsbot/affaldsbot/llm/llmtest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func TestStaleDraftIsNotOfferedForSending(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := newDraftRig(t, db, nil, draftEnquiry("Pizzaæske"), pizzaMail)
		id := r.draft(t)
		if err := db.InTx(ctx, func(tx *storage.Tx) error { return tx.MarkDraftsStale(ctx, r.enquiry.ID) }); err != nil {
			t.Fatal(err)
		}
		_, _, err := r.s.DraftForReply(ctx, draftAdviser, id)
		if affaldsbot.ErrorCode(err) != affaldsbot.ECONFLICT || !strings.Contains(affaldsbot.ErrorMessage(err), "wrote again") {
			t.Errorf("DraftForReply of a stale draft: %v, want a conflict saying the citizen wrote again", err)
		}
		if _, ok, err := r.s.LatestDraft(ctx, r.enquiry.ID); ok || err != nil {
			t.Errorf("LatestDraft offers a stale draft (ok %v, err %v)", ok, err)
		}
		if err := r.s.RenderDraft(ctx, handlers.RenderDraftArgs{DraftID: id}); err != nil {
			t.Fatal(err)
		}
		if got := r.screen.last(t).State; got != handlers.DraftStale {
			t.Errorf("stale draft shown as %s", got)
		}
	})
}

func TestOnlyAdvisersWorkWithDrafts(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := newDraftRig(t, db, nil, draftEnquiry("Pizzaæske"), pizzaMail)
		id := r.draft(t)
		before := len(kinds(r.jobs.Peek()))
		checks := map[string]error{
			"RequestDraft": r.s.RequestDraft(ctx, "U0STRANGER", r.enquiry.ID),
			"DiscardDraft": r.s.DiscardDraft(ctx, "U0STRANGER", id),
		}
		_, _, checks["DraftForReply"] = r.s.DraftForReply(ctx, "U0STRANGER", id)
		for name, err := range checks {
			if affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
				t.Errorf("%s by a non-adviser: %v, want forbidden", name, err)
			}
		}
		var n int
		if err := db.GetContext(ctx, &n, `SELECT COUNT(*) FROM drafts`); err != nil || n != 1 {
			t.Errorf("%d drafts stored (%v), want only the adviser's", n, err)
		}
		if d, _ := db.GetDraft(ctx, id); d.State != storage.DraftReady || len(kinds(r.jobs.Peek())) != before {
			t.Errorf("a refused action changed something: draft %s, jobs %v", d.State, kinds(r.jobs.Peek()))
		}
	})
}

func TestDiscardedDraftLosesItsButtons(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := newDraftRig(t, db, nil, draftEnquiry("Pizzaæske"), pizzaMail)
		id := r.draft(t)
		if err := r.s.DiscardDraft(ctx, draftAdviser, id); err != nil {
			t.Fatal(err)
		}
		if err := r.s.DiscardDraft(ctx, draftAdviser, id); affaldsbot.ErrorCode(err) != affaldsbot.ECONFLICT {
			t.Errorf("second discard: %v, want a conflict", err)
		}
		if got := strings.Join(kinds(r.jobs.Peek()), ","); got != "draft,render_draft" {
			t.Fatalf("jobs = %s, want draft,render_draft", got)
		}
		if err := r.s.RenderDraft(ctx, handlers.RenderDraftArgs{DraftID: id}); err != nil {
			t.Fatal(err)
		}
		if got := r.screen.last(t).State; got != handlers.DraftDiscarded {
			t.Errorf("discarded draft shown as %s", got)
		}
		if _, _, err := r.s.DraftForReply(ctx, draftAdviser, id); affaldsbot.ErrorCode(err) != affaldsbot.ECONFLICT {
			t.Errorf("DraftForReply of a discarded draft: %v", err)
		}
	})
}

func TestSecondPressWhileWritingIsRefused(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := newDraftRig(t, db, nil, draftEnquiry("Pizzaæske"), pizzaMail)
		if err := r.s.RequestDraft(ctx, draftAdviser, r.enquiry.ID); err != nil {
			t.Fatal(err)
		}
		if err := r.s.RequestDraft(ctx, draftAdviser, r.enquiry.ID); affaldsbot.ErrorCode(err) != affaldsbot.ECONFLICT {
			t.Errorf("second press: %v, want a conflict", err)
		}
		if err := r.s.RequestDraft(ctx, draftAdviser, 99999); affaldsbot.ErrorCode(err) != affaldsbot.ENOTFOUND {
			t.Errorf("draft of a missing enquiry: %v, want not found", err)
		}
	})
}

func TestStreamingUpdatesAtMostOncePerSecondAndRetryPostsOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		answer := strings.Repeat("Pizzabakker med fedt skal i restaffald [pizzabakker]. ", 6) // 27 chunks
		srv := llmtest.New(t, func(llmtest.Request) llmtest.Answer {
			return llmtest.Answer{Text: answer, Delay: 50 * time.Millisecond}
		})
		c, err := llm.New(llm.Config{BaseURL: srv.URL(), Model: "fake-model"})
		if err != nil {
			t.Fatal(err)
		}
		r := newDraftRig(t, db, c, draftEnquiry("Pizzaæske"), pizzaMail)
		start := time.Now()
		id := r.draft(t)
		took := time.Since(start)
		streaming := 0
		for _, u := range r.screen.updates {
			if u.State == handlers.DraftStreaming {
				streaming++
			}
		}
		if limit := int(took/time.Second) + 1; streaming < 1 || streaming > limit {
			t.Errorf("%d streaming updates in %s, want 1..%d", streaming, took, limit)
		}
		if err := r.s.Draft(ctx, handlers.DraftArgs{DraftID: id}); err != nil { // a retry after the work was done
			t.Fatal(err)
		}
		if len(r.screen.posts) != 1 || len(srv.Requests()) != 1 || r.screen.last(t).State != handlers.DraftReady {
			t.Errorf("after a retry: %d posts, %d model calls, shown %s; want 1, 1, ready", len(r.screen.posts), len(srv.Requests()), r.screen.last(t).State)
		}
	})
}

func TestModelTimeoutLeavesDraftFailed(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		srv := llmtest.New(t, func(llmtest.Request) llmtest.Answer { return llmtest.Answer{Text: "slow", Delay: time.Second} })
		c, err := llm.New(llm.Config{BaseURL: srv.URL(), Model: "fake-model", Timeout: 100 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		r := newDraftRig(t, db, c, draftEnquiry("Pizzaæske"), pizzaMail)
		id := r.draft(t)
		d, _ := db.GetDraft(context.Background(), id)
		if d.State != storage.DraftFailed || !strings.Contains(d.Error, "in time") {
			t.Errorf("draft after a timeout: %s %q", d.State, d.Error)
		}
	})
}
