package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func newCalls(ids ...string) []storage.NewCall {
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	var out []storage.NewCall
	for _, id := range ids {
		e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelPhone, Status: affaldsbot.StatusNew, Subject: "Opkald " + id,
			CitizenPhone: "+4512345678", ReceivedAt: at}
		m := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageCallLog, Body: "note " + id, ReceivedAt: at}
		out = append(out, storage.NewCall{Enquiry: e, Call: &storage.Call{CallID: id, TransferredAt: at}, Message: m})
	}
	return out
}

func createCalls(t *testing.T, db *storage.DB, calls []storage.NewCall) int {
	t.Helper()
	var n int
	err := db.InTx(context.Background(), func(tx *storage.Tx) (err error) {
		n, err = tx.CreateCalls(context.Background(), calls)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCreateCallsNeverReusesIDs: new IDs come after every ID ever given,
// also after the newest enquiry was deleted, and each call gets its own.
func TestCreateCallsNeverReusesIDs(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		first := newCalls("a", "b", "c")
		if n := createCalls(t, db, first); n != 3 {
			t.Fatalf("stored %d calls, want 3", n)
		}
		if _, err := db.Exec(db.Rebind(`DELETE FROM enquiries WHERE id = ?`), first[2].Enquiry.ID); err != nil {
			t.Fatal(err)
		}
		next := newCalls("d", "e")
		createCalls(t, db, next)
		ids := []int64{first[0].Enquiry.ID, first[1].Enquiry.ID, first[2].Enquiry.ID, next[0].Enquiry.ID, next[1].Enquiry.ID}
		for i := 1; i < len(ids); i++ {
			if ids[i] <= ids[i-1] {
				t.Errorf("ids %v are not increasing", ids)
			}
		}
		for _, nc := range append(first[:2], next...) {
			c, err := db.CallByCallID(context.Background(), nc.Call.CallID)
			msgs, _ := db.Messages(context.Background(), nc.Enquiry.ID)
			if err != nil || c.EnquiryID != nc.Enquiry.ID || len(msgs) != 1 || msgs[0].Body != "note "+nc.Call.CallID {
				t.Errorf("call %s: %+v, %v, messages %+v", nc.Call.CallID, c, err, msgs)
			}
		}
	})
}

// TestCreateCallsCountsStoredCallIDs: a call_id stored before is skipped and
// the count says so, so the caller can roll back.
func TestCreateCallsCountsStoredCallIDs(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		createCalls(t, db, newCalls("a"))
		if n := createCalls(t, db, newCalls("b", "a")); n != 1 {
			t.Errorf("stored %d calls, want 1", n)
		}
		found := map[string]*storage.Call{}
		err := db.InTx(context.Background(), func(tx *storage.Tx) (err error) {
			found, err = tx.LockCalls(context.Background(), []string{"a", "b", "zz"})
			return err
		})
		if err != nil || len(found) != 2 || found["a"] == nil || found["b"] == nil {
			t.Errorf("LockCalls = %v, %v; want a and b", found, err)
		}
	})
}
