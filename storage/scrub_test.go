package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// erasedValues are what the citizen of scrubWorld wrote; none may be left
// in the database's files once erased and scrubbed.
var erasedValues = []string{"karl.nielsen@example.dk", "Karl Nielsen", "Nørrebrogade 12", "020285-4321", "plyssofa", "KVITTERING-7731", "KOMMENTAR-4417"}

// scrubWorld stores one enquiry of Karl Nielsen's with a mail, a raw copy
// large enough for PostgreSQL's TOAST table, an attachment and a draft, then
// changes the rows a few times as the bot does (each change leaves an old
// row version behind), and erases it.
func scrubWorld(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Subject: "Plyssofa fra Nørrebrogade 12",
		CitizenName: "Karl Nielsen", CitizenEmail: "karl.nielsen@example.dk", ReceivedAt: t0}
	body := "Hej, jeg bor på Nørrebrogade 12, 2. th., 2200 København N. CPR 020285-4321. Hent min plyssofa. Mvh Karl Nielsen"
	raw := "From: Karl Nielsen <karl.nielsen@example.dk>\r\n\r\n" + body + strings.Repeat("\r\n"+body, 40)
	err := db.InTx(ctx, func(tx *storage.Tx) error {
		if err := tx.CreateEnquiry(ctx, e); err != nil {
			return err
		}
		m := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageInbound, MessageID: "k1@example.dk",
			FromAddr: "karl.nielsen@example.dk", Subject: e.Subject, Body: body, Raw: []byte(raw), ReceivedAt: t0}
		atts := []affaldsbot.Attachment{{Filename: "kvittering.txt", ContentType: "text/plain", Size: 15, SHA256: "x", Data: []byte("KVITTERING-7731")}}
		if _, err := tx.InsertMessage(ctx, m, atts, "INBOX|k1@example.dk", storage.MailOrigin{Mailbox: "INBOX", UIDValidity: 1, UID: 1}); err != nil {
			return err
		}
		return ratedReply(ctx, tx, e, "Tak, men KOMMENTAR-4417: hvornår kommer I?")
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, ts := range []string{"pending", "1700000000.000100"} {
		if _, err := db.ExecContext(ctx, db.Rebind(`UPDATE messages SET slack_ts = ? WHERE enquiry_id = ?`), ts, e.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, db.Rebind(`UPDATE enquiries SET status = 'claimed', holder = ? WHERE id = ?`), "U"+ts[:3], e.ID); err != nil {
			t.Fatal(err)
		}
	}
	err = db.InTx(ctx, func(tx *storage.Tx) error {
		_, err := tx.EraseEnquiries(ctx, []int64{e.ID}, storage.EraseOptions{Contacts: true})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// ratedReply stores a reply to e that the citizen rated with a comment.
func ratedReply(ctx context.Context, tx *storage.Tx, e *affaldsbot.Enquiry, comment string) error {
	m := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageOutbound, MessageID: "svar-k1@kk.example",
		FromAddr: "affald@kk.example", ToAddr: e.CitizenEmail, Body: "Vi henter fredag", ReceivedAt: t0}
	if err := tx.InsertReply(ctx, m); err != nil {
		return err
	}
	if err := tx.InsertCSATRating(ctx, &storage.CSATRating{TokenHash: "k1", MessageID: m.ID, EnquiryID: e.ID, Lang: "da"}); err != nil {
		return err
	}
	r, err := tx.LockCSATRating(ctx, "k1")
	if err != nil {
		return err
	}
	two := 2
	r.Rating, r.Comment = &two, comment
	return tx.SaveCSATRating(ctx, r)
}

func TestScrubRewriteLeavesNothingInTheFiles(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		scrubWorld(t, db)
		if !storagetest.Scrubbed(t, db, db.Scrub(context.Background(), storage.ScrubRewrite)) {
			t.Skip("the files cannot be checked now")
		}
		for _, f := range storagetest.FileTraces(t, db, erasedValues) {
			t.Errorf("readable after erasure: %s", f)
		}
	})
}

func TestScrubVacuumLeavesNoRowVersion(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		scrubWorld(t, db)
		if before := storagetest.TupleTraces(t, db, erasedValues); len(before) == 0 {
			t.Fatal("the erased values should still be in old row versions before the scrub: the check cannot fail")
		}
		if !storagetest.Scrubbed(t, db, db.Scrub(context.Background(), storage.ScrubVacuum)) {
			t.Skip("the row versions cannot be checked now")
		}
		for _, f := range storagetest.TupleTraces(t, db, erasedValues) {
			t.Errorf("a row version still holds: %s", f)
		}
	})
}

// TestScrubWaitsForOlderSnapshots: a transaction that began before the
// erasure still sees the old rows, so PostgreSQL keeps them through any
// VACUUM; the scrub waits for it to end.
func TestScrubWaitsForOlderSnapshots(t *testing.T) {
	db := storagetest.Open(t, storage.Postgres)
	ctx := context.Background()
	reader, err := db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Rollback()
	var n int
	if err := reader.GetContext(ctx, &n, `SELECT COUNT(*) FROM audit_log`); err != nil { // takes the snapshot, no lock on the erased tables
		t.Fatal(err)
	}
	scrubWorld(t, db)
	done := make(chan error, 1)
	go func() { done <- db.Scrub(ctx, storage.ScrubRewrite) }()
	select {
	case err := <-done:
		t.Fatalf("Scrub returned %v while an older snapshot was open", err)
	case <-time.After(500 * time.Millisecond):
	}
	reader.Rollback()
	if !storagetest.Scrubbed(t, db, <-done) {
		t.Skip("the files cannot be checked now")
	}
	for _, f := range storagetest.FileTraces(t, db, erasedValues) {
		t.Errorf("readable after erasure: %s", f)
	}
}

// TestScrubNamesTheTransactionItWaitedFor: past its wait, the scrub still
// vacuums and says which session held it up.
func TestScrubNamesTheTransactionItWaitedFor(t *testing.T) {
	db := storagetest.Open(t, storage.Postgres)
	ctx := context.Background()
	scrubWorld(t, db)
	writer, err := db.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Rollback()
	var pid int
	var xid string
	if err := writer.QueryRowContext(ctx, `SELECT pg_backend_pid(), pg_current_xact_id()::text`).Scan(&pid, &xid); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE enquiries SET topic = 'andet'`); err != nil { // a row version after the writer began
		t.Fatal(err)
	}
	db.SetScrubWait(300 * time.Millisecond)
	err = db.Scrub(ctx, storage.ScrubVacuum)
	var pending *storage.ScrubPendingError
	if !errors.As(err, &pending) || pending.Waited < 300*time.Millisecond {
		t.Fatalf("Scrub = %v, want a ScrubPendingError after the wait", err)
	}
	var current string
	db.GetContext(ctx, &current, `SELECT current_database()`)
	if pending.PID != pid && pending.Database != current {
		t.Logf("the oldest transaction was another database's: %v", err) // a shared server's other tests
	} else if pending.PID != pid {
		t.Errorf("named session %d, want the writer %d", pending.PID, pid)
	}
}
