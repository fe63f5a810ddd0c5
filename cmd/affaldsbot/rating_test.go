package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
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
