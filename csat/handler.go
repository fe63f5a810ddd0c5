package csat

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/affaldsbot/affaldsbot/storage"
)

// maxFormBytes bounds a posted form: a comment of MaxCommentChars
// characters, each up to four bytes, percent-encoded, and the rest.
const maxFormBytes = 32 << 10

// Handler serves the rating pages under PathPrefix:
//
//	GET  /tilfredshed/{token}/{rating}  records the rating, shows the page
//	POST /tilfredshed/{token}/{rating}  the page's form (token, nonce, rating, comment)
//
// A HEAD request (link checkers) records nothing.
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+PathPrefix+"{token}/{rating}", s.serveRate)
	mux.HandleFunc("POST "+PathPrefix+"{token}/{rating}", s.serveSubmit)
	mux.HandleFunc(PathPrefix, func(w http.ResponseWriter, r *http.Request) { s.writeError(w, r, "", ErrNotFound) })
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setHeaders(w.Header())
		mux.ServeHTTP(w, r)
	})
}

func (s *Service) serveRate(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	rating, err := strconv.Atoi(r.PathValue("rating"))
	if err != nil || !ValidRating(rating) {
		s.writeError(w, r, "", ErrNotFound)
		return
	}
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	if !s.allowSigned(w, r, token) {
		return
	}
	st, err := s.Rate(r.Context(), token, rating)
	if err != nil {
		s.writeError(w, r, st.Lang, err)
		return
	}
	writePage(w, http.StatusOK, s.ratingView(st))
}

func (s *Service) serveSubmit(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if !s.sameOrigin(r) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	if !s.allowSigned(w, r, token) {
		return
	}
	f, ok := readForm(w, r)
	if !ok || f.Token != token {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	st, err := s.Submit(r.Context(), f)
	switch {
	case errors.Is(err, ErrStaleForm):
		writePage(w, http.StatusConflict, s.ratingView(st))
	case errors.Is(err, ErrTooLong):
		s.tooLong(w, r, token)
	case err != nil:
		s.writeError(w, r, st.Lang, err)
	default:
		writePage(w, http.StatusOK, s.ratingView(st))
	}
}

// tooLong shows the page again, with a fresh form and nothing saved.
func (s *Service) tooLong(w http.ResponseWriter, r *http.Request, token string) {
	st, err := s.change(r.Context(), token, func(*storage.CSATRating, *Rated) error { return nil })
	if err != nil {
		s.writeError(w, r, st.Lang, err)
		return
	}
	st.Notice = noticeTooLong
	writePage(w, http.StatusUnprocessableEntity, s.ratingView(st))
}

func readForm(w http.ResponseWriter, r *http.Request) (Submission, bool) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return Submission{}, false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return Submission{}, false
	}
	f := Submission{Token: r.PostForm.Get("token"), Nonce: r.PostForm.Get("nonce"), Comment: r.PostForm.Get("comment")}
	if v := r.PostForm.Get("rating"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || !ValidRating(n) {
			return Submission{}, false
		}
		f.Rating = n
	}
	return f, true
}

// sameOrigin refuses a form posted from another site's page. The token and
// the page's nonce are the real protection; this is a second wall. A
// browser that sends no Origin (or "null") is let through to them.
func (s *Service) sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || origin == "null" {
		return true
	}
	if s.opts.BaseURL != "" {
		if u, err := url.Parse(s.opts.BaseURL); err == nil && strings.EqualFold(origin, u.Scheme+"://"+u.Host) {
			return true
		}
	}
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

// allowSigned lets a request go on when its token is signed with our key
// and the token's limit is not reached. Unsigned tokens are refused before
// they take a place in the limiter.
func (s *Service) allowSigned(w http.ResponseWriter, r *http.Request, token string) bool {
	if _, err := s.check(r.Context(), token); err != nil {
		s.writeError(w, r, "", err)
		return false
	}
	if s.limits.allow(token) {
		return true
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(tokenEvery.Seconds())))
	t := textsFor(s.opts.Lang)
	writePage(w, http.StatusTooManyRequests, s.messageView(s.opts.Lang, t.tooMany, t.tooManyText))
	return false
}

func (s *Service) writeError(w http.ResponseWriter, r *http.Request, lang string, err error) {
	if lang == "" {
		lang = s.opts.Lang
	}
	t := textsFor(lang)
	switch {
	case errors.Is(err, ErrExpired):
		writePage(w, http.StatusGone, s.messageView(lang, t.expired, t.expiredText))
	case errors.Is(err, ErrNotFound):
		writePage(w, http.StatusNotFound, s.messageView(lang, t.notFound, t.notFoundText))
	default:
		s.opts.Log.LogAttrs(r.Context(), slog.LevelError, "rating page", slog.String("error", err.Error()))
		http.Error(w, "internal error", http.StatusInternalServerError)
	}
}
