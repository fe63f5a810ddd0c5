package csat_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/csat"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/google/go-cmp/cmp"
)

func TestFooterCarriesFiveLinksBestFirst(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "da")
		var got []int
		for _, l := range w.links {
			got = append(got, l.Rating)
			if !strings.HasPrefix(l.URL, w.srv.URL+"/tilfredshed/") {
				t.Errorf("link %q is not under %s/tilfredshed/", l.URL, w.srv.URL)
			}
		}
		if d := cmp.Diff([]int{5, 4, 3, 2, 1}, got); d != "" {
			t.Errorf("ratings (-want +got):\n%s", d)
		}
		footer := csat.Footer("da", w.links)
		for _, want := range []string{"Fik du svar på dit spørgsmål?", "Meget tilfreds:\n" + w.link(5), "Meget utilfreds:\n" + w.link(1)} {
			if !strings.Contains(footer, want) {
				t.Errorf("footer lacks %q:\n%s", want, footer)
			}
		}
		again, err := w.svc.FooterOf(context.Background(), w.reply)
		if err != nil || again != footer {
			t.Errorf("FooterOf = %q, %v; want the footer issued:\n%s", again, err, footer)
		}
		if f, err := w.svc.FooterOf(context.Background(), w.reply+1000); err != nil || f != "" {
			t.Errorf("FooterOf a reply without links = %q, %v; want nothing", f, err)
		}
	})
}

func TestOneClickRecordsAndAReplayRecordsNothingNew(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "da")
		code, page := w.get(w.link(4))
		if code != http.StatusOK || !strings.Contains(page, "Tilfreds (4 af 5)") {
			t.Fatalf("click = %d:\n%s", code, page)
		}
		first := w.stored()
		if first.Rating == nil || *first.Rating != 4 || first.RatedAt == nil {
			t.Fatalf("stored after the click: %+v", first)
		}
		w.now = w.now.Add(time.Minute)
		if code, _ := w.get(w.link(4)); code != http.StatusOK {
			t.Fatalf("second click = %d", code)
		}
		replayed := w.stored()
		if !replayed.ChangedAt.Equal(*first.ChangedAt) || *replayed.Rating != 4 {
			t.Errorf("the same click again changed the rating: %+v, was %+v", replayed, first)
		}
		w.now = w.now.Add(time.Minute)
		w.get(w.link(2))
		want := []csat.Rated{
			{EnquiryID: w.e.ID, MessageID: w.reply, Rating: 4, At: t0},
			{EnquiryID: w.e.ID, MessageID: w.reply, Rating: 2, Previous: 4, At: t0.Add(2 * time.Minute)},
		}
		if d := cmp.Diff(want, w.rated); d != "" {
			t.Errorf("OnRated calls (-want +got):\n%s", d)
		}
	})
}

func TestForgedTokensAreRefusedAndRecordNothing(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "da")
		u := w.link(5)
		i := strings.LastIndex(u, "/tilfredshed/") + len("/tilfredshed/")
		token := u[i : i+43]
		flip := func(s string, at int) string {
			c := byte('A')
			if s[at] == 'A' {
				c = 'B'
			}
			return s[:at] + string(c) + s[at+1:]
		}
		// A token signed with another deployment's key for a reply of the
		// same number.
		elsewhere := newWorld(t, storagetest.Open(t, db.Dialect), "da")
		if elsewhere.reply != w.reply {
			t.Fatalf("replies %d and %d; want the same number", elsewhere.reply, w.reply)
		}
		forged := []string{
			flip(token, 3),  // in the id
			flip(token, 40), // in the signature
			token[:42],      // cut short
			base64.RawURLEncoding.EncodeToString(make([]byte, 32)),
			strings.Repeat("a", 43),
			token + "A",
			tokenOf(elsewhere.link(5)),
		}
		for _, f := range forged {
			if code, page := w.get(u[:i] + f + "/5"); code != http.StatusNotFound || !strings.Contains(page, "Linket virker ikke") {
				t.Errorf("forged token %q = %d; want 404 and the not-found page", f, code)
			}
		}
		if r := w.stored(); r.Rating != nil {
			t.Errorf("a forged token recorded rating %d", *r.Rating)
		}
	})
}

func TestTokensCannotBeEnumerated(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "da")
		e2, second := newReply(t, db)
		l1, l2 := w.links[0].URL, w.issue(second, e2.ID, "da")[0].URL
		t1, t2 := tokenOf(l1), tokenOf(l2)
		if len(t1) != 43 || len(t2) != 43 {
			t.Fatalf("tokens %q, %q are not 43 characters", t1, t2)
		}
		same := 0
		for i := range t1 {
			if t1[i] == t2[i] {
				same++
			}
		}
		if same > 8 { // two random 43-character tokens share about 0.7 positions
			t.Errorf("tokens of consecutive replies share %d of 43 positions: %s, %s", same, t1, t2)
		}
		for _, l := range append(w.links, csat.Link{URL: l2}) {
			if strings.Contains(l.URL, "jens") || strings.Contains(l.URL, "Pizza") {
				t.Errorf("link %q carries personal data", l.URL)
			}
		}
		// The database keeps only the hash of the token's id, never the token.
		raw, _ := base64.RawURLEncoding.DecodeString(t1)
		sum := sha256.Sum256(raw[:16])
		r := w.stored()
		if strings.Contains(r.TokenHash, t1) || r.TokenHash != hexOf(sum[:]) {
			t.Errorf("stored %q; want the SHA-256 of the token's id", r.TokenHash)
		}
	})
}

func TestExpiredLinksRecordNothing(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "en")
		w.now = t0.Add(60*24*time.Hour + time.Second)
		code, page := w.get(w.link(5))
		if code != http.StatusGone || !strings.Contains(page, "This link has expired") || !strings.Contains(page, `lang="en"`) {
			t.Errorf("expired click = %d:\n%s", code, page)
		}
		if r := w.stored(); r.Rating != nil {
			t.Errorf("an expired link recorded %d", *r.Rating)
		}
	})
}

func TestRequestsPerTokenAreLimited(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "da")
		var codes []int
		for range 12 {
			code, _ := w.get(w.link(5))
			codes = append(codes, code)
		}
		if codes[9] != http.StatusOK || codes[10] != http.StatusTooManyRequests || codes[11] != http.StatusTooManyRequests {
			t.Errorf("codes of 12 quick clicks = %v; want 10 × 200 then 429", codes)
		}
		// Another reply's link is not held back by the first one's limit.
		e2, second := newReply(t, db)
		if code, _ := w.get(w.issue(second, e2.ID, "da")[0].URL); code != http.StatusOK {
			t.Errorf("another token = %d; want 200", code)
		}
	})
}

func TestHeadRequestsRecordNothing(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "da")
		resp, err := http.Head(w.link(1))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if r := w.stored(); r.Rating != nil {
			t.Errorf("a HEAD request (a link checker) recorded %d", *r.Rating)
		}
	})
}

func TestPagesAreLockedDown(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "da")
		resp, err := http.Get(w.link(3))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "style-src 'sha256-", "form-action 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
			}
		}
		for h, want := range map[string]string{"Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"} {
			if got := resp.Header.Get(h); got != want {
				t.Errorf("%s = %q; want %q", h, got, want)
			}
		}
		_, page := w.get(w.link(3))
		for _, bad := range []string{"<script", " src=", "<link", "http://", "//fonts"} {
			if strings.Contains(strings.ReplaceAll(page, "https://was.example.dk/kk", ""), bad) {
				t.Errorf("the page contains %q", bad)
			}
		}
		for _, want := range []string{`<html lang="da">`, `<label for="comment">`, `<legend>`, `href="https://was.example.dk/kk">Tilgængelighedserklæring</a>`, `name="viewport"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
	})
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

func tokenOf(link string) string {
	u, _ := url.Parse(link)
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	return parts[1]
}

func TestOffIssuesNoLinksButServesThoseSent(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "da")
		off := csat.New(db, csat.Options{Off: true, BaseURL: w.srv.URL})
		e2, second := newReply(t, db)
		var links []csat.Link
		err := db.InTx(context.Background(), func(tx *storage.Tx) (err error) {
			links, err = off.Issue(context.Background(), tx, second, e2.ID, "da")
			return err
		})
		if err != nil || links != nil {
			t.Fatalf("Issue with rating off = %v, %v; want no links", links, err)
		}
		if f, err := off.FooterOf(context.Background(), second); err != nil || f != "" {
			t.Errorf("footer with rating off = %q, %v; want none", f, err)
		}
		if _, ok, _ := db.CSATRatingOfReply(context.Background(), second); ok {
			t.Error("rating off stored a link")
		}
		// A link sent while rating was on still works.
		srv := httptest.NewServer(off.Handler())
		defer srv.Close()
		if code, _ := w.get(srv.URL + tokenPath(w.link(5))); code != http.StatusOK {
			t.Errorf("a link sent before = %d; want 200", code)
		}
	})
}

func tokenPath(link string) string {
	u, _ := url.Parse(link)
	return u.Path
}
