package main

// Exactly once at the Slack boundary, against the real program on SQLite and
// PostgreSQL (docs/never.md "The same Slack input acted on twice … after a restart
// or on another replica too"):
//   - TestReplySubmittedFiveTimesAtOnce posts one signed view_submission five
//     times in parallel: one mail.
//   - TestSvarReplayedAfterRestart posts a `svar:` event, restarts the
//     program (nothing in memory survives) and posts the same event again,
//     as Slack retries onto a fresh process: one mail.

import (
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// onlyMails waits until want mails were sent and every reply is settled,
// then a while longer for a mail that should not come, and checks the count.
func (b *testBot) onlyMails(t *testing.T, smtp *smtptest.Server, want int) {
	t.Helper()
	pollUntil(t, 15*time.Second, func() bool {
		return len(smtp.Mails()) >= want &&
			b.count(t, `SELECT COUNT(*) FROM messages WHERE kind = 'outbound' AND send_state <> ?`, storage.SendSent) == 0
	})
	time.Sleep(500 * time.Millisecond)
	if n := len(smtp.Mails()); n != want {
		t.Errorf("%d mails sent, want %d", n, want)
	}
	if n := b.count(t, `SELECT COUNT(*) FROM messages WHERE kind = 'outbound'`); n != want {
		t.Errorf("%d replies recorded, want %d", n, want)
	}
}

// startWithEnquiry starts the program with SMTP and one citizen's mail, and
// waits for its root message.
func startWithEnquiry(t *testing.T, dialect string) (*testBot, *smtptest.Server, slacktest.Message) {
	t.Helper()
	smtp := smtptest.Start(t)
	b := startSecurityBot(t, dialect, smtp)
	b.deliver(t, citizenMail("once-"+dialect+"@example.dk", "Storskrald", "Hvornår henter I sofaer?"))
	pollUntil(t, 8*time.Second, func() bool { return len(b.slack.Roots(testChannel)) == 1 && b.allPosted(t) })
	return b, smtp, b.slack.Roots(testChannel)[0]
}

func TestReplySubmittedFiveTimesAtOnce(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b, smtp, _ := startWithEnquiry(t, dialect)
			body := replySubmission("V0FIVE", "UADV1", 1, "Vi henter sofaen torsdag.")
			var wg sync.WaitGroup
			for range 5 {
				wg.Go(func() {
					if got := b.slackPost(t, body, "application/x-www-form-urlencoded", time.Now(), secSlackSecret); got != 200 {
						t.Errorf("status %d", got)
					}
				})
			}
			wg.Wait()
			b.Receiver.Wait()
			b.onlyMails(t, smtp, 1)
			assertOnlyToCitizen(t, smtp.Mails()[0])
		})
	}
}

func TestSvarReplayedAfterRestart(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b, smtp, root := startWithEnquiry(t, dialect)
			ev := threadMessage("EvReplay1", "UADV1", root.TS, "1900000000.000100", "svar: Vi henter sofaen torsdag.")
			if got := b.slackPost(t, ev, "application/json", time.Now(), secSlackSecret); got != 200 {
				t.Fatalf("status %d", got)
			}
			b.Receiver.Wait()
			b.onlyMails(t, smtp, 1)

			b = b.restart(t)
			if got := b.slackPost(t, ev, "application/json", time.Now(), secSlackSecret); got != 200 {
				t.Fatalf("status after the restart %d", got)
			}
			// Slack may also send the same message under another event (a retry
			// that lost its ID, an app_mention of it): the message itself is the key.
			again := threadMessage("EvReplay2", "UADV1", root.TS, "1900000000.000100", "svar: Vi henter sofaen torsdag.")
			if got := b.slackPost(t, again, "application/json", time.Now(), secSlackSecret); got != 200 {
				t.Fatalf("status %d", got)
			}
			b.Receiver.Wait()
			b.onlyMails(t, smtp, 1)
		})
	}
}
