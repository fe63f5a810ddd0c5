package handlers_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// actEnv is a service with advisers UADV1 and UADV2, mail servers and a
// recorded job queue.
type actEnv struct {
	svc  *handlers.Service
	jobs *jobRecorder
	smtp *smtptest.Server
	imap *imaptest.Server
	// unscrubbed: an erasure's scrub was held up by another database's
	// transaction, so the database's files are not checked.
	unscrubbed bool
}

const ourAddress = "affald@kk.example"

func newActEnv(t testing.TB, db *storage.DB) *actEnv {
	t.Helper()
	jobs := &jobRecorder{}
	db.SetEnqueuer(jobs)
	smtpSrv := smtptest.Start(t)
	imapSrv := imaptest.Start(t, map[string]string{"affald": "pw"})
	m := mail.NewMailer(mail.SMTPSettings{Addr: smtpSrv.Addr(), TLS: mail.TLSNone}, &mail.IMAPSettings{Addr: imapSrv.Addr(), Username: "affald", Password: "pw", TLS: mail.TLSNone, Auth: mail.AuthPlain, Mailbox: "INBOX"}, "Sent")
	st := handlers.DefaultSettings()
	st.MailFrom, st.Lang = ourAddress, "en"
	svc := &handlers.Service{DB: db, Directory: adviserSet{"UADV1": true, "UADV2": true}, Mailer: m,
		Calendar: workcal.Default(), Routes: handlers.Routes{Default: "CENQ"}, Settings: st,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	return &actEnv{svc: svc, jobs: jobs, smtp: smtpSrv, imap: imapSrv}
}

// citizenMail stores a citizen's mail and returns its enquiry.
func (e *actEnv) citizenMail(t testing.TB, n int) int64 {
	t.Helper()
	ctx := context.Background()
	raw := fmt.Sprintf("From: Jens Hansen <jens%d@example.dk>\r\nTo: %s\r\nSubject: Storskrald i gården\r\n"+
		"Message-ID: <citizen-%d@example.dk>\r\nReferences: <older-%d@example.dk>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\n\r\nHvornår henter I storskrald?\r\n",
		n, ourAddress, n, n)
	in := mail.Incoming{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(n), InternalDate: time.Now(), Raw: []byte(raw)}
	if err := e.svc.HandleMail(ctx, in); err != nil {
		t.Fatal(err)
	}
	e.jobs.Take()
	es, err := e.svc.DB.ListEnquiries(ctx, storage.EnquiryFilter{Text: fmt.Sprintf("jens%d@", n)})
	if err != nil || len(es) != 1 {
		t.Fatalf("enquiry of mail %d: %v %v", n, es, err)
	}
	return es[0].ID
}
