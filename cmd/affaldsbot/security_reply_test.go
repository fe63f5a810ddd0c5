package main

// SMTP header injection against the real program, on SQLite and PostgreSQL.
// docs/never.md item covered: "A reply sent … to anyone but the enquiry's citizen".
// TestSecurityReplyHeaderInjection sends CRLF-laden text through every field
// that reaches a reply: the reply modal's body, a `svar:` thread message, and
// an enquiry row whose subject or citizen address carries a header of its own
// (as a hostile database row would). Each reply is either sent to the
// citizen's one address with a clean header, or refused and shown as failed.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

const injected = "\r\nBcc: evil@example.com\r\nCc: evil2@example.com\r\nTo: evil3@example.com\r\n"

// replySubmission is the submission of the reply modal view (its ID) by user.
func replySubmission(view, user string, id int64, text string) string {
	p := map[string]any{"type": "view_submission", "user": map[string]any{"id": user},
		"view": map[string]any{"id": view, "hash": "1700000000.abc", "callback_id": bot.ReplyModalCallbackID, "private_metadata": fmt.Sprint(id),
			"state": map[string]any{"values": map[string]any{bot.ReplyBodyBlockID: map[string]any{bot.ReplyBodyActionID: map[string]any{"type": "plain_text_input", "value": text}}}}}}
	return "payload=" + url.QueryEscape(mustMarshal(p))
}

func threadMessage(eventID, user, threadTS, ts, text string) string {
	return mustMarshal(map[string]any{"type": "event_callback", "event_id": eventID, "team_id": "T1",
		"event": map[string]any{"type": "message", "user": user, "text": text, "ts": ts, "thread_ts": threadTS, "channel": testChannel, "channel_type": "channel"}})
}

// hostileEnquiry stores an enquiry as a tampered database row would hold it,
// and has its root message posted.
func hostileEnquiry(t *testing.T, b *testBot, subject, email string) int64 {
	t.Helper()
	e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Subject: subject,
		CitizenName: "Jens Hansen", CitizenEmail: email, ReceivedAt: time.Now()}
	err := b.DB.InTx(context.Background(), func(tx *storage.Tx) error {
		if err := tx.CreateEnquiry(context.Background(), e); err != nil {
			return err
		}
		tx.Enqueue(handlers.SyncSlackArgs{EnquiryID: e.ID})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pollUntil(t, 8*time.Second, func() bool {
		return b.count(t, `SELECT COUNT(*) FROM slack_refs WHERE enquiry_id = ? AND root_ts <> ''`, e.ID) == 1
	})
	return e.ID
}

// replyState waits until the enquiry's one reply is sent or failed.
func (b *testBot) replyState(t *testing.T, id int64) string {
	t.Helper()
	var state string
	pollUntil(t, 8*time.Second, func() bool {
		b.DB.Get(&state, b.DB.Rebind(`SELECT send_state FROM messages WHERE enquiry_id = ? AND kind = 'outbound'`), id)
		return state == storage.SendSent || state == storage.SendFailed
	})
	return state
}

// assertOnlyToCitizen checks a captured mail: one recipient, the citizen, and
// no header line that adds or changes a recipient.
func assertOnlyToCitizen(t *testing.T, m smtptest.Mail) {
	t.Helper()
	if len(m.To) != 1 || !strings.EqualFold(m.To[0], secCitizen) {
		t.Errorf("mail sent to %v, want only %s", m.To, secCitizen)
	}
	header, _, _ := bytes.Cut(m.Data, []byte("\r\n\r\n"))
	tos := 0
	for _, line := range strings.Split(string(header), "\r\n") {
		name, _, _ := strings.Cut(strings.ToLower(line), ":")
		switch name {
		case "bcc", "cc", "resent-to", "resent-cc", "resent-bcc":
			t.Errorf("header line %q", line)
		case "to":
			if tos++; !strings.Contains(line, secCitizen) || tos > 1 {
				t.Errorf("header line %q", line)
			}
		}
	}
}

func mustMarshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestSecurityReplyHeaderInjection(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			smtp := smtptest.Start(t)
			b := startSecurityBot(t, dialect, smtp)
			b.deliver(t, citizenMail("inj-1@example.dk", "Storskrald", "Hvornår henter I sofaer?"))
			b.slack.WaitFor(t, 8*time.Second, func() bool { return len(b.slack.Roots(testChannel)) == 1 })
			root := b.slack.Roots(testChannel)[0]
			form := "application/x-www-form-urlencoded"

			t.Run("reply modal body", func(t *testing.T) {
				if got := b.slackPost(t, replySubmission("VINJ1", "UADV1", 1, "Hej Jens"+injected+"\r\nVenlig hilsen"), form, time.Now(), secSlackSecret); got != 200 {
					t.Fatalf("status %d", got)
				}
				b.Receiver.Wait()
				b.assertSentOnlyToCitizen(t, smtp, 1)
			})
			t.Run("svar: thread message", func(t *testing.T) {
				ev := threadMessage("EvInj1", "UADV1", root.TS, "1900000000.000100", "svar: Hej igen"+injected+"Mvh")
				if got := b.slackPost(t, ev, "application/json", time.Now(), secSlackSecret); got != 200 {
					t.Fatalf("status %d", got)
				}
				b.Receiver.Wait()
				b.assertSentOnlyToCitizen(t, smtp, 2)
			})
			for _, row := range []struct{ name, subject, email string }{
				{"stored subject", "Sofa" + injected, secCitizen},
				{"stored address", "Sofa", secCitizen + injected},
				{"stored address list", "Sofa", secCitizen + ", evil@example.com"},
			} {
				t.Run(row.name, func(t *testing.T) {
					id := hostileEnquiry(t, b, row.subject, row.email)
					sent := len(smtp.Mails())
					if got := b.slackPost(t, replySubmission("VROW"+strconv.FormatInt(id, 10), "UADV1", id, "Hej"), form, time.Now(), secSlackSecret); got != 200 {
						t.Fatalf("status %d", got)
					}
					b.Receiver.Wait()
					state := b.replyState(t, id)
					t.Logf("reply %s", state)
					switch state {
					case storage.SendSent:
						b.assertSentOnlyToCitizen(t, smtp, sent+1)
					default:
						if n := len(smtp.Mails()); n != sent {
							t.Errorf("a refused reply still sent %d mails", n-sent)
						}
						b.assertFailureShown(t, id)
					}
				})
			}
		})
	}
}

// assertSentOnlyToCitizen waits for the n-th mail and checks every mail so far.
func (b *testBot) assertSentOnlyToCitizen(t *testing.T, smtp *smtptest.Server, n int) {
	t.Helper()
	pollUntil(t, 8*time.Second, func() bool { return len(smtp.Mails()) >= n })
	mails := smtp.Mails()
	if len(mails) != n {
		t.Fatalf("%d mails sent, want %d", len(mails), n)
	}
	for _, m := range mails {
		assertOnlyToCitizen(t, m)
	}
}

// assertFailureShown checks that the refused reply is shown in the enquiry's
// thread (a post after the root).
func (b *testBot) assertFailureShown(t *testing.T, id int64) {
	t.Helper()
	ref, ok, err := b.DB.SlackRef(context.Background(), id)
	if err != nil || !ok {
		t.Fatalf("no root for enquiry %d: %v", id, err)
	}
	b.slack.WaitFor(t, 8*time.Second, func() bool { return len(b.slack.Thread(ref.Channel, ref.RootTS)) >= 2 })
}
