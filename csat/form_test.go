package csat_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/storage"
)

func TestFormChangesRatingAndStoresARedactedComment(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "da")
		_, page := w.get(w.link(2))
		form := formOf(t, page)
		form.Set("rating", "5")
		form.Set("comment", "Tak Jens Hansen her, ring på 22 33 44 55 eller skriv til jens@example.dk. CPR 010190-1234.")
		code, page := w.post(w.link(2), form)
		if code != http.StatusOK || !strings.Contains(page, "Meget tilfreds (5 af 5)") || !strings.Contains(page, "gemt din vurdering og din kommentar") {
			t.Fatalf("post = %d:\n%s", code, page)
		}
		r := w.stored()
		if *r.Rating != 5 || r.CommentedAt == nil {
			t.Fatalf("stored %+v", r)
		}
		for _, personal := range []string{"Jens", "Hansen", "22 33 44 55", "jens@example.dk", "010190-1234"} {
			if strings.Contains(r.Comment, personal) {
				t.Errorf("stored comment %q keeps %q", r.Comment, personal)
			}
		}
		if !strings.Contains(r.Comment, "ring på") {
			t.Errorf("stored comment %q lost the text", r.Comment)
		}
		if len(w.rated) != 2 || w.rated[1].Rating != 5 || w.rated[1].Previous != 2 || !w.rated[1].Commented {
			t.Errorf("OnRated calls = %+v", w.rated)
		}
	})
}

func TestAReplayedFormRecordsNothing(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "da")
		_, page := w.get(w.link(4))
		form := formOf(t, page)
		form.Set("comment", "Første")
		if code, _ := w.post(w.link(4), form); code != http.StatusOK {
			t.Fatalf("first post = %d", code)
		}
		form.Set("comment", "Anden")
		form.Set("rating", "1")
		code, page := w.post(w.link(4), form)
		if code != http.StatusConflict || !strings.Contains(page, "ikke gemt noget") {
			t.Errorf("replayed post = %d:\n%s", code, page)
		}
		if r := w.stored(); r.Comment != "Første" || *r.Rating != 4 {
			t.Errorf("after the replay: comment %q, rating %d; want the first post's", r.Comment, *r.Rating)
		}
		// The page it answered with carries a fresh form that works.
		fresh := formOf(t, page)
		fresh.Set("comment", "Tredje")
		if code, _ := w.post(w.link(4), fresh); code != http.StatusOK {
			t.Errorf("post of the fresh form = %d", code)
		}
		if r := w.stored(); r.Comment != "Tredje" {
			t.Errorf("comment = %q; want Tredje", r.Comment)
		}
	})
}

func TestFormsAreRefusedWithoutTheirProof(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "da")
		_, page := w.get(w.link(4))
		good := formOf(t, page)
		cases := []struct {
			name   string
			form   url.Values
			header []string
			want   int
		}{
			{"no nonce", url.Values{"token": good["token"], "comment": {"x"}}, nil, http.StatusConflict},
			{"a made-up nonce", url.Values{"token": good["token"], "nonce": {"AAAAAAAAAAAAAAAAAAAAAA"}, "comment": {"x"}}, nil, http.StatusConflict},
			{"no token", url.Values{"nonce": good["nonce"], "comment": {"x"}}, nil, http.StatusBadRequest},
			{"another site's page", url.Values{"token": good["token"], "nonce": good["nonce"], "comment": {"x"}}, []string{"Origin", "https://evil.example"}, http.StatusForbidden},
			{"a rating off the scale", url.Values{"token": good["token"], "nonce": good["nonce"], "rating": {"6"}}, nil, http.StatusBadRequest},
		}
		for _, c := range cases {
			if code, _ := w.post(w.link(4), c.form, c.header...); code != c.want {
				t.Errorf("%s: %d; want %d", c.name, code, c.want)
			}
		}
		if r := w.stored(); r.Comment != "" || *r.Rating != 4 {
			t.Errorf("refused forms stored comment %q, rating %d", r.Comment, *r.Rating)
		}
		// A page opened afresh carries a form that works.
		_, page = w.get(w.link(4))
		fresh := formOf(t, page)
		fresh.Set("comment", "ok")
		if code, _ := w.post(w.link(4), fresh); code != http.StatusOK {
			t.Errorf("a fresh page's form = %d", code)
		}
	})
}

func TestTooLongCommentsAreNotStored(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "en")
		_, page := w.get(w.link(4))
		form := formOf(t, page)
		form.Set("comment", strings.Repeat("ø", 1201))
		code, page := w.post(w.link(4), form)
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, "too long") || !strings.Contains(page, `name="nonce"`) {
			t.Errorf("too long = %d:\n%s", code, page)
		}
		if r := w.stored(); r.Comment != "" {
			t.Errorf("stored a comment of %d bytes", len(r.Comment))
		}
	})
}

func TestEnglishReplyGetsAnEnglishPage(t *testing.T) {
	each(t, func(t *testing.T, db *storage.DB) {
		w := newWorld(t, db, "en")
		if w.links[0].Label != "Very satisfied" {
			t.Errorf("first link label = %q", w.links[0].Label)
		}
		_, page := w.get(w.link(5))
		for _, want := range []string{`<html lang="en">`, "Thank you for your rating", "Very satisfied (5 of 5)", "Accessibility statement"} {
			if !strings.Contains(page, want) {
				t.Errorf("English page lacks %q", want)
			}
		}
	})
}
