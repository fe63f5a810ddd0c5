package storage_test

import (
	"context"
	"slices"
	"testing"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// A forward's copy in the Sent folder carries the citizen's mails, so
// erasure must find it by its Message-ID like a reply's or a filing's.
func TestErasureFindsTheForwardsCopyInTheMailbox(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			return tx.InsertForward(ctx, &storage.Forward{EnquiryID: e.ID, Destination: "Parkering", ToAddr: "p@example.org",
				Note: "Jens Hansen spørger om licens", MessageID: "fwd-1@kk.example", RequestedBy: "UADV1"})
		})
		if err != nil {
			t.Fatal(err)
		}
		ids, err := db.MailMessageIDs(ctx, []int64{e.ID}, nil)
		if err != nil || !slices.Contains(ids, "fwd-1@kk.example") {
			t.Errorf("MailMessageIDs = %v, %v; want the forward's", ids, err)
		}
		if _, err := db.ExecContext(ctx, db.Rebind(`UPDATE enquiries SET erased_at = ? WHERE id = ?`), db.Now(), e.ID); err != nil {
			t.Fatal(err)
		}
		if f, err := db.LastForward(ctx, e.ID); err != nil || f.Note != "" || f.Destination != "Parkering" {
			t.Errorf("forward after erasure %+v, %v; want the note gone, the destination kept", f, err)
		}
	})
}

// The right of access covers where an enquiry was forwarded and the note.
func TestCitizenRecordHoldsTheForwards(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			return tx.InsertForward(ctx, &storage.Forward{EnquiryID: e.ID, Destination: "Parkering", ToAddr: "p@example.org",
				Note: "spørger om licens", MessageID: "fwd-2@kk.example", RequestedBy: "UADV1"})
		})
		if err != nil {
			t.Fatal(err)
		}
		rec, err := db.CitizenRecord(ctx, []int64{e.ID}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if fs := rec.Enquiries[0].Forwards; len(fs) != 1 || fs[0].Note != "spørger om licens" || fs[0].Destination != "Parkering" {
			t.Errorf("forwards in the record %+v", fs)
		}
	})
}
