package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func realWorldMail(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(realWorldDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// intake stores raw as mail uid of INBOX and returns the message stored.
func intake(t *testing.T, svc *handlers.Service, db *storage.DB, uid uint32, raw []byte) *affaldsbot.Message {
	t.Helper()
	in := mail.Incoming{Mailbox: "INBOX", UIDValidity: 1, UID: uid, InternalDate: time.Now(), Raw: raw}
	if err := svc.HandleMail(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return lastMessage(t, db)
}

// A mail whose From field names no address that can be trusted opens an
// enquiry without one: the thread says so, no reply can go anywhere until an
// adviser types the address, and an address the mail gave is never replaced.
func TestUnreadableSenderIsNeverGuessed(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		env := newActEnv(t, db)
		m := intake(t, env.svc, db, 1, realWorldMail(t, "hostile/from-unparseable.eml"))
		e, err := db.GetEnquiry(ctx, *m.EnquiryID)
		if err != nil {
			t.Fatal(err)
		}
		if e.CitizenEmail != "" || m.FromAddr != "" {
			t.Fatalf("citizen %q, message from %q: an address was guessed from %q", e.CitizenEmail, m.FromAddr, "Jens Hansen jens@example.dk mayor@kk.example")
		}
		if !strings.Contains(m.Body, "sender's address could not be read") {
			t.Errorf("thread text does not say the sender is unknown:\n%s", m.Body)
		}
		if _, err := env.svc.Reply(ctx, "UADV1", e.ID, "Hej", nil); affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
			t.Fatalf("reply without an address: %v, want EINVALID", err)
		}
		f, err := env.svc.ReplyForm(ctx, "UADV1", e.ID)
		if err != nil || !f.AskAddress || f.To != "" {
			t.Fatalf("reply form %+v, %v: want it to ask for the address", f, err)
		}
		if err := env.svc.SetCitizenAddress(ctx, "UADV1", e.ID, "mayor"); affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
			t.Errorf("set address %q: %v, want EINVALID", "mayor", err)
		}
		if err := env.svc.SetCitizenAddress(ctx, "UNOBODY", e.ID, "jens@example.dk"); err == nil {
			t.Errorf("a non-adviser set the address")
		}
		if err := env.svc.SetCitizenAddress(ctx, "UADV1", e.ID, "jens@example.dk"); err != nil {
			t.Fatal(err)
		}
		r, err := env.svc.Reply(ctx, "UADV1", e.ID, "Hej Jens", nil)
		if err != nil || r.ToAddr != "jens@example.dk" {
			t.Fatalf("reply after the address was typed: %+v, %v", r, err)
		}
		if err := env.svc.SetCitizenAddress(ctx, "UADV1", e.ID, "other@example.dk"); affaldsbot.ErrorCode(err) != affaldsbot.ECONFLICT {
			t.Errorf("replacing the address: %v, want ECONFLICT", err)
		}
	})
}

// Forged display names never give the reply address: only the angle address
// does, and an address the mail gave cannot be replaced from the modal.
func TestDisplayNameNeverGivesTheReplyAddress(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		env := newActEnv(t, db)
		for i, file := range []string{"hostile/from-encoded-crlf.eml", "hostile/from-encoded-victim.eml"} {
			m := intake(t, env.svc, db, uint32(i+1), realWorldMail(t, file))
			e, err := db.GetEnquiry(ctx, *m.EnquiryID)
			if err != nil {
				t.Fatal(err)
			}
			if e.CitizenEmail != "attacker@evil.test" {
				t.Errorf("%s: citizen %q, want the angle address attacker@evil.test", file, e.CitizenEmail)
			}
			if strings.ContainsAny(e.CitizenName, "\r\n") {
				t.Errorf("%s: citizen name %q holds a line break", file, e.CitizenName)
			}
			if err := env.svc.SetCitizenAddress(ctx, "UADV1", e.ID, "mayor@kk.example"); affaldsbot.ErrorCode(err) != affaldsbot.ECONFLICT {
				t.Errorf("%s: replacing the mail's address: %v, want ECONFLICT", file, err)
			}
		}
	})
}

// A mail that reuses an earlier mail's Message-ID with another text is a mail
// of its own and reaches Slack; only the same content is a duplicate, also
// when a server added trace fields on the way.
func TestSameMessageIDOtherTextIsNotADuplicate(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		mail := func(body string) []byte {
			return []byte("From: Anna <anna@example.dk>\r\nTo: " + ourAddress + "\r\nSubject: Glas\r\nMessage-ID: <same@example.dk>\r\n\r\n" + body + "\r\n")
		}
		first := intake(t, env.svc, db, 1, mail("Hvor afleverer jeg glas?"))
		env.jobs.Take()
		second := intake(t, env.svc, db, 2, mail("Og hvor afleverer jeg pap?"))
		if second.ID == first.ID || second.Body != "Og hvor afleverer jeg pap?" {
			t.Fatalf("second mail with the same Message-ID was not stored: last message %d %q", second.ID, second.Body)
		}
		if got := kinds(env.jobs.Take()); !contains(got, "sync_slack") {
			t.Errorf("jobs after the second mail %v: want it posted to Slack", got)
		}
		redelivered := append([]byte("Received: from mx2.example.dk by mx.kk.example; Mon, 23 Nov 2026 09:00:00 +0100\r\n"), mail("Og hvor afleverer jeg pap?")...)
		if again := intake(t, env.svc, db, 3, redelivered); again.ID != second.ID {
			t.Errorf("the same mail again (with a trace field added) was stored as message %d", again.ID)
		}
		if got := env.jobs.Take(); len(got) != 0 {
			t.Errorf("jobs after a duplicate: %v", kinds(got))
		}
	})
}

// A mail stored under the earlier dedupe key (mailbox and Message-ID only)
// is still known when the same bytes come again after an upgrade.
func TestDuplicateOfMailStoredUnderTheEarlierKey(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		env := newActEnv(t, db)
		raw := []byte("From: Anna <anna@example.dk>\r\nSubject: Glas\r\nMessage-ID: <old@example.dk>\r\n\r\nHvor afleverer jeg glas?\r\n")
		first := intake(t, env.svc, db, 1, raw)
		if _, err := db.DB.ExecContext(ctx, db.Rebind(`UPDATE messages SET dedupe_key = ? WHERE id = ?`), "INBOX|old@example.dk", first.ID); err != nil {
			t.Fatal(err)
		}
		if again := intake(t, env.svc, db, 2, raw); again.ID != first.ID {
			t.Errorf("the same bytes again were stored as message %d", again.ID)
		}
	})
}

// What cannot be read as sent gets a line in the thread: a damaged
// attachment, parts past the limit with their file names, a file kept
// elsewhere; an enclosed message is shown as a quoted mail with its files.
func TestIntakeTellsWhatWasNotRead(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		for i, tc := range []struct {
			raw  []byte
			want []string
		}{
			{realWorldMail(t, "hostile/invalid-base64.eml"), []string{"Billedet er vedhæftet.", "⚠️ spand.png could not be read in full: 2 invalid characters were skipped."}},
			{realWorldMail(t, "hostile/external-body.eml"), []string{"📎 The mail points to the file skur.pdf, kept elsewhere (url https://files.example.dk/skur.pdf)."}},
			{realWorldMail(t, "hostile/forwarded-rfc822.eml"), []string{"Se mailen nedenfor, jeg forstår den ikke.\n\n> ---------- Forwarded message ----------\n" +
				"> From: Renovation <noreply@renovation.example>\n> Date: 2026-11-23 08:00 +0100\n> Subject: Afhentning aflyst\n" +
				"> Attached: kvittering.pdf (9 B)\n>\n> Din afhentning af storskrald den 24. november er aflyst."}},
			{manyParts(600), []string{"⚠️ The mail has more than 500 parts; the last 101 were not read.", "Files not read: f499.txt, f500.txt"}},
		} {
			m := intake(t, env.svc, db, uint32(i+1), tc.raw)
			for _, w := range tc.want {
				if !strings.Contains(m.Body, w) {
					t.Errorf("mail %d: thread text\n%s\nlacks %q", i+1, m.Body, w)
				}
			}
		}
	})
}

// manyParts is a mail of one text part and n-1 small attachments.
func manyParts(n int) []byte {
	var b bytes.Buffer
	b.WriteString("From: Mange <mange@example.dk>\r\nSubject: Mange filer\r\nMessage-ID: <many@example.dk>\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n")
	b.WriteString("--m\r\nContent-Type: text/plain\r\n\r\nMange filer.\r\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "--m\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"f%03d.txt\"\r\n\r\n%d\r\n", i, i)
	}
	b.WriteString("--m--\r\n")
	return b.Bytes()
}

// A mail that could not be read in full is logged at warning level with the
// parser's reason, which names parts by number and never by the mail's own
// words; the mailbox is named once.
func TestIntakeLogsWhatCouldNotBeRead(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		var logs bytes.Buffer
		env.svc.Log = slog.New(slog.NewJSONHandler(&logs, nil))
		intake(t, env.svc, db, 1, realWorldMail(t, "hostile/invalid-base64.eml"))
		line := logs.String()
		for _, want := range []string{`"level":"WARN"`, `"warning":"part 3: 2 characters of base64 could not be decoded"`, `"notes":["damaged"]`} {
			if !strings.Contains(line, want) {
				t.Errorf("log %s lacks %s", line, want)
			}
		}
		for _, personal := range []string{"spand.png", "lise@example.dk", "Billedet"} {
			if strings.Contains(line, personal) {
				t.Errorf("log %s holds %q from the mail", line, personal)
			}
		}
		if n := strings.Count(line, `"mailbox"`); n != 1 {
			t.Errorf("log names the mailbox %d times: %s", n, line)
		}
	})
}

// A mail with no text is not a mail that could not be parsed.
func TestEmptyMailIsNotUnparsable(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		var unparsable, enquiries counter
		m := handlers.NopMetrics()
		m.MailUnparsable, m.MailEnquiries = &unparsable, &enquiries
		env.svc.Metrics = m
		intake(t, env.svc, db, 1, []byte("From: Per <per@example.dk>\r\nSubject: Tom\r\nMessage-ID: <empty@example.dk>\r\n\r\n"))
		if enquiries != 1 || unparsable != 0 {
			t.Errorf("enquiries %d, unparsable %d: want 1, 0", enquiries, unparsable)
		}
	})
}

type counter int

func (c *counter) Inc() { *c++ }

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
