package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/google/go-cmp/cmp"
)

func TestInsightRowsReadTheConversation(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		in := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageInbound, FromAddr: e.CitizenEmail,
			Subject: e.Subject, Body: "Må fedtede pizzabakker komme i pap?", ReceivedAt: t0}
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			_, err := tx.InsertMessage(ctx, in, nil, "k1", storage.MailOrigin{})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		discarded, ready := insertDraft(t, db, e.ID), insertDraft(t, db, e.ID)
		for _, id := range []int64{discarded, ready} {
			if _, err := db.FinishDraft(ctx, id, "Udkast", "[]", ""); err != nil {
				t.Fatal(err)
			}
		}
		err = db.InTx(ctx, func(tx *storage.Tx) error { return tx.SetDraftState(ctx, discarded, storage.DraftDiscarded) })
		if err != nil {
			t.Fatal(err)
		}
		reply := insertSentReply(t, db, e, "h1", true)
		err = db.InTx(ctx, func(tx *storage.Tx) error { return tx.RecordAnswerUse(ctx, reply, e.ID, "pap", "U1") })
		if err != nil {
			t.Fatal(err)
		}
		three := 3
		err = db.InTx(ctx, func(tx *storage.Tx) error {
			r, err := tx.LockCSATRating(ctx, "h1")
			if err != nil {
				return err
			}
			at := t0.Add(3 * time.Hour)
			r.Rating, r.RatedAt, r.ChangedAt = &three, &at, &at
			return tx.SaveCSATRating(ctx, r)
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.InsightRows(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		want := []storage.InsightRow{{ID: e.ID, Channel: "mail", Topic: "sortering", Subject: "Pizzabakker", ReceivedAt: t0,
			CitizenEmail: "jens@example.dk", Text: in.Body, Reply: "Svar", Drafts: 2, Discarded: 1, Draft: "Udkast", Rating: &three, Answer: "pap"}}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("rows (-want +got):\n%s", d)
		}
	})
}
