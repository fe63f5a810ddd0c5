package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func insertDraft(t *testing.T, db *storage.DB, enquiryID int64) int64 {
	t.Helper()
	var id int64
	err := db.InTx(context.Background(), func(tx *storage.Tx) (err error) {
		id, err = tx.InsertDraft(context.Background(), enquiryID, "U0ADVISER")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestDraftLifecycle(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		id := insertDraft(t, db, e.ID)
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			busy, err := tx.PendingDraftSince(ctx, e.ID, time.Now().Add(-time.Minute))
			if err == nil && !busy {
				t.Error("a fresh draft is not pending")
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetDraftSlackTS(ctx, id, "1.2"); err != nil {
			t.Fatal(err)
		}
		if done, err := db.FinishDraft(ctx, id, "Svar", `[{"id":"pizzabakker"}]`, "m"); err != nil || !done {
			t.Fatalf("FinishDraft = %v, %v", done, err)
		}
		d, err := db.GetDraft(ctx, id)
		if err != nil || d.State != storage.DraftReady || d.Body != "Svar" || d.SlackTS != "1.2" || d.Stale || d.RequestedBy != "U0ADVISER" {
			t.Fatalf("GetDraft = %+v, %v", d, err)
		}
		if latest, ok, err := db.LatestReadyDraft(ctx, e.ID); err != nil || !ok || latest.ID != id {
			t.Errorf("LatestReadyDraft = %+v, %v, %v", latest, ok, err)
		}
		if err := db.InTx(ctx, func(tx *storage.Tx) error { return tx.MarkDraftsStale(ctx, e.ID) }); err != nil {
			t.Fatal(err)
		}
		if d, _ := db.GetDraft(ctx, id); !d.Stale {
			t.Error("draft not stale after MarkDraftsStale")
		}
		if _, ok, _ := db.LatestReadyDraft(ctx, e.ID); ok {
			t.Error("LatestReadyDraft offers a stale draft")
		}
	})
}

func TestFailedAndDiscardedDraftsStaySo(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		failed, discarded := insertDraft(t, db, e.ID), insertDraft(t, db, e.ID)
		if err := db.FailDraft(ctx, failed, "status 500"); err != nil {
			t.Fatal(err)
		}
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			if _, err := tx.LockDraft(ctx, discarded); err != nil {
				return err
			}
			return tx.SetDraftState(ctx, discarded, storage.DraftDiscarded)
		})
		if err != nil {
			t.Fatal(err)
		}
		if done, err := db.FinishDraft(ctx, discarded, "late", "[]", "m"); err != nil || done {
			t.Errorf("FinishDraft of a discarded draft = %v, %v; want it left alone", done, err)
		}
		if d, _ := db.GetDraft(ctx, failed); d.State != storage.DraftFailed || d.Error != "status 500" {
			t.Errorf("failed draft = %s %q", d.State, d.Error)
		}
		if _, err := db.GetDraft(ctx, 424242); affaldsbot.ErrorCode(err) != affaldsbot.ENOTFOUND {
			t.Errorf("GetDraft of a missing draft: %v", err)
		}
	})
}
