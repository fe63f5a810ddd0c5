package csat_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/csat"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

var t0 = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

// world is a database with one enquiry and a reply that carries rating
// links, and the rating pages served over HTTP.
type world struct {
	t     *testing.T
	db    *storage.DB
	svc   *csat.Service
	srv   *httptest.Server
	e     *affaldsbot.Enquiry
	reply int64
	links []csat.Link
	rated []csat.Rated
	now   time.Time
}

func newWorld(t *testing.T, db *storage.DB, lang string) *world {
	t.Helper()
	w := &world{t: t, db: db, now: t0}
	db.SetClock(func() time.Time { return w.now })
	opts := csat.Options{TokenTTL: 60 * 24 * time.Hour, AccessibilityURL: "https://was.example.dk/kk",
		OnRated: func(_ context.Context, _ *storage.Tx, r csat.Rated) error { w.rated = append(w.rated, r); return nil }}
	w.srv = httptest.NewUnstartedServer(nil)
	opts.BaseURL = "http://" + w.srv.Listener.Addr().String()
	w.svc = csat.New(db, opts)
	w.srv.Config.Handler = w.svc.Handler()
	w.srv.Start()
	t.Cleanup(w.srv.Close)
	w.e, w.reply = newReply(t, db)
	w.links = w.issue(w.reply, w.e.ID, lang)
	return w
}

func newReply(t *testing.T, db *storage.DB) (*affaldsbot.Enquiry, int64) {
	t.Helper()
	ctx := context.Background()
	e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicSortering,
		Subject: "Pizzabakker", CitizenName: "Jens Hansen", CitizenEmail: "jens@example.dk", ReceivedAt: t0}
	m := &affaldsbot.Message{Kind: affaldsbot.MessageOutbound, FromAddr: "affald@kk.example", ToAddr: e.CitizenEmail,
		Subject: "Re: Pizzabakker", Body: "Hej Jens", Author: "U1", ReceivedAt: t0}
	err := db.InTx(ctx, func(tx *storage.Tx) error {
		if err := tx.CreateEnquiry(ctx, e); err != nil {
			return err
		}
		m.EnquiryID, m.MessageID = &e.ID, "r"+time.Now().Format("150405.000000000")+"@kk.example"
		return tx.InsertReply(ctx, m)
	})
	if err != nil {
		t.Fatal(err)
	}
	return e, m.ID
}

func (w *world) issue(messageID, enquiryID int64, lang string) []csat.Link {
	w.t.Helper()
	var links []csat.Link
	err := w.db.InTx(context.Background(), func(tx *storage.Tx) (err error) {
		links, err = w.svc.Issue(context.Background(), tx, messageID, enquiryID, lang)
		return err
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return links
}

// link is the URL of rating n.
func (w *world) link(n int) string {
	for _, l := range w.links {
		if l.Rating == n {
			return l.URL
		}
	}
	w.t.Fatalf("no link for rating %d", n)
	return ""
}

func (w *world) get(u string) (int, string) {
	w.t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (w *world) post(u string, form url.Values, header ...string) (int, string) {
	w.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// stored is the reply's rating row as the database holds it.
func (w *world) stored() storage.CSATRating {
	w.t.Helper()
	r, ok, err := w.db.CSATRatingOfReply(context.Background(), w.reply)
	if err != nil || !ok {
		w.t.Fatalf("rating of reply: %v, %v", ok, err)
	}
	return r
}

var (
	nonceRe = regexp.MustCompile(`name="nonce" value="([^"]+)"`)
	tokenRe = regexp.MustCompile(`name="token" value="([^"]+)"`)
)

func formOf(t *testing.T, page string) url.Values {
	t.Helper()
	n, tok := nonceRe.FindStringSubmatch(page), tokenRe.FindStringSubmatch(page)
	if n == nil || tok == nil {
		t.Fatalf("no form in the page:\n%s", page)
	}
	return url.Values{"token": {tok[1]}, "nonce": {n[1]}}
}

func each(t *testing.T, fn func(t *testing.T, db *storage.DB)) { storagetest.Each(t, fn) }
