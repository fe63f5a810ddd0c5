package main

// Who may use `/affald`, against the real program, on SQLite and PostgreSQL.
// docs/slack.md "An action by someone who is not in SLACK_ADVISERS (or
// SLACK_LEADS for lead-only actions) is refused with an ephemeral message and
// changes nothing", with §4.6's lead-only figures:
//   - TestSecurityLeadOnlyStats: an adviser's `stats … eksport` is refused
//     (no file, no CSV, no audit entry) and the figures an adviser sees carry
//     no per-adviser lines, while a lead's do.
//   - TestSecurityNonAdviserCommands: every `/affald` word by someone outside
//     SLACK_ADVISERS and SLACK_LEADS is refused, shows no enquiry and changes
//     nothing; `hjælp` (and an unknown word, which answers with the help)
//     explains the commands and shows no enquiry either.
// `gdpr` is a command-line command only; it has no Slack surface.

import (
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// claimedEnquiry delivers a mail and has UADV1 claim it, so that the figures
// per adviser name UADV1.
func claimedEnquiry(t *testing.T, b *testBot) {
	t.Helper()
	b.deliver(t, citizenMail("lead-1@example.dk", "Storskrald i gården", "Hvornår henter I sofaer?"))
	pollUntil(t, 8*time.Second, func() bool { return len(b.slack.Roots(testChannel)) == 1 && b.allPosted(t) })
	root := b.slack.Roots(testChannel)[0]
	if got := b.slackPost(t, click("UADV1", bot.ActionClaim, "1", root.TS), "application/x-www-form-urlencoded", time.Now(), secSlackSecret); got != 200 {
		t.Fatalf("claim: status %d", got)
	}
	b.Receiver.Wait()
	pollUntil(t, 8*time.Second, func() bool { return b.count(t, `SELECT COUNT(*) FROM enquiries WHERE holder = 'UADV1'`) == 1 })
}

// newFor is what user can see that was posted after the first skip messages
// of the channel: the channel's new messages, their DM and their ephemerals.
func (b *testBot) newFor(t *testing.T, user string, skip int) string {
	t.Helper()
	msgs := append(b.slack.Messages(testChannel)[skip:], b.slack.Messages(user)...)
	for _, e := range b.ephemeralsTo(user) {
		msgs = append(msgs, slacktest.Message{Text: e.Text, Blocks: e.Blocks})
	}
	return postedMessages(t, msgs)
}

func (b *testBot) ephemeralsTo(user string) []slacktest.Ephemeral {
	var out []slacktest.Ephemeral
	for _, e := range b.slack.Ephemerals() {
		if e.User == user {
			out = append(out, e)
		}
	}
	return out
}

func TestSecurityLeadOnlyStats(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b := startSecurityBot(t, dialect, nil)
			claimedEnquiry(t, b)
			t.Run("adviser export refused", func(t *testing.T) {
				files := len(b.slack.Files())
				b.slashCommand(t, "UADV2", "stats i år eksport")
				eph := b.ephemeralsTo("UADV2")
				if len(eph) != 1 || !strings.Contains(eph[0].Text, "SLACK_LEADS") {
					t.Errorf("adviser's export answered with %+v, want one refusal", eph)
				}
				for _, f := range b.slack.Files()[files:] {
					t.Errorf("file %q uploaded for an adviser's export", f.Name)
				}
				if n := b.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'stats_export'`); n != 0 {
					t.Errorf("%d exports recorded", n)
				}
			})
			t.Run("adviser sees no per-adviser figures", func(t *testing.T) {
				skip := len(b.slack.Messages(testChannel))
				b.slashCommand(t, "UADV2", "stats i år")
				for _, f := range b.slack.Files() {
					if strings.HasSuffix(f.Name, ".csv") {
						t.Errorf("CSV %q uploaded for an adviser", f.Name)
					}
				}
				if len(b.slack.Messages(testChannel)) == skip {
					t.Fatal("no statistics posted for an adviser")
				}
				if seen := b.newFor(t, "UADV2", skip); strings.Contains(seen, "UADV1") {
					t.Errorf("an adviser sees the figures per adviser, or no stats at all: %s", seen)
				}
			})
			t.Run("lead sees them", func(t *testing.T) {
				b.slashCommand(t, "ULEAD", "stats i år")
				if seen := postedMessages(t, b.slack.Messages("ULEAD")); !strings.Contains(seen, "UADV1 1 / 0") {
					t.Errorf("the lead's figures do not name UADV1: %s", seen)
				}
			})
		})
	}
}

func postedMessages(t *testing.T, msgs []slacktest.Message) string {
	t.Helper()
	var out []string
	for _, m := range msgs {
		out = append(out, postedText(t, m))
	}
	return strings.Join(out, "\n")
}

func TestSecurityNonAdviserCommands(t *testing.T) {
	refused := func(text string) bool { // the adviser refusal, or the export refusal for a lead-only word
		return text == locale.NewPrinter(locale.Danish).Printf("not_adviser") || strings.Contains(text, "SLACK_LEADS")
	}
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b := startSecurityBot(t, dialect, nil)
			claimedEnquiry(t, b)
			events, messages, files := b.eventCount(t), b.count(t, `SELECT COUNT(*) FROM messages`), len(b.slack.Files())
			posted := len(b.slack.Messages(testChannel))
			words := []string{"mine", "åbne", "open", "find Storskrald", "søg sofaer", "stats", "statistik i år",
				"stats i år eksport", "stats sidste måned export"}
			for _, w := range words {
				n := len(b.ephemeralsTo("UOUT"))
				b.slashCommand(t, "UOUT", w)
				eph := b.ephemeralsTo("UOUT")[n:]
				if len(eph) != 1 || !refused(eph[0].Text) {
					t.Errorf("/affald %s by a non-adviser answered %+v, want the refusal", w, eph)
				}
			}
			for _, w := range []string{"", "hjælp", "help", "claim 1"} {
				b.slashCommand(t, "UOUT", w)
			}
			if seen := b.newFor(t, "UOUT", posted); strings.Contains(seen, "Storskrald") || strings.Contains(seen, "#1") {
				t.Errorf("a non-adviser was shown an enquiry: %s", seen)
			}
			if n := len(b.slack.Messages(testChannel)); n != posted {
				t.Errorf("%d messages posted for a non-adviser", n-posted)
			}
			if len(b.slack.Files()) != files || len(b.slack.Messages("UOUT")) != 0 {
				t.Errorf("files or direct messages sent to a non-adviser")
			}
			if b.eventCount(t) != events || b.count(t, `SELECT COUNT(*) FROM messages`) != messages ||
				b.count(t, `SELECT COUNT(*) FROM audit_log`) != 0 {
				t.Errorf("a non-adviser's commands changed the database")
			}
		})
	}
}

// TestSecurityLeadDoesNotAct: docs/settings.md gives claiming, replying and closing
// to SLACK_ADVISERS. The lead's button presses and `svar:` are refused with an
// ephemeral message in Danish (BOT_LANG=da) and change nothing.
func TestSecurityLeadDoesNotAct(t *testing.T) {
	refusal := locale.NewPrinter(locale.Danish).Printf("not_adviser")
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b, smtp, root := startWithEnquiry(t, dialect)
			events := b.eventCount(t)
			form := "application/x-www-form-urlencoded"
			for _, action := range []string{bot.ActionClaim, bot.ActionClose, bot.ActionReply} {
				b.slackPost(t, click("ULEAD", action, "1", root.TS), form, time.Now(), secSlackSecret)
			}
			b.slackPost(t, threadMessage("EvLead1", "ULEAD", root.TS, "1900000000.000300", "svar: Hej fra lederen"), "application/json", time.Now(), secSlackSecret)
			b.slackPost(t, replySubmission("VLEAD", "ULEAD", 1, "Hej fra lederen"), form, time.Now(), secSlackSecret)
			b.Receiver.Wait()
			eph := b.ephemeralsTo("ULEAD")
			if len(eph) != 5 {
				t.Errorf("%d refusals for the lead's five actions: %+v", len(eph), eph)
			}
			for _, e := range eph {
				if !strings.HasPrefix(e.Text, refusal) {
					t.Errorf("the lead was told %q, want %q", e.Text, refusal)
				}
			}
			if b.eventCount(t) != events || len(smtp.Mails()) != 0 || len(b.slack.Views()) != 0 {
				t.Errorf("the lead's actions changed something: %d events, %d mails, %d views", b.eventCount(t)-events, len(smtp.Mails()), len(b.slack.Views()))
			}
		})
	}
}
