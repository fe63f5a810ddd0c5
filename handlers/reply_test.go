package handlers_test

import (
	"bytes"
	"context"
	"net/mail"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// sendJob runs the send_reply job the last transaction enqueued.
func (e *actEnv) sendJob(t *testing.T) handlers.SendReplyArgs {
	t.Helper()
	jobs := e.jobs.Take()
	if len(jobs) != 1 {
		t.Fatalf("jobs %v, want one send_reply", kinds(jobs))
	}
	a := jobs[0].(handlers.SendReplyArgs)
	if err := e.svc.SendReply(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestReplyIsSentOnceToTheCitizenThreaded(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		ctx := context.Background()
		id := env.citizenMail(t, 7)
		m, err := env.svc.Reply(ctx, "UADV1", id, "Hej Jens\n\nVi henter på torsdag.\nBcc: evil@example.com", nil)
		if err != nil {
			t.Fatal(err)
		}
		a := env.sendJob(t)
		if got := kinds(env.jobs.Take()); !cmp.Equal(got, []string{"sync_slack", "update_root"}) {
			t.Errorf("jobs after sending %v, want sync_slack and update_root", got)
		}
		if err := env.svc.SendReply(ctx, a); err != nil { // the job runs again
			t.Fatal(err)
		}
		mails := env.smtp.Mails()
		if len(mails) != 1 {
			t.Fatalf("%d mails sent, want 1", len(mails))
		}
		checkReplyMail(t, mails[0].Data, mails[0].To, id, m.MessageID)
		if found, err := env.svc.Mailer.FindSent(ctx, m.MessageID); err != nil || !found {
			t.Errorf("the reply is not in the Sent folder: %v", err)
		}
		e, _ := db.GetEnquiry(ctx, id)
		if e.Status != affaldsbot.StatusAnswered || e.Holder != "UADV1" || e.FirstResponseAt == nil {
			t.Errorf("enquiry %s held by %q, first response %v; want answered by UADV1", e.Status, e.Holder, e.FirstResponseAt)
		}
		r, _ := db.GetReply(ctx, m.ID)
		if r.SendState != storage.SendSent || r.SentAt == nil {
			t.Errorf("reply state %q sent at %v", r.SendState, r.SentAt)
		}
	})
}

func checkReplyMail(t *testing.T, raw []byte, rcpt []string, id int64, msgID string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	got := map[string]string{"rcpt": strings.Join(rcpt, ","), "from": h.Get("From"), "to": h.Get("To"), "cc": h.Get("Cc"), "bcc": h.Get("Bcc"),
		"message-id": h.Get("Message-Id"), "in-reply-to": h.Get("In-Reply-To"), "references": h.Get("References")}
	want := map[string]string{"rcpt": "jens7@example.dk", "from": "<" + ourAddress + ">", "to": "<jens7@example.dk>", "cc": "", "bcc": "",
		"message-id": "<" + msgID + ">", "in-reply-to": "<citizen-7@example.dk>", "references": "<older-7@example.dk> <citizen-7@example.dk>"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("reply headers (-want +got):\n%s", d)
	}
	if !strings.HasSuffix(msgID, "@kk.example") {
		t.Errorf("Message-ID %q is not in the domain of MAIL_FROM", msgID)
	}
	if !strings.Contains(h.Get("Subject"), "#"+strings.TrimPrefix(strings.TrimSpace(formatID(id)), "#")) {
		t.Errorf("subject %q has no tag of enquiry %d", h.Get("Subject"), id)
	}
}

func formatID(id int64) string { return (&affaldsbot.Enquiry{ID: id}).Ref() }

func TestReplyCutOffAfterSendingIsNotSentAgain(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		ctx := context.Background()
		id := env.citizenMail(t, 7)
		m, err := env.svc.Reply(ctx, "UADV1", id, "Vi henter på torsdag.", nil)
		if err != nil {
			t.Fatal(err)
		}
		a := env.sendJob(t)
		env.jobs.Take()
		// The process died after SMTP accepted the mail and the copy was
		// filed, before the sent state committed.
		if _, err := db.ExecContext(ctx, db.Rebind(`UPDATE messages SET send_state = 'sending', sent_at = NULL WHERE id = ?`), m.ID); err != nil {
			t.Fatal(err)
		}
		if err := env.svc.SendReply(ctx, a); err != nil {
			t.Fatal(err)
		}
		if n := len(env.smtp.Mails()); n != 1 {
			t.Errorf("%d mails sent, want 1", n)
		}
		r, _ := db.GetReply(ctx, m.ID)
		if r.SendState != storage.SendSent {
			t.Errorf("reply state %q, want sent", r.SendState)
		}
	})
}

func TestReplyCutOffBeforeFilingIsShownNotResent(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		ctx := context.Background()
		id := env.citizenMail(t, 7)
		m, _ := env.svc.Reply(ctx, "UADV1", id, "Vi henter på torsdag.", nil)
		a := env.jobs.Take()[0].(handlers.SendReplyArgs)
		// Sending began but nothing says whether it left: no copy in Sent.
		if ok, err := db.BeginSend(ctx, m.ID); !ok || err != nil {
			t.Fatal(ok, err)
		}
		if err := env.svc.SendReply(ctx, a); err != nil {
			t.Fatal(err)
		}
		r, _ := db.GetReply(ctx, m.ID)
		if len(env.smtp.Mails()) != 0 || r.SendState != storage.SendFailed || r.Body != m.Body {
			t.Errorf("%d mails, state %q; want none sent, failed with the text kept", len(env.smtp.Mails()), r.SendState)
		}
		if got := kinds(env.jobs.Take()); !cmp.Equal(got, []string{"reply_failed"}) {
			t.Errorf("jobs %v, want reply_failed", got)
		}
	})
}

func TestReplyFailingIsRetriedThenShownWithRetry(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		ctx := context.Background()
		id := env.citizenMail(t, 7)
		m, _ := env.svc.Reply(ctx, "UADV1", id, "Vi henter på torsdag.", nil)
		a := env.jobs.Take()[0].(handlers.SendReplyArgs)
		env.smtp.FailNext(handlers.MaxReplyAttempts)
		for i := range handlers.MaxReplyAttempts {
			err := env.svc.SendReply(ctx, a)
			if last := i == handlers.MaxReplyAttempts-1; (err == nil) != last {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
		}
		r, _ := db.GetReply(ctx, m.ID)
		if r.SendState != storage.SendFailed || !strings.Contains(r.SendError, "451") {
			t.Errorf("after %d temporary failures: state %q, error %q", handlers.MaxReplyAttempts, r.SendState, r.SendError)
		}
		env.jobs.Take()
		if err := env.svc.RetryReply(ctx, "UOUTSIDER", m.ID, nil); affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Errorf("retry by a non-adviser: %v", err)
		}
		if err := env.svc.RetryReply(ctx, "UADV2", m.ID, nil); err != nil {
			t.Fatal(err)
		}
		env.sendJob(t)
		if n := len(env.smtp.Mails()); n != 1 {
			t.Errorf("%d mails after the retry, want 1", n)
		}
	})
}

func TestReplyRefusesEmptyLongAndClosed(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		ctx := context.Background()
		id := env.citizenMail(t, 7)
		for _, body := range []string{"", " \n\t", strings.Repeat("x", handlers.MaxReplyChars+1)} {
			if _, err := env.svc.Reply(ctx, "UADV1", id, body, nil); affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
				t.Errorf("reply of %d characters: %v, want invalid", len(body), err)
			}
		}
		env.svc.Act(ctx, "UADV1", id, handlers.ActClose, "")
		env.jobs.Take()
		if _, err := env.svc.Reply(ctx, "UADV1", id, "Hej", nil); affaldsbot.ErrorCode(err) != affaldsbot.ECONFLICT {
			t.Errorf("reply to a closed enquiry: %v, want conflict", err)
		}
		if n := len(env.jobs.Take()); n != 0 {
			t.Errorf("%d jobs after refused replies", n)
		}
	})
}
