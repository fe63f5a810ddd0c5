package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 11, 26, 9, 14, 3, 0, time.UTC)

func newEnquiry(t *testing.T, db *storage.DB) *affaldsbot.Enquiry {
	t.Helper()
	e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicSortering,
		Subject: "Pizzabakker", CitizenName: "Jens Hansen", CitizenEmail: "jens@example.dk", ReceivedAt: t0}
	err := db.InTx(context.Background(), func(tx *storage.Tx) error { return tx.CreateEnquiry(context.Background(), e) })
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestMigrateIsIdempotent(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		n, err := db.Migrate(context.Background())
		if err != nil || n != 0 {
			t.Errorf("second Migrate = %d, %v; want 0, nil", n, err)
		}
	})
}

func TestEnquiryRoundTrip(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		if e.ID <= 0 {
			t.Fatalf("ID = %d, want a positive short number", e.ID)
		}
		got, err := db.GetEnquiry(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.ReceivedAt.Equal(t0) || got.Subject != "Pizzabakker" || got.Status != affaldsbot.StatusNew {
			t.Errorf("GetEnquiry = %+v", got)
		}
		if _, err := db.GetEnquiry(ctx, 999999); affaldsbot.ErrorCode(err) != affaldsbot.ENOTFOUND {
			t.Errorf("missing enquiry: err = %v, want ENOTFOUND", err)
		}
	})
}

// TestTransitionAndEventCommitTogether: the state change and its event are one
// transaction; a failure after both rolls back both.
func TestTransitionAndEventCommitTogether(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		boom := errors.New("boom")
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			locked, err := tx.LockEnquiry(ctx, e.ID)
			if err != nil {
				return err
			}
			ev, err := locked.Claim("U1", t0.Add(time.Minute))
			if err != nil {
				return err
			}
			if err := tx.SaveEnquiry(ctx, locked, ev); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx = %v, want boom", err)
		}
		got, _ := db.GetEnquiry(ctx, e.ID)
		events, _ := db.Events(ctx, e.ID)
		if got.Status != affaldsbot.StatusNew || len(events) != 1 {
			t.Errorf("after rollback: status %s, %d events; want new, 1 (created)", got.Status, len(events))
		}
	})
}

// TestConcurrentClaimsGiveOneHolder: 20 advisers click claim at once.
func TestConcurrentClaimsGiveOneHolder(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins, conflicts := 0, 0
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := db.InTx(ctx, func(tx *storage.Tx) error {
					locked, err := tx.LockEnquiry(ctx, e.ID)
					if err != nil {
						return err
					}
					ev, err := locked.Claim(string(rune('A'+i)), t0)
					if err != nil {
						return err
					}
					return tx.SaveEnquiry(ctx, locked, ev)
				})
				mu.Lock()
				defer mu.Unlock()
				if err == nil {
					wins++
				} else if affaldsbot.ErrorCode(err) == affaldsbot.ECONFLICT {
					conflicts++
				} else {
					t.Errorf("claim: %v", err)
				}
			}()
		}
		wg.Wait()
		events, _ := db.Events(ctx, e.ID)
		claims := 0
		for _, ev := range events {
			if ev.Type == affaldsbot.EventClaimed {
				claims++
			}
		}
		if wins != 1 || conflicts != 19 || claims != 1 {
			t.Errorf("wins=%d conflicts=%d claim events=%d; want 1, 19, 1", wins, conflicts, claims)
		}
	})
}

func TestInboundMailIsStoredOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		insert := func() bool {
			var ok bool
			err := db.InTx(ctx, func(tx *storage.Tx) error {
				m := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageInbound, MessageID: "abc@example.dk",
					Body: "Hej", Raw: []byte("raw"), ReceivedAt: t0}
				atts := []affaldsbot.Attachment{{Filename: "foto.jpg", ContentType: "image/jpeg", Size: 3, SHA256: "x", Data: []byte{1, 2, 3}}}
				var err error
				ok, err = tx.InsertMessage(ctx, m, atts, "INBOX|abc@example.dk", storage.MailOrigin{Mailbox: "INBOX", UIDValidity: 7, UID: 1})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if first, second := insert(), insert(); !first || second {
			t.Errorf("inserted = %v then %v; want true then false", first, second)
		}
		msgs, _ := db.Messages(ctx, e.ID)
		if len(msgs) != 1 {
			t.Fatalf("%d messages, want 1", len(msgs))
		}
		atts, _ := db.Attachments(ctx, msgs[0].ID)
		if len(atts) != 1 || string(atts[0].Data) != "\x01\x02\x03" {
			t.Errorf("attachments = %+v", atts)
		}
		var found int64
		db.InTx(ctx, func(tx *storage.Tx) error {
			found, _, _ = tx.EnquiryByMessageIDs(ctx, []string{"", "other@x", "abc@example.dk"})
			return nil
		})
		if found != e.ID {
			t.Errorf("EnquiryByMessageIDs = %d, want %d", found, e.ID)
		}
	})
}

func TestCursorNeverGoesBackAndResetsOnNewValidity(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		adv := func(v, uid uint32) {
			if err := db.InTx(ctx, func(tx *storage.Tx) error { return tx.AdvanceCursor(ctx, "INBOX", v, uid) }); err != nil {
				t.Fatal(err)
			}
		}
		last := func(v uint32) uint32 { n, _ := db.LastUID(ctx, "INBOX", v); return n }
		adv(7, 10)
		adv(7, 5)
		a := last(7)
		adv(8, 3)
		got := []uint32{a, last(7), last(8)}
		if d := cmp.Diff([]uint32{10, 0, 3}, got); d != "" {
			t.Errorf("cursor (-want +got):\n%s", d)
		}
	})
}

func TestListAndFind(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		a, b := newEnquiry(t, db), newEnquiry(t, db)
		db.InTx(ctx, func(tx *storage.Tx) error {
			e, _ := tx.LockEnquiry(ctx, b.ID)
			ev, _ := e.Claim("U1", t0)
			return tx.SaveEnquiry(ctx, e, ev)
		})
		mine, _ := db.ListEnquiries(ctx, storage.EnquiryFilter{Holder: "U1"})
		found, _ := db.ListEnquiries(ctx, storage.EnquiryFilter{Text: "pizza"})
		none, _ := db.ListEnquiries(ctx, storage.EnquiryFilter{Text: "100%_"})
		if len(mine) != 1 || mine[0].ID != b.ID || len(found) != 2 || found[0].ID != a.ID || len(none) != 0 {
			t.Errorf("mine=%v found=%v none=%v", mine, found, none)
		}
	})
}

func TestAuditLog(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		db.Audit(ctx, "U1", "gdpr.export", "enquiry:1", "")
		log, err := db.AuditLog(ctx, 10)
		if err != nil || len(log) != 1 || log[0].Action != "gdpr.export" {
			t.Errorf("AuditLog = %+v, %v", log, err)
		}
	})
}
