package handlers_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// storedCall is everything a new call writes, without IDs and write times.
type storedCall struct {
	Enquiry  affaldsbot.Enquiry
	Call     storage.Call
	Messages []*affaldsbot.Message
	Events   []affaldsbot.Event
}

func readStoredCall(t *testing.T, db *storage.DB, id int64) storedCall {
	t.Helper()
	ctx := context.Background()
	e, err := db.GetEnquiry(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := db.GetCall(ctx, id)
	msgs, _ := db.Messages(ctx, id)
	evs, _ := db.Events(ctx, id)
	return storedCall{*e, *c, msgs, evs}
}

// TestCallBatcherStoresWhatReceiveCallStores: a call stored in a group is
// row for row what Service.ReceiveCall stores, with and without call times.
func TestCallBatcherStoresWhatReceiveCallStores(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		svc, _, _ := newCallService(t, db)
		b := handlers.NewCallBatcher(svc, handlers.CallBatchOptions{})
		answered := sampleCall()
		answered.AnsweredAt, answered.EndedAt = callAt("2026-11-26T09:20:00+01:00"), callAt("2026-11-26T09:31:00+01:00")
		ignore := cmp.Options{cmpopts.IgnoreFields(affaldsbot.Enquiry{}, "ID", "CreatedAt", "UpdatedAt"),
			cmpopts.IgnoreFields(storage.Call{}, "EnquiryID", "CallID"),
			cmpopts.IgnoreFields(affaldsbot.Message{}, "ID", "EnquiryID", "CreatedAt"),
			cmpopts.IgnoreFields(affaldsbot.Event{}, "ID", "EnquiryID"), cmpopts.EquateApproxTime(time.Second)}
		for i, r := range []handlers.CallReport{sampleCall(), answered} {
			alone, grouped := r, r
			alone.CallID, grouped.CallID = "alone-"+string(rune('a'+i)), "grouped-"+string(rune('a'+i))
			a, err := svc.ReceiveCall(context.Background(), alone)
			if err != nil {
				t.Fatal(err)
			}
			g, err := b.ReceiveCall(context.Background(), grouped)
			if err != nil || g.Status != handlers.CallCreated || g.EnquiryID <= a.EnquiryID {
				t.Fatalf("grouped = %+v, %v after %+v", g, err, a)
			}
			if diff := cmp.Diff(readStoredCall(t, db, a.EnquiryID), readStoredCall(t, db, g.EnquiryID), ignore); diff != "" {
				t.Errorf("report %d (-alone +grouped):\n%s", i, diff)
			}
		}
	})
}

// TestCallBatcherConcurrentDuplicates: one call sent by several clients at
// once through the batcher makes one enquiry and one "created".
func TestCallBatcherConcurrentDuplicates(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		svc, jobs, _ := newCallService(t, db)
		b := handlers.NewCallBatcher(svc, handlers.CallBatchOptions{Parallel: 4})
		var wg sync.WaitGroup
		statuses := make([]string, 16)
		for i := range statuses {
			wg.Go(func() {
				r := sampleCall()
				if i%2 == 1 {
					r.CallID = "other"
				}
				res, err := b.ReceiveCall(context.Background(), r)
				if err != nil {
					t.Error(err)
				}
				statuses[i] = res.Status
			})
		}
		wg.Wait()
		created := 0
		for _, s := range statuses {
			if s == handlers.CallCreated {
				created++
			}
		}
		if n := callCount(t, db, `SELECT COUNT(*) FROM enquiries`); n != 2 || created != 2 || len(kinds(jobs.Take())) != 2 {
			t.Errorf("enquiries = %d, created answers = %d (%v); want 2 and 2, and 2 jobs", n, created, statuses)
		}
	})
}
