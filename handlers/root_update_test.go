package handlers_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/csat"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// Every change that alters what an enquiry's root message shows enqueues,
// with the change, exactly one update of that root, whichever handler made
// it.
func TestEveryChangeUpdatesTheRootOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Destinations = testDestinations
		ctx := context.Background()
		id := env.citizenMail(t, 1)
		newer := env.mailAbout(t, 50, "jens1@example.dk", "Og en sofa", "")
		env.jobs.Take()
		act := func(action, arg string) func() error {
			return func() error { _, err := env.svc.Act(ctx, "UADV1", id, action, arg); return err }
		}
		click := handlers.ActionOrigin("enquiry_merge", "1.1", "5.1")
		steps := []struct {
			name  string
			do    func() error
			roots []int64
		}{
			{"claim", act(handlers.ActClaim, ""), []int64{id}},
			{"hand over", act(handlers.ActHandOver, "UADV2"), []int64{id}},
			{"release", func() error { _, err := env.svc.Act(ctx, "UADV2", id, handlers.ActRelease, ""); return err }, []int64{id}},
			{"citizen writes again", func() error {
				env.mailAbout(t, 51, "jens1@example.dk", "Re: Storskrald", "citizen-1@example.dk")
				return nil
			}, []int64{id}},
			{"merge", func() error { _, err := env.svc.Merge(ctx, "UADV1", newer, id, click); return err }, []int64{id, newer}},
			{"unmerge", func() error {
				_, err := env.svc.Unmerge(ctx, "UADV1", newer, handlers.ActionOrigin("enquiry_unmerge", "1.2", "5.2"))
				return err
			}, []int64{id, newer}},
			{"rating", func() error { return rate(ctx, env, id) }, []int64{id}},
			{"close", act(handlers.ActClose, ""), []int64{id}},
			{"reopen", act(handlers.ActReopen, ""), []int64{id}},
			{"forward", func() error {
				_, err := env.svc.Forward(ctx, "UADV1", id, "Borgerservice", "Om pas.", handlers.ViewOrigin("VFWD1"))
				return err
			}, []int64{id}},
			{"erase", func() error {
				_, err := env.svc.EraseCitizen(ctx, "ULEAD", handlers.Citizen{Email: "jens1@example.dk"})
				return err
			}, []int64{id, newer}},
		}
		for _, step := range steps {
			if err := step.do(); err != nil {
				t.Fatalf("%s: %v", step.name, err)
			}
			if diff := cmp.Diff(step.roots, rootUpdates(env.jobs.Take())); diff != "" {
				t.Errorf("%s: root updates (-want +got):\n%s", step.name, diff)
			}
		}
	})
}

// rate stores a rating of the enquiry's first message, as the rating page
// does.
func rate(ctx context.Context, env *actEnv, id int64) error {
	msgs, err := env.svc.DB.Messages(ctx, id)
	if err != nil {
		return err
	}
	return env.svc.DB.InTx(ctx, func(tx *storage.Tx) error {
		return env.svc.RatingChanged(ctx, tx, csat.Rated{EnquiryID: id, MessageID: msgs[0].ID, Rating: 4, At: time.Now()})
	})
}

// rootUpdates are the enquiries of the root updates among jobs, sorted, a
// repeat kept.
func rootUpdates(jobs []affaldsbot.Job) []int64 {
	var out []int64
	for _, j := range jobs {
		if u, ok := j.(handlers.UpdateRootArgs); ok {
			out = append(out, u.EnquiryID)
		}
	}
	slices.Sort(out)
	return out
}
