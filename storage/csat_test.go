package storage_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/google/go-cmp/cmp"
)

// insertSentReply records a reply to e with rating links and, when sent,
// marks it sent.
func insertSentReply(t *testing.T, db *storage.DB, e *affaldsbot.Enquiry, hash string, sent bool) int64 {
	t.Helper()
	ctx := context.Background()
	m := &affaldsbot.Message{EnquiryID: &e.ID, MessageID: hash + "@kk.example", FromAddr: "affald@kk.example",
		ToAddr: e.CitizenEmail, Subject: "Re: " + e.Subject, Body: "Svar", Author: "U1", ReceivedAt: t0}
	err := db.InTx(ctx, func(tx *storage.Tx) error {
		if err := tx.InsertReply(ctx, m); err != nil {
			return err
		}
		r := &storage.CSATRating{TokenHash: hash, MessageID: m.ID, EnquiryID: e.ID, Lang: "da"}
		if err := tx.InsertCSATRating(ctx, r); err != nil {
			return err
		}
		if sent {
			return tx.MarkReplySent(ctx, m.ID, t0.Add(time.Hour))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m.ID
}

func TestCSATKeyIsMadeOnceAndShared(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		k1, err := db.CSATKey(ctx)
		if err != nil || len(k1) != 32 {
			t.Fatalf("CSATKey = %x, %v", k1, err)
		}
		k2, err := db.CSATKey(ctx)
		if err != nil || !bytes.Equal(k1, k2) {
			t.Errorf("second CSATKey = %x, %v; want the first key %x", k2, err, k1)
		}
	})
}

func TestCSATRatingRoundTrip(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		msg := insertSentReply(t, db, e, "h1", true)
		// Issuing again for the same reply changes nothing.
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			return tx.InsertCSATRating(ctx, &storage.CSATRating{TokenHash: "h2", MessageID: msg, EnquiryID: e.ID, Lang: "en"})
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetCSATRating(ctx, "h2"); affaldsbot.ErrorCode(err) != affaldsbot.ENOTFOUND {
			t.Errorf("a second link for one reply was stored: %v", err)
		}
		// A reply of another enquiry gets no link.
		other := newEnquiry(t, db)
		err = db.InTx(ctx, func(tx *storage.Tx) error {
			return tx.InsertCSATRating(ctx, &storage.CSATRating{TokenHash: "h3", MessageID: msg + 1000, EnquiryID: other.ID, Lang: "da"})
		})
		if affaldsbot.ErrorCode(err) != affaldsbot.ENOTFOUND {
			t.Errorf("a link for a reply that does not exist: %v; want ENOTFOUND", err)
		}
		four, at := 4, t0.Add(2*time.Hour)
		err = db.InTx(ctx, func(tx *storage.Tx) error {
			r, err := tx.LockCSATRating(ctx, "h1")
			if err != nil {
				return err
			}
			r.Rating, r.RatedAt, r.ChangedAt, r.Comment, r.NonceHash = &four, &at, &at, "Fint svar", "n1"
			return tx.SaveCSATRating(ctx, r)
		})
		if err != nil {
			t.Fatal(err)
		}
		got, ok, err := db.CSATRatingOfReply(ctx, msg)
		if err != nil || !ok {
			t.Fatalf("CSATRatingOfReply = %v, %v", ok, err)
		}
		want := storage.CSATRating{TokenHash: "h1", MessageID: msg, EnquiryID: e.ID, Lang: "da", Rating: &four, Comment: "Fint svar",
			NonceHash: "n1", CreatedAt: got.CreatedAt, RatedAt: &at, ChangedAt: &at}
		if d := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); d != "" {
			t.Errorf("rating (-want +got):\n%s", d)
		}
	})
}

func TestCSATRatingRejectsOutOfScale(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		insertSentReply(t, db, e, "h1", true)
		six := 6
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			r, err := tx.LockCSATRating(ctx, "h1")
			if err != nil {
				return err
			}
			r.Rating = &six
			return tx.SaveCSATRating(ctx, r)
		})
		if err == nil {
			t.Error("a rating of 6 was stored")
		}
	})
}

func TestErasureClearsTheComment(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		msg := insertSentReply(t, db, e, "h1", true)
		five := 5
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			r, err := tx.LockCSATRating(ctx, "h1")
			if err != nil {
				return err
			}
			r.Rating, r.Comment = &five, "Ring til mig på Nørrebrogade 12"
			if err := tx.SaveCSATRating(ctx, r); err != nil {
				return err
			}
			_, err = tx.EraseEnquiries(ctx, []int64{e.ID}, storage.EraseOptions{})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := db.CSATRatingOfReply(ctx, msg)
		if err != nil || got.Comment != "" || got.Rating == nil || *got.Rating != 5 {
			t.Errorf("after erasure: comment %q, rating %v, %v; want no comment, rating 5 kept", got.Comment, got.Rating, err)
		}
	})
}

func TestCSATTalliesCountSentRepliesOfThePeriod(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		rate := func(hash string, n int) {
			err := db.InTx(ctx, func(tx *storage.Tx) error {
				r, err := tx.LockCSATRating(ctx, hash)
				if err != nil {
					return err
				}
				r.Rating = &n
				return tx.SaveCSATRating(ctx, r)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		a, b, c := newEnquiry(t, db), newEnquiry(t, db), newEnquiry(t, db)
		insertSentReply(t, db, a, "a", true)
		insertSentReply(t, db, b, "b", true)
		insertSentReply(t, db, c, "c", false) // never left: not counted
		rate("a", 5)
		rate("b", 3)
		rate("c", 1)
		got, err := db.CSATTallies(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		want := []storage.CSATTally{{Topic: "sortering", Channel: "mail", Responses: 2, Rated: 2, Satisfied: 1}}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("tallies (-want +got):\n%s", d)
		}
		// A topic changed later counts where it is now.
		err = db.InTx(ctx, func(tx *storage.Tx) error {
			e, err := tx.LockEnquiry(ctx, b.ID)
			if err != nil {
				return err
			}
			e.Topic = affaldsbot.TopicKlage
			return tx.SaveEnquiry(ctx, e)
		})
		if err != nil {
			t.Fatal(err)
		}
		got, _ = db.CSATTallies(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
		want = []storage.CSATTally{{Topic: "klage", Channel: "mail", Responses: 1, Rated: 1}, {Topic: "sortering", Channel: "mail", Responses: 1, Rated: 1, Satisfied: 1}}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("tallies after a topic change (-want +got):\n%s", d)
		}
		if got, _ := db.CSATTallies(ctx, t0.Add(time.Hour), t0.Add(2*time.Hour)); len(got) != 0 {
			t.Errorf("tallies of a period without enquiries = %+v", got)
		}
	})
}

func TestGuidanceGapsRoundTrip(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		db.SetClock(func() time.Time { return t0 })
		first := &storage.GuidanceGap{Question: "Må fedtede pizzabakker i pap?", EnquiryIDs: []int64{12, 40, 41}, MarkedBy: "U0LEAD"}
		if err := db.InsertGuidanceGap(ctx, first); err != nil {
			t.Fatal(err)
		}
		db.SetClock(func() time.Time { return t0.Add(time.Hour) })
		second := &storage.GuidanceGap{Question: "Hvor kommer jeg af med en trampolin?", MarkedBy: "lead@kk.dk", Note: "ny side"}
		if err := db.InsertGuidanceGap(ctx, second); err != nil {
			t.Fatal(err)
		}
		got, err := db.GuidanceGaps(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []storage.GuidanceGap{
			{ID: second.ID, Question: second.Question, MarkedBy: "lead@kk.dk", MarkedAt: t0.Add(time.Hour), Note: "ny side"},
			{ID: first.ID, Question: first.Question, EnquiryIDs: []int64{12, 40, 41}, MarkedBy: "U0LEAD", MarkedAt: t0},
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("gaps (-want +got):\n%s", d)
		}
	})
}

// TestCSATDayCountsFollowEveryChange: tallies summed from the day counts
// equal those counted rating by rating, after replies are sent, rated,
// rated again, moved to another topic and deleted.
func TestCSATDayCountsFollowEveryChange(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		var hashes []string
		for i := range 12 {
			e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicSortering,
				CitizenEmail: "x@example.dk", ReceivedAt: t0.Add(time.Duration(i*9) * time.Hour)}
			if i%4 == 3 {
				e.Channel = affaldsbot.ChannelPhone
			}
			if err := db.InTx(ctx, func(tx *storage.Tx) error { return tx.CreateEnquiry(ctx, e) }); err != nil {
				t.Fatal(err)
			}
			h := string(rune('a' + i))
			insertSentReply(t, db, e, h, i%5 != 4)
			hashes = append(hashes, h)
		}
		change := func(h string, fn func(tx *storage.Tx, r *storage.CSATRating) error) {
			t.Helper()
			err := db.InTx(ctx, func(tx *storage.Tx) error {
				r, err := tx.LockCSATRating(ctx, h)
				if err != nil {
					return err
				}
				if err := fn(tx, r); err != nil {
					return err
				}
				return tx.SaveCSATRating(ctx, r)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		rate := func(n int) func(*storage.Tx, *storage.CSATRating) error {
			return func(_ *storage.Tx, r *storage.CSATRating) error { r.Rating = &n; return nil }
		}
		for i, h := range hashes {
			change(h, rate(1+i%5))
		}
		change("b", rate(5))
		change("c", rate(1))
		r, _ := db.GetCSATRating(ctx, "d")
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			e, err := tx.LockEnquiry(ctx, r.EnquiryID)
			if err != nil {
				return err
			}
			e.Topic = affaldsbot.TopicKlage
			return tx.SaveEnquiry(ctx, e)
		})
		if err != nil {
			t.Fatal(err)
		}
		gone, _ := db.GetCSATRating(ctx, "f")
		if _, err := db.ExecContext(ctx, db.Rebind(`DELETE FROM enquiries WHERE id = ?`), gone.EnquiryID); err != nil {
			t.Fatal(err)
		}
		from, to := t0.Add(5*time.Hour), t0.Add(4*24*time.Hour+3*time.Hour) // ragged ends, three whole days between
		got, err := db.CSATTallies(ctx, from, to)
		if err != nil {
			t.Fatal(err)
		}
		var want []storage.CSATTally
		err = db.SelectContext(ctx, &want, db.Rebind(`SELECT e.topic, e.channel, COUNT(*) AS responses, COUNT(c.rating) AS rated,
			SUM(CASE WHEN c.rating >= 4 THEN 1 ELSE 0 END) AS satisfied
			FROM csat_ratings c JOIN enquiries e ON e.id = c.enquiry_id JOIN messages m ON m.id = c.message_id
			WHERE e.received_at >= ? AND e.received_at < ? AND m.send_state = 'sent'
			GROUP BY e.topic, e.channel ORDER BY e.topic, e.channel`), from, to)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" || len(want) < 2 {
			t.Errorf("tallies from day counts (-counted one by one +summed):\n%s", d)
		}
	})
}

// TestCitizenRecordHoldsTheRatings: the right-of-access export lists each
// rated reply's rating and comment with the enquiry.
func TestCitizenRecordHoldsTheRatings(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		msg := insertSentReply(t, db, e, "h1", true)
		four := 4
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			r, err := tx.LockCSATRating(ctx, "h1")
			if err != nil {
				return err
			}
			r.Rating, r.Comment = &four, "Fint svar"
			return tx.SaveCSATRating(ctx, r)
		})
		if err != nil {
			t.Fatal(err)
		}
		rec, err := db.CitizenRecord(ctx, []int64{e.ID}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := rec.Enquiries[0].Ratings
		if len(got) != 1 || got[0].MessageID != msg || got[0].Rating == nil || *got[0].Rating != 4 || got[0].Comment != "Fint svar" {
			t.Errorf("exported ratings %+v", got)
		}
		if strings.Contains(fmt.Sprintf("%+v", got), "h1") {
			t.Errorf("the export holds the token's hash: %+v", got)
		}
	})
}
