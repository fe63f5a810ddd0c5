package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/stats"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// secrets of the citizen Jens Hansen: none may survive an erase.
var jensTraces = []string{"jens.hansen", "Hansen", "22334455", "gammel sofa", "kvittering.pdf", "PDFDATA", "Hejsa fra rådgiveren"}

const jensMail = "From: Jens Hansen <jens.hansen@example.dk>\r\nTo: " + ourAddress + "\r\nSubject: Min gammel sofa\r\n" +
	"Message-ID: <jens-1@example.dk>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
	"Kan I hente en gammel sofa? Ring på 22334455.\r\n--b\r\nContent-Type: application/pdf\r\n" +
	"Content-Disposition: attachment; filename=kvittering.pdf\r\n\r\nPDFDATA\r\n--b--\r\n"

const annaMail = "From: Anna Berg <anna@example.dk>\r\nTo: " + ourAddress + "\r\nSubject: Glas\r\n" +
	"Message-ID: <anna-1@example.dk>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n\r\nHvor skal glas hen?\r\n"

// gdprWorld stores two mails of Jens (the second in upper case), a note and
// a sent reply on the first, a call from his number and a mail from Anna.
func gdprWorld(t *testing.T, env *actEnv) (mailID, callID int64) {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	second := strings.NewReplacer("jens.hansen@", "JENS.HANSEN@", "jens-1@", "jens-2@", "Min gammel sofa", "Igen: gammel sofa").Replace(jensMail)
	for i, raw := range []string{jensMail, second, annaMail} {
		in := mail.Incoming{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(i + 1), InternalDate: at.Add(time.Duration(i) * time.Hour), Raw: []byte(raw)}
		if err := env.svc.HandleMail(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	ids, err := env.svc.DB.CitizenEnquiryIDs(ctx, "jens.hansen@example.dk", nil)
	if err != nil || len(ids) != 2 {
		t.Fatalf("Jens's enquiries = %v, %v", ids, err)
	}
	mailID = ids[0]
	if err := env.svc.Note(ctx, "UADV1", mailID, "Jens Hansen vil have den hentet fredag", ""); err != nil {
		t.Fatal(err)
	}
	m, err := env.svc.Reply(ctx, "UADV1", mailID, "Hejsa fra rådgiveren, Jens Hansen", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.svc.SendReply(ctx, handlers.SendReplyArgs{MessageID: m.ID}); err != nil {
		t.Fatal(err)
	}
	transferred := at.Add(4 * time.Hour)
	res, err := env.svc.ReceiveCall(ctx, handlers.CallReport{CallID: "pz-1", CallerNumber: "22 33 44 55", CallerName: "Jens Hansen",
		Note: "Spørger om gammel sofa", Queue: "affald", TransferredBy: "Borgerservice", TransferredAt: &transferred})
	if err != nil {
		t.Fatal(err)
	}
	env.jobs.Take()
	return mailID, res.EnquiryID
}

func TestGDPRExportHoldsEverything(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		mailID, callID := gdprWorld(t, env)
		ctx := context.Background()
		doc, err := env.svc.ExportCitizen(ctx, "cli:test", handlers.Citizen{Email: "Jens.Hansen@Example.dk"})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Enquiries) != 2 || doc.Enquiries[0].Enquiry.ID != mailID {
			t.Fatalf("enquiries = %d", len(doc.Enquiries))
		}
		out, _ := json.Marshal(doc)
		first := doc.Enquiries[0]
		if !bytes.Contains(first.Messages[0].Raw, []byte("PDFDATA")) || len(first.Messages[0].Attachments) != 1 ||
			string(first.Messages[0].Attachments[0].Data) != "PDFDATA" {
			t.Errorf("first message lacks raw mail or attachment: %s", out)
		}
		kinds := map[string]int{}
		for _, m := range first.Messages {
			kinds[string(m.Kind)]++
		}
		if diff := cmp.Diff(map[string]int{"inbound": 1, "note": 1, "outbound": 1}, kinds); diff != "" {
			t.Errorf("messages (-want +got):\n%s", diff)
		}
		if len(first.Events) == 0 {
			t.Error("no events exported")
		}
		byPhone, err := env.svc.ExportCitizen(ctx, "cli:test", handlers.Citizen{Phone: "+45 22 33 44 55"})
		if err != nil || len(byPhone.Enquiries) != 1 || byPhone.Enquiries[0].Call == nil || byPhone.Enquiries[0].Enquiry.ID != callID {
			t.Fatalf("export by phone = %+v, %v", byPhone, err)
		}
		log, _ := db.AuditLog(ctx, 10)
		if len(log) != 2 || log[0].Action != "gdpr.export" || strings.Contains(log[1].Target+log[1].Detail, "jens") {
			t.Errorf("audit log = %+v", log)
		}
	})
}

func TestGDPREraseLeavesNoTraceAndKeepsStatistics(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		gdprWorld(t, env)
		ctx := context.Background()
		before := statsJSON(t, db)
		if n := erase(t, env, db, handlers.Citizen{Email: "jens.hansen@example.dk"}); n.Enquiries != 2 || n.Attachments != 2 {
			t.Fatalf("erase by e-mail = %v", n)
		}
		erase(t, env, db, handlers.Citizen{Phone: "22334455"})
		for _, f := range scanDatabase(t, db, jensTraces) {
			t.Errorf("left after erase: %s", f)
		}
		for _, f := range fileTraces(t, env, db, jensTraces) {
			t.Errorf("readable in the database's files after erase: %s", f)
		}
		if kept := scanDatabase(t, db, []string{"anna@example.dk", "Hvor skal glas hen"}); !hasAll(kept, "enquiries.citizen_email", "messages.body", "messages.raw") {
			t.Errorf("another citizen's enquiry was touched: %q", kept)
		}
		if diff := cmp.Diff(before, statsJSON(t, db)); diff != "" {
			t.Errorf("statistics changed (-before +after):\n%s", diff)
		}
		log, _ := db.AuditLog(ctx, 10)
		if len(log) != 2 || log[1].Action != "gdpr.erase" || !strings.HasPrefix(log[1].Target, "enquiries:") {
			t.Errorf("audit log = %+v", log)
		}
	})
}

// statsJSON is the statistics of November 2026 without the time they were made.
func statsJSON(t *testing.T, db *storage.DB) string {
	t.Helper()
	cal := workcal.Default()
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	p, err := workcal.ParsePeriod("2026-11-01..2026-11-30", now, cal.Location())
	if err != nil {
		t.Fatal(err)
	}
	r, err := stats.Compute(context.Background(), db, p, cal, now, stats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(r, "", " ")
	return string(b)
}

func hasAll(found []string, prefixes ...string) bool {
	for _, p := range prefixes {
		ok := false
		for _, f := range found {
			ok = ok || strings.HasPrefix(f, p+" ")
		}
		if !ok {
			return false
		}
	}
	return true
}

// mailboxTraces lists what the folders of the shared mailbox still hold of
// needles.
func mailboxTraces(t *testing.T, srv *imaptest.Server, folders []string, needles []string) []string {
	t.Helper()
	var found []string
	for _, f := range folders {
		msgs, err := srv.Messages(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			for _, n := range needles {
				if strings.Contains(strings.ToLower(string(m.Raw)), strings.ToLower(n)) {
					found = append(found, fmt.Sprintf("%s uid %d: %s", f, m.UID, n))
				}
			}
		}
	}
	return found
}

func TestGDPREraseEmptiesTheSharedMailbox(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		second := strings.NewReplacer("jens.hansen@", "JENS.HANSEN@", "jens-1@", "jens-2@", "Min gammel sofa", "Igen: gammel sofa").Replace(jensMail)
		for _, raw := range []string{jensMail, second, annaMail} {
			if _, err := env.imap.Deliver("INBOX", []byte(raw), time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		gdprWorld(t, env) // the same mails, and a reply appended to Sent
		folders := []string{"INBOX", "Sent"}
		if before := mailboxTraces(t, env.imap, folders, jensTraces); len(before) < 3 {
			t.Fatalf("the mailbox should hold Jens's mails and the reply before the erasure: %q", before)
		}
		env.svc.Mailbox = mail.NewMailbox(mail.IMAPSettings{Addr: env.imap.Addr(), Username: "affald", Password: "pw",
			TLS: mail.TLSNone, Auth: mail.AuthPlain, Mailbox: "INBOX"}, "INBOX", "Done", "Sent")
		ctx := context.Background()
		erase(t, env, db, handlers.Citizen{Email: "jens.hansen@example.dk"})
		for _, j := range env.jobs.Take() {
			if a, ok := j.(handlers.EraseMailboxArgs); ok {
				if err := env.svc.EraseMailbox(ctx, a); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, f := range mailboxTraces(t, env.imap, folders, jensTraces) {
			t.Errorf("left in the mailbox: %s", f)
		}
		if kept := mailboxTraces(t, env.imap, folders, []string{"Hvor skal glas hen"}); len(kept) != 1 {
			t.Errorf("another citizen's mail: %q, want it kept", kept)
		}
		log, _ := db.AuditLog(ctx, 10)
		if len(log) == 0 || log[0].Action != "mailbox.erase" || log[0].Detail != "Done: 0, INBOX: 2, Sent: 1" {
			t.Errorf("audit log = %+v, want mailbox.erase with the counts per folder", log)
		}
	})
}

// erase runs EraseCitizen and records in env whether the database's files
// could be scrubbed (storagetest.Scrubbed).
func erase(t *testing.T, env *actEnv, db *storage.DB, c handlers.Citizen) storage.Erasure {
	t.Helper()
	n, err := env.svc.EraseCitizen(context.Background(), "cli:test", c)
	env.unscrubbed = env.unscrubbed || !storagetest.Scrubbed(t, db, err)
	return n
}

// fileTraces is storagetest.FileTraces unless a scrub could not finish.
func fileTraces(t *testing.T, env *actEnv, db *storage.DB, needles []string) []string {
	if env.unscrubbed {
		return nil
	}
	return storagetest.FileTraces(t, db, needles)
}
