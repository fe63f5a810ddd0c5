package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/csat"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	afmail "github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// TestRatingPagesAreServedOnTheHTTPListener: a link issued for a reply
// records its rating through the running program's HTTP listener.
func TestRatingPagesAreServedOnTheHTTPListener(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b := startBot(t, dialect, map[string]string{"PUBLIC_BASE_URL": "https://affald.example.dk/"})
			ctx := context.Background()
			e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicAndet,
				Subject: "Spørgsmål", CitizenEmail: "jens@example.dk", ReceivedAt: time.Now()}
			m := &affaldsbot.Message{MessageID: "r1@kk.example", FromAddr: "affald@kk.example", ToAddr: e.CitizenEmail, Body: "Svar", ReceivedAt: time.Now()}
			var link string
			err := b.DB.InTx(ctx, func(tx *storage.Tx) error {
				if err := tx.CreateEnquiry(ctx, e); err != nil {
					return err
				}
				m.EnquiryID = &e.ID
				if err := tx.InsertReply(ctx, m); err != nil {
					return err
				}
				links, err := b.Rating.Issue(ctx, tx, m.ID, e.ID, "da")
				if len(links) == 5 {
					link = links[0].URL
				}
				return err
			})
			if err != nil || !strings.HasPrefix(link, "https://affald.example.dk/tilfredshed/") {
				t.Fatalf("issued %q, %v", link, err)
			}
			u, _ := url.Parse(link)
			resp, err := http.Get("http://" + b.HTTPAddr() + u.Path)
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "Meget tilfreds (5 af 5)") {
				t.Errorf("GET %s = %d:\n%s", u.Path, resp.StatusCode, page)
			}
		})
	}
}

// TestRatingFromTheSentMailReachesTheThread: the reply the bot mails
// carries the rating links below the adviser's signature, in the reply's
// language; following one records the rating, which the enquiry's thread
// shows once and the root message shows as stars. A second click on the
// same link changes nothing and posts nothing.
func TestRatingFromTheSentMailReachesTheThread(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			smtp := smtptest.Start(t)
			b := startBot(t, dialect, map[string]string{"SLACK_ADVISERS": "UADV1", "SMTP_ADDR": smtp.Addr(), "SMTP_TLS": "none",
				"PUBLIC_BASE_URL": "https://affald.example.dk/"})
			root, text := b.replyAndReceive(t, smtp, "Hej Jens\n\nEn fedtet pizzabakke skal i restaffald.\n\nMed venlig hilsen\nAffaldsrådgivningen")
			sig := strings.Index(text, "Affaldsrådgivningen")
			ask := strings.Index(text, "Fik du svar på dit spørgsmål?")
			if sig < 0 || ask < sig {
				t.Fatalf("the question is not below the signature:\n%s", text)
			}
			link := footerLink(t, text, csat.Label("da", 4))
			for range 2 {
				if code, page := b.get(t, link); code != http.StatusOK || !strings.Contains(page, "Tilfreds (4 af 5)") {
					t.Fatalf("GET %s = %d:\n%s", link, code, page)
				}
			}
			b.slack.WaitFor(t, 8*time.Second, func() bool { return len(ratingPosts(b, root)) == 1 })
			b.slack.WaitFor(t, 8*time.Second, func() bool {
				return strings.Contains(string(b.slack.Roots(testChannel)[0].Blocks), "★★★★☆ Tilfreds (4/5)")
			})
			if got := ratingPosts(b, root); !strings.Contains(got[0].Text, "Tilfreds (4 af 5)") {
				t.Errorf("rating post %q", got[0].Text)
			}
			time.Sleep(300 * time.Millisecond) // a second post would come now
			if n := len(ratingPosts(b, root)); n != 1 {
				t.Errorf("%d rating posts after the same click twice; want 1", n)
			}
		})
	}
}

// TestNoRatingLinksWhenCSATIsOff: CSAT=off sends the reply as written.
func TestNoRatingLinksWhenCSATIsOff(t *testing.T) {
	smtp := smtptest.Start(t)
	b := startBot(t, storage.SQLite, map[string]string{"SLACK_ADVISERS": "UADV1", "SMTP_ADDR": smtp.Addr(), "SMTP_TLS": "none", "CSAT": "off"})
	_, text := b.replyAndReceive(t, smtp, "Hej Jens\n\nRestaffald.\n\nMed venlig hilsen\nAffaldsrådgivningen")
	if strings.Contains(text, "tilfredshed") || strings.Contains(text, "Fik du svar") {
		t.Errorf("CSAT=off, yet the mail has rating links:\n%s", text)
	}
}

// replyAndReceive delivers a citizen's mail, replies to it as UADV1, and
// returns the root message and the text of the mail the SMTP server got.
func (b *testBot) replyAndReceive(t *testing.T, smtp *smtptest.Server, body string) (slacktest.Message, string) {
	t.Helper()
	b.deliver(t, citizenMail("pizza-1@example.dk", "Pizzabakke", "Hvor skal en fedtet pizzabakke hen?"))
	b.slack.WaitFor(t, 8*time.Second, func() bool { return len(b.slack.Roots(testChannel)) == 1 })
	if _, err := b.Service.Reply(context.Background(), "UADV1", 1, body, handlers.ViewOrigin("VRATE1")); err != nil {
		t.Fatal(err)
	}
	if state := b.replyState(t, 1); state != storage.SendSent {
		t.Fatalf("reply %s", state)
	}
	mails := smtp.Mails()
	if len(mails) != 1 {
		t.Fatalf("%d mails sent", len(mails))
	}
	p := afmail.Parse(mails[0].Data, 0)
	return b.slack.Roots(testChannel)[0], p.Text + p.Quoted
}

// footerLink is the link under label in a mail's rating footer.
func footerLink(t *testing.T, text, label string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(label) + `:\n(http\S+)$`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no %q link in the mail:\n%s", label, text)
	}
	return m[1]
}

// get fetches a link's path from the program's HTTP listener.
func (b *testBot) get(t *testing.T, link string) (int, string) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + b.HTTPAddr() + u.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(page)
}

// ratingPosts are the rating posts in the root's thread.
func ratingPosts(b *testBot, root slacktest.Message) []slacktest.Message {
	var out []slacktest.Message
	for _, m := range b.slack.Thread(testChannel, root.TS) {
		if m.Metadata != nil && m.Metadata.EventType == bot.RatingMetadataType {
			out = append(out, m)
		}
	}
	return out
}
