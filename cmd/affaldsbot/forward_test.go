package main

// Forwarding at the Slack boundary, against the real program on SQLite and
// PostgreSQL: the signed view_submission of the forward modal delivered
// twice at once and again after a restart sends one forward and one notice.

import (
	"encoding/json"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

const testDestinations = "Borgerservice <borgerservice@example.org>; Parkering <parkering@example.org>"

// forwardSubmission is the forward modal's submission (view) by user.
func forwardSubmission(view, user string, id int64, dest, note string) string {
	p := map[string]any{"type": "view_submission", "user": map[string]any{"id": user},
		"view": map[string]any{"id": view, "hash": "1700000000.fwd", "callback_id": bot.ForwardModalCallbackID, "private_metadata": "1",
			"state": map[string]any{"values": map[string]any{
				bot.ForwardToBlockID:   map[string]any{bot.ForwardToActionID: map[string]any{"type": "static_select", "selected_option": map[string]any{"value": dest}}},
				bot.ForwardNoteBlockID: map[string]any{bot.ForwardNoteActionID: map[string]any{"type": "plain_text_input", "value": note}}}}}}
	return "payload=" + url.QueryEscape(mustMarshal(p))
}

func startForwarding(t *testing.T, dialect string) (*testBot, *smtptest.Server) {
	t.Helper()
	smtp := smtptest.Start(t)
	b := startBot(t, dialect, map[string]string{"SLACK_ADVISERS": "UADV1", "SLACK_LEADS": "ULEAD", "SMTP_ADDR": smtp.Addr(), "SMTP_TLS": "none",
		"FORWARD_DESTINATIONS": testDestinations})
	b.deliver(t, citizenMail("fwd-"+dialect+"@example.dk", "Beboerlicens", "Hej, hvordan får jeg en beboerlicens til parkering? Mvh Jens"))
	pollUntil(t, 8*time.Second, func() bool { return len(b.slack.Roots(testChannel)) == 1 && b.allPosted(t) })
	return b, smtp
}

func TestForwardSubmittedTwiceAndAfterARestartSendsOnce(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b, smtp := startForwarding(t, dialect)
			body := forwardSubmission("V0FWD", "UADV1", 1, "parkering", "Spørger om beboerlicens.")
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() {
					if got := b.slackPost(t, body, "application/x-www-form-urlencoded", time.Now(), secSlackSecret); got != 200 {
						t.Errorf("status %d", got)
					}
				})
			}
			wg.Wait()
			b.Receiver.Wait()
			pollUntil(t, 15*time.Second, func() bool {
				return len(smtp.Mails()) >= 2 && b.count(t, `SELECT COUNT(*) FROM forwards WHERE state = 'sent'`) == 1
			})
			b = b.restart(t)
			if got := b.slackPost(t, body, "application/x-www-form-urlencoded", time.Now(), secSlackSecret); got != 200 {
				t.Fatalf("status after the restart %d", got)
			}
			b.Receiver.Wait()
			time.Sleep(time.Second) // time for a forward that should not come
			to := map[string]int{}
			for _, m := range smtp.Mails() {
				to[strings.Join(m.To, ",")]++
			}
			if len(smtp.Mails()) != 2 || to["parkering@example.org"] != 1 || to["jens@example.dk"] != 1 {
				t.Errorf("mails by recipient %v, want one forward to parkering@example.org and one notice to jens@example.dk", to)
			}
			if n := b.count(t, `SELECT COUNT(*) FROM forwards`); n != 1 {
				t.Errorf("%d forwards recorded, want 1", n)
			}
			pollUntil(t, 8*time.Second, func() bool {
				return strings.Contains(string(b.slack.Roots(testChannel)[0].Blocks), "Videresendt til Parkering")
			})
		})
	}
}

func TestForwardRefusedToSomeoneWhoIsNotAnAdviser(t *testing.T) {
	b, smtp := startForwarding(t, storagetest.Dialects[0])
	body := forwardSubmission("V0NOPE", "UOUTSIDER", 1, "parkering", "")
	if got := b.slackPost(t, body, "application/x-www-form-urlencoded", time.Now(), secSlackSecret); got != 200 {
		t.Fatalf("status %d", got)
	}
	b.Receiver.Wait()
	time.Sleep(500 * time.Millisecond)
	if n := b.count(t, `SELECT COUNT(*) FROM forwards`); n != 0 || len(smtp.Mails()) != 0 {
		t.Errorf("%d forwards, %d mails after a non-adviser's submission; want none", n, len(smtp.Mails()))
	}
	b.slashCommand(t, "UOUTSIDER", "videresend 1")
	if n := len(b.slack.Views()); n != 0 {
		t.Errorf("%d views opened for a non-adviser", n)
	}
}

func TestForwardCommandOpensTheModalWithTheDestinations(t *testing.T) {
	b, _ := startForwarding(t, storagetest.Dialects[0])
	b.slashCommand(t, "UADV1", "videresend 1")
	views := b.slack.Views()
	if len(views) != 1 || views[0].CallbackID != bot.ForwardModalCallbackID || views[0].PrivateMetadata != "1" {
		t.Fatalf("views %+v, want the forward modal of #1", views)
	}
	var blocks []map[string]any
	if err := json.Unmarshal(views[0].Blocks, &blocks); err != nil {
		t.Fatal(err)
	}
	if s := string(views[0].Blocks); !strings.Contains(s, `"value":"borgerservice"`) || !strings.Contains(s, `"value":"parkering"`) {
		t.Errorf("the modal does not offer both destinations: %s", s)
	}
}
