package handlers_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func TestConcurrentClaimsGiveOneHolder(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		id := env.citizenMail(t, 1)
		dir := adviserSet{}
		for i := range 20 {
			dir[fmt.Sprintf("UADV%02d", i)] = true
		}
		env.svc.Directory = dir
		var wg sync.WaitGroup
		errs := make([]error, 20)
		for i := range 20 {
			wg.Go(func() {
				_, errs[i] = env.svc.Act(context.Background(), fmt.Sprintf("UADV%02d", i), id, handlers.ActClaim, "")
			})
		}
		wg.Wait()
		won, conflicts := 0, 0
		for _, err := range errs {
			switch affaldsbot.ErrorCode(err) {
			case "":
				won++
			case affaldsbot.ECONFLICT:
				conflicts++
			default:
				t.Errorf("claim: %v", err)
			}
		}
		if won != 1 || conflicts != 19 {
			t.Errorf("claims: %d won, %d conflicts; want 1 and 19", won, conflicts)
		}
		if n := countEvents(t, db, id, affaldsbot.EventClaimed); n != 1 {
			t.Errorf("%d claimed events, want 1", n)
		}
		if got := kinds(env.jobs.Take()); !cmp.Equal(got, []string{"update_root"}) {
			t.Errorf("jobs %v, want one update_root", got)
		}
	})
}

func countEvents(t testing.TB, db *storage.DB, id int64, typ affaldsbot.EventType) int {
	t.Helper()
	evs, err := db.Events(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range evs {
		if e.Type == typ {
			n++
		}
	}
	return n
}

func TestActionsOfNonAdviserChangeNothing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		ctx := context.Background()
		id := env.citizenMail(t, 1)
		before, _ := db.Events(ctx, id)
		for _, act := range []string{handlers.ActClaim, handlers.ActClose, handlers.ActHandOver, handlers.ActReopen, handlers.ActRelease} {
			_, err := env.svc.Act(ctx, "UOUTSIDER", id, act, "UADV1")
			if affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
				t.Errorf("%s by a non-adviser: %v, want forbidden", act, err)
			}
		}
		if _, err := env.svc.Reply(ctx, "UOUTSIDER", id, "Hej", nil); affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Errorf("reply by a non-adviser: %v, want forbidden", err)
		}
		if err := env.svc.Note(ctx, "UOUTSIDER", id, "note", ""); affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Errorf("note by a non-adviser: %v, want forbidden", err)
		}
		after, _ := db.Events(ctx, id)
		e, _ := db.GetEnquiry(ctx, id)
		msgs, _ := db.Messages(ctx, id)
		if len(after) != len(before) || e.Status != affaldsbot.StatusNew || e.Holder != "" || len(msgs) != 1 || len(env.jobs.Take()) != 0 {
			t.Errorf("a refused action changed something: %d→%d events, %s %q, %d messages", len(before), len(after), e.Status, e.Holder, len(msgs))
		}
	})
}

func TestClaimReleaseHandOverCloseReopen(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		ctx := context.Background()
		id := env.citizenMail(t, 1)
		steps := []struct {
			user, action, arg string
			status            affaldsbot.Status
			holder, code      string
		}{
			{"UADV1", handlers.ActClaim, "", affaldsbot.StatusClaimed, "UADV1", ""},
			{"UADV2", handlers.ActRelease, "", affaldsbot.StatusClaimed, "UADV1", affaldsbot.ECONFLICT},
			{"UADV1", handlers.ActHandOver, "UOUTSIDER", affaldsbot.StatusClaimed, "UADV1", affaldsbot.EINVALID},
			{"UADV1", handlers.ActHandOver, "UADV2", affaldsbot.StatusClaimed, "UADV2", ""},
			{"UADV2", handlers.ActRelease, "", affaldsbot.StatusNew, "", ""},
			{"UADV1", handlers.ActClose, "", affaldsbot.StatusClosed, "", ""},
			{"UADV1", handlers.ActReopen, "", affaldsbot.StatusNew, "", ""},
			{"UADV1", "explode", "", affaldsbot.StatusNew, "", affaldsbot.EINVALID},
		}
		for _, s := range steps {
			_, err := env.svc.Act(ctx, s.user, id, s.action, s.arg)
			e, _ := db.GetEnquiry(ctx, id)
			if affaldsbot.ErrorCode(err) != s.code || e.Status != s.status || e.Holder != s.holder {
				t.Errorf("%s %s %s: %v, %s held by %q; want code %q, %s held by %q", s.user, s.action, s.arg, err, e.Status, e.Holder, s.code, s.status, s.holder)
			}
		}
	})
}
