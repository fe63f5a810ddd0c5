package main

// docs/never.md: "An erased value still readable anywhere the bot writes:
// database files and WAL, the shared mailbox's folders that the bot uses,
// the chat, logs." TestErasureLeavesNothingReadable runs the real program
// through a citizen's whole conversation, erases the citizen and then looks
// for every value of theirs in the database's files (WAL included), in every
// folder of the shared mailbox, in everything the fake Slack holds and, by
// TestMain, in the log.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// karl's values: every one must be gone after the erasure.
var karlValues = []string{"karl.nielsen@example.dk", "Karl Nielsen", "Nielsen", "Nørrebrogade", "020285-4321",
	"23 45 67 89", "plyssofa", "KVITTERING-7731"}

const karlMail = "From: Karl Nielsen <karl.nielsen@example.dk>\nTo: affald@kk.example\nSubject: Plyssofa fra Nørrebrogade\n" +
	"Message-ID: <karl-1@example.dk>\nDate: Thu, 26 Nov 2026 09:14:03 +0100\nMIME-Version: 1.0\n" +
	"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n" +
	"Hej, kan I hente min gamle plyssofa? Jeg bor på Nørrebrogade 12, 2. th., 2200 København N.\n" +
	"Mit CPR-nummer er 020285-4321, ring på 23 45 67 89.\nMvh Karl Nielsen\n" +
	"--b\nContent-Type: text/plain; charset=utf-8\nContent-Disposition: attachment; filename=kvittering.txt\n\n" +
	"KVITTERING-7731\n--b--\n"

const annaMailE2E = "From: Anna Berg <anna.berg@example.dk>\nTo: affald@kk.example\nSubject: Glas\n" +
	"Message-ID: <anna-1@example.dk>\nDate: Thu, 26 Nov 2026 10:00:00 +0100\n\nHvor skal glas hen?\n"

var erasedFolders = []string{"INBOX", "Done", "Sent"}

func TestErasureLeavesNothingReadable(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			smtp := smtptest.Start(t)
			b := startBot(t, dialect, map[string]string{"SLACK_ADVISERS": "UADV1", "SLACK_LEADS": "ULEAD",
				"SMTP_ADDR": smtp.Addr(), "SMTP_TLS": "none", "IMAP_DONE_MAILBOX": "Done"})
			id := karlsConversation(t, b)
			for where, found := range map[string][]string{"database": storagetest.FileTraces(t, b.DB, karlValues),
				"mailbox": mailboxValues(t, b, karlValues), "slack": slackValues(t, b.slack, karlValues)} {
				if len(found) == 0 {
					t.Fatalf("the %s holds none of Karl's values before the erasure: the check cannot fail", where)
				}
			}

			b.DB.SetScrubWait(5 * time.Second)
			n, err := b.Service.EraseCitizen(context.Background(), "cli:test", handlers.Citizen{Email: "karl.nielsen@example.dk"})
			scrubbed := storagetest.Scrubbed(t, b.DB, err)
			if n.Enquiries != 1 {
				t.Fatalf("erased %v, want Karl's one enquiry", n)
			}
			var left []string
			for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				if left = append(mailboxValues(t, b, karlValues), slackValues(t, b.slack, karlValues)...); len(left) == 0 {
					break
				}
			}
			if scrubbed {
				left = append(left, storagetest.FileTraces(t, b.DB, karlValues)...)
			}
			for _, f := range left {
				t.Errorf("readable after the erasure: %s", f)
			}
			if kept := mailboxValues(t, b, []string{"Hvor skal glas hen"}); len(kept) != 1 {
				t.Errorf("Anna's mail: %q, want it kept", kept)
			}
			audit := b.count(t, `SELECT COUNT(*) FROM audit_log WHERE action IN ('gdpr.erase', 'mailbox.erase', 'slack.erase')`)
			if audit != 3 {
				t.Errorf("%d audit entries for the erasure, want gdpr.erase, mailbox.erase and slack.erase", audit)
			}
			if root := b.slack.Roots(testChannel); len(root) != 2 || len(b.slack.Thread(testChannel, rootOf(t, b, id))) != 1 {
				t.Errorf("after the erasure Karl's thread should hold its root alone")
			}
		})
	}
}

// karlsConversation delivers Karl's mail (and Anna's), lets the adviser open
// the App Home and reply, and waits until everything has reached Slack, the
// Done folder and the Sent folder. It returns Karl's enquiry.
func karlsConversation(t *testing.T, b *testBot) int64 {
	t.Helper()
	b.deliver(t, karlMail)
	b.deliver(t, annaMailE2E)
	b.slack.WaitFor(t, 20*time.Second, func() bool { return len(b.slack.Roots(testChannel)) == 2 && len(b.slack.Files()) == 1 })
	var id int64
	if err := b.DB.Get(&id, `SELECT id FROM enquiries WHERE citizen_name = 'Karl Nielsen'`); err != nil {
		t.Fatal(err)
	}
	home := mustMarshal(map[string]any{"type": "event_callback", "event_id": "Ev-home-1", "team_id": "T1",
		"event": map[string]any{"type": "app_home_opened", "user": "UADV1", "channel": "D1", "tab": "home"}})
	if got := b.slackPost(t, home, "application/json", time.Now(), secSlackSecret); got != 200 {
		t.Fatalf("app_home_opened: %d", got)
	}
	reply := "Kære Karl Nielsen, vi henter plyssofaen på Nørrebrogade 12 på mandag."
	if got := b.slackPost(t, replySubmission("VKARL1", "UADV1", id, reply), "application/x-www-form-urlencoded", time.Now(), secSlackSecret); got != 200 {
		t.Fatalf("reply submission: %d", got)
	}
	if state := b.replyState(t, id); state != storage.SendSent {
		t.Fatalf("reply %s", state)
	}
	pollUntil(t, 20*time.Second, func() bool {
		sent, _ := b.imap.Messages("Sent")
		done, _ := b.imap.Messages("Done")
		return len(sent) == 1 && len(done) == 2 && strings.Contains(homeText(b.slack, "UADV1"), "Plyssofa") && b.allPosted(t)
	})
	return id
}

func rootOf(t *testing.T, b *testBot, id int64) string {
	t.Helper()
	var ts string
	if err := b.DB.Get(&ts, b.DB.Rebind(`SELECT root_ts FROM slack_refs WHERE enquiry_id = ?`), id); err != nil {
		t.Fatal(err)
	}
	return ts
}

// mailboxValues lists the values the shared mailbox's folders hold.
func mailboxValues(t *testing.T, b *testBot, values []string) []string {
	t.Helper()
	var found []string
	for _, f := range erasedFolders {
		msgs, err := b.imap.Messages(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			found = append(found, containsAny(fmt.Sprintf("%s uid %d", f, m.UID), string(m.Raw), values)...)
		}
	}
	return found
}

// slackValues lists the values the fake Slack holds: messages with their
// blocks and files, uploaded files, and every view.
func slackValues(t *testing.T, srv *slacktest.Server, values []string) []string {
	t.Helper()
	var found []string
	for _, m := range srv.Messages(testChannel) {
		found = append(found, containsAny("message "+m.TS, postedText(t, m), values)...)
		for _, f := range m.Files {
			found = append(found, containsAny("file share "+f.ID, f.Name+" "+f.Title, values)...)
		}
	}
	for _, f := range srv.Files() {
		found = append(found, containsAny("file "+f.ID, f.Name+" "+f.Title+" "+f.InitialComment+" "+string(f.Content), values)...)
	}
	for _, v := range srv.Views() {
		found = append(found, containsAny("view of "+v.UserID, string(v.JSON), values)...)
	}
	return found
}

func homeText(srv *slacktest.Server, user string) string {
	for _, v := range srv.Views() {
		if v.Type == "home" && v.UserID == user {
			return string(v.JSON)
		}
	}
	return ""
}

func containsAny(where, text string, values []string) []string {
	var out []string
	lower := strings.ToLower(text)
	for _, v := range values {
		if strings.Contains(lower, strings.ToLower(v)) {
			out = append(out, where+": "+v)
		}
	}
	return out
}
