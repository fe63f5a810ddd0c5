package handlers_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// roles is a directory with advisers and leads apart (SLACK_ADVISERS,
// SLACK_LEADS); a lead who acts is listed in both.
type roles struct{ advisers, leads map[string]bool }

func (r roles) IsAdviser(_ context.Context, u string) (bool, error) { return r.advisers[u], nil }
func (r roles) IsLead(_ context.Context, u string) (bool, error)    { return r.leads[u], nil }

var leadAndAdvisers = roles{advisers: map[string]bool{"UADV1": true, "UBOTH": true}, leads: map[string]bool{"ULEAD": true, "UBOTH": true}}

// docs/settings.md: SLACK_ADVISERS claim, reply, draft and close; SLACK_LEADS export
// and see per-adviser figures. A lead sees the enquiries but does not act on
// them unless also listed as an adviser.
func TestLeadSeesButDoesNotAct(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Directory = leadAndAdvisers
		ctx := context.Background()
		id := env.citizenMail(t, 1)
		refusals := map[string]error{}
		for _, act := range []string{handlers.ActClaim, handlers.ActClose} {
			_, refusals[act] = env.svc.Act(ctx, "ULEAD", id, act, "")
		}
		_, refusals["reply"] = env.svc.Reply(ctx, "ULEAD", id, "Hej", nil)
		_, refusals["reply form"] = env.svc.ReplyForm(ctx, "ULEAD", id)
		refusals["draft"] = env.svc.RequestDraft(ctx, "ULEAD", id)
		refusals["note"] = env.svc.Note(ctx, "ULEAD", id, "en note", "")
		refusals["svar:"] = env.svc.ThreadMessage(ctx, threadPost(t, env, id, "ULEAD", "200.000001", "svar: Hej"))
		for what, err := range refusals {
			if affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
				t.Errorf("%s by the lead: %v, want forbidden", what, err)
			}
		}
		if l, err := env.svc.Command(ctx, "ULEAD", "åbne"); err != nil || len(l.Enquiries) != 1 {
			t.Errorf("the lead's list of open enquiries: %v, %v", l, err)
		}
		if h, err := env.svc.Home(ctx, "ULEAD"); err != nil || !h.Adviser || len(h.Queue) != 1 {
			t.Errorf("the lead's home: %+v, %v", h, err)
		}
		if e, _ := db.GetEnquiry(ctx, id); e.Status != affaldsbot.StatusNew || len(env.jobs.Take()) != 0 {
			t.Errorf("the lead changed the enquiry: %s", e.Status)
		}
		if _, err := env.svc.Act(ctx, "UBOTH", id, handlers.ActClaim, ""); err != nil {
			t.Errorf("a lead who is also an adviser cannot claim: %v", err)
		}
	})
}

// threadPost is a message in the enquiry's thread, its root posted first.
func threadPost(t *testing.T, env *actEnv, id int64, user, ts, text string) handlers.ThreadPost {
	t.Helper()
	ctx := context.Background()
	if _, ok, _ := env.svc.DB.SlackRef(ctx, id); !ok {
		if err := env.svc.DB.MarkRootPending(ctx, id, "CENQ"); err != nil {
			t.Fatal(err)
		}
		env.svc.DB.SetRootTS(ctx, id, "100.000001")
	}
	return handlers.ThreadPost{Channel: "CENQ", ThreadTS: "100.000001", TS: ts, User: user, Text: text}
}

// An erased enquiry's address is a pseudonym and its texts are gone: no
// reply, draft or filing, and a reply recorded before the erasure is not
// sent after it.
func TestErasedEnquiryTakesNoReplyDraftOrFiling(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Settings.JournalAddr = "journal@kk.example"
		ctx := context.Background()
		id := env.citizenMail(t, 1)
		pending, err := env.svc.Reply(ctx, "UADV1", id, "Svar skrevet før sletningen", nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.svc.EraseCitizen(ctx, "ULEAD", handlers.Citizen{Email: "jens1@example.dk"}); err != nil {
			t.Fatal(err)
		}
		env.jobs.Take()
		refusals := map[string]error{}
		_, refusals["reply"] = env.svc.Reply(ctx, "UADV1", id, "Hej", nil)
		_, refusals["reply form"] = env.svc.ReplyForm(ctx, "UADV1", id)
		refusals["svar:"] = env.svc.ThreadMessage(ctx, threadPost(t, env, id, "UADV1", "200.000001", "svar: Hej"))
		refusals["draft"] = env.svc.RequestDraft(ctx, "UADV1", id)
		refusals["filing"] = env.svc.RequestFiling(ctx, "UADV1", id)
		for what, err := range refusals {
			if affaldsbot.ErrorCode(err) != affaldsbot.ECONFLICT || affaldsbot.ErrorMessage(err) != "#1 was erased on request or by age, so it can no longer be replied to, drafted for or filed." {
				t.Errorf("%s of an erased enquiry: %v, want the erased refusal", what, err)
			}
		}
		if err := env.svc.SendReply(ctx, handlers.SendReplyArgs{MessageID: pending.ID}); err != nil {
			t.Fatal(err)
		}
		if r, _ := db.GetReply(ctx, pending.ID); r.SendState != storage.SendFailed {
			t.Errorf("the reply recorded before the erasure is %s, want failed", r.SendState)
		}
		if n := len(env.smtp.Mails()); n != 0 {
			t.Errorf("%d mails sent for an erased enquiry", n)
		}
		if got := kinds(env.jobs.Take()); !cmp.Equal(got, []string{"reply_failed"}) {
			t.Errorf("jobs %v, want only the failure notice", got)
		}
	})
}

// The same submission arriving five times at once (Slack's retry, a double
// click, another replica) records one reply, sends one mail.
func TestReplyOnceForOneOrigin(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		ctx := context.Background()
		id := env.citizenMail(t, 1)
		origin := handlers.ViewOrigin("V0123").With(handlers.EnvelopeOrigin("env-1"))
		var wg sync.WaitGroup
		ids := make([]int64, 5)
		for i := range ids {
			wg.Go(func() {
				m, err := env.svc.Reply(ctx, "UADV1", id, "Vi henter torsdag.", origin)
				if err != nil {
					t.Errorf("submission %d: %v", i, err)
				} else if m != nil {
					ids[i] = m.ID
				}
			})
		}
		wg.Wait()
		for i, got := range ids {
			if got != ids[0] || got == 0 {
				t.Errorf("submission %d answered with reply %d, the first with %d", i, got, ids[0])
			}
		}
		if got := kinds(env.jobs.Take()); !cmp.Equal(got, []string{"send_reply"}) {
			t.Errorf("jobs %v, want one send_reply", got)
		}
		// The same view over another envelope, the same envelope with another view.
		for _, o := range []handlers.Origin{handlers.ViewOrigin("V0123"), handlers.EnvelopeOrigin("env-1")} {
			if _, err := env.svc.Reply(ctx, "UADV1", id, "Vi henter torsdag.", o); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := env.svc.Reply(ctx, "UADV1", id, "Et andet svar.", handlers.ViewOrigin("V0124")); err != nil {
			t.Fatal(err)
		}
		if got := kinds(env.jobs.Take()); !cmp.Equal(got, []string{"send_reply"}) {
			t.Errorf("jobs %v, want one send_reply for the new view only", got)
		}
	})
}

// Keys are kept while Slack may still deliver their input again, then pruned.
func TestInputsArePrunedAfterRetention(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		ctx := context.Background()
		id := env.citizenMail(t, 1)
		if _, err := env.svc.Reply(ctx, "UADV1", id, "Hej", handlers.ViewOrigin("V1")); err != nil {
			t.Fatal(err)
		}
		count := func() int { return callCount(t, db, `SELECT COUNT(*) FROM chat_inputs`) }
		if err := env.svc.PruneInputs(ctx, handlers.PruneInputsArgs{}); err != nil || count() != 1 {
			t.Fatalf("a fresh key was pruned: %d left, %v", count(), err)
		}
		later := db.Now().Add(handlers.InputRetention + time.Minute)
		db.SetClock(func() time.Time { return later })
		if err := env.svc.PruneInputs(ctx, handlers.PruneInputsArgs{}); err != nil || count() != 0 {
			t.Errorf("an old key was kept: %d left, %v", count(), err)
		}
	})
}
