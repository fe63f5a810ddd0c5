package csat

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/redact"
	"github.com/affaldsbot/affaldsbot/storage"
)

// MaxCommentChars is the longest comment kept (GOV.UK's feedback form
// allows 1,200 characters).
const MaxCommentChars = 1200

// What a request can fail with; the page says each in the citizen's words.
var (
	ErrNotFound  = errors.New("csat: no rating for this link")
	ErrExpired   = errors.New("csat: the link has expired")
	ErrStaleForm = errors.New("csat: the form is not the latest page's")
	ErrTooLong   = errors.New("csat: the comment is too long")
)

// Notices the page shows above the form.
const (
	noticeNone = iota
	noticeSaved
	noticeCommentSaved
	noticeStale
	noticeTooLong
)

// state is what a rating page shows: the rating as stored and a fresh form.
type state struct {
	Lang       string
	Token      string
	Nonce      string
	Rating     int
	HasComment bool
	Notice     int
}

// Submission is the page's form as posted.
type Submission struct {
	Token   string
	Nonce   string
	Rating  int // 0: unchanged
	Comment string
}

// Rate records a click on a rating link and returns the page to show. The
// same click again records nothing new.
func (s *Service) Rate(ctx context.Context, token string, rating int) (state, error) {
	if !ValidRating(rating) {
		return state{}, ErrNotFound
	}
	return s.change(ctx, token, func(r *storage.CSATRating, _ *Rated) error {
		setRating(r, rating, s.db.Now())
		return nil
	})
}

// Submit records the page's form: a changed rating and a comment, once per
// page (the nonce is spent). A form of an older page records nothing and
// returns the page again with ErrStaleForm.
func (s *Service) Submit(ctx context.Context, f Submission) (state, error) {
	if f.Rating != 0 && !ValidRating(f.Rating) {
		return state{}, ErrNotFound
	}
	comment, err := s.redactedComment(ctx, f)
	if err != nil {
		return state{}, err
	}
	st, err := s.change(ctx, f.Token, func(r *storage.CSATRating, ev *Rated) error {
		if subtle.ConstantTimeCompare([]byte(r.NonceHash), []byte(hashOf([]byte(f.Nonce)))) != 1 || f.Nonce == "" {
			return ErrStaleForm
		}
		if f.Rating != 0 {
			setRating(r, f.Rating, s.db.Now())
		}
		if comment != "" {
			now := s.db.Now()
			r.Comment, r.CommentedAt, ev.Commented = comment, &now, true
		}
		return nil
	})
	if err == nil {
		st.Notice = noticeSaved
		if comment != "" {
			st.Notice = noticeCommentSaved
		}
	}
	return st, err
}

// redactedComment checks the comment's length and takes the personal data
// out: the patterns of package redact and the enquiry's own citizen's name,
// address and number. Placeholders stay; the values are never kept.
func (s *Service) redactedComment(ctx context.Context, f Submission) (string, error) {
	c := strings.TrimSpace(strings.ReplaceAll(f.Comment, "\r\n", "\n"))
	if c == "" {
		return "", nil
	}
	if utf8.RuneCountInString(c) > MaxCommentChars {
		return "", ErrTooLong
	}
	hash, err := s.check(ctx, f.Token)
	if err != nil {
		return "", err
	}
	r, err := s.db.GetCSATRating(ctx, hash)
	if err != nil {
		return "", notFound(err)
	}
	e, err := s.db.GetEnquiry(ctx, r.EnquiryID)
	if err != nil {
		return "", notFound(err)
	}
	red := redact.New(e.CitizenName).Known(redact.KindEmail, e.CitizenEmail).Known(redact.KindPhone, e.CitizenPhone)
	return red.Redact(c), nil
}

// setRating stores rating n; the first rating also sets rated_at. The
// same rating again changes nothing.
func setRating(r *storage.CSATRating, n int, now time.Time) {
	if r.Rating != nil && *r.Rating == n {
		return
	}
	r.Rating, r.ChangedAt = &n, &now
	if r.RatedAt == nil {
		r.RatedAt = &now
	}
}

// change checks the token, then in one transaction applies fn to the
// stored rating, gives the page a fresh nonce, saves, and runs OnRated
// when the rating or comment changed.
func (s *Service) change(ctx context.Context, token string, fn func(r *storage.CSATRating, ev *Rated) error) (state, error) {
	hash, err := s.check(ctx, token)
	if err != nil {
		return state{}, err
	}
	var st state
	var fnErr error
	err = s.db.InTx(ctx, func(tx *storage.Tx) error {
		r, err := tx.LockCSATRating(ctx, hash)
		if err != nil {
			return notFound(err)
		}
		st.Lang = r.Lang
		if s.db.Now().After(r.CreatedAt.Add(s.opts.TokenTTL)) {
			return ErrExpired
		}
		ev := Rated{EnquiryID: r.EnquiryID, MessageID: r.MessageID, Previous: deref(r.Rating), At: s.db.Now()}
		if fnErr = fn(r, &ev); fnErr != nil && fnErr != ErrStaleForm {
			return fnErr
		}
		nonce, err := newNonce()
		if err != nil {
			return err
		}
		r.NonceHash = hashOf([]byte(nonce))
		st = state{Lang: r.Lang, Token: token, Nonce: nonce, Rating: deref(r.Rating), HasComment: r.Comment != ""}
		if err := tx.SaveCSATRating(ctx, r); err != nil {
			return err
		}
		return s.rated(ctx, tx, r, ev)
	})
	if err == nil && fnErr != nil {
		st.Notice = noticeStale
		return st, fnErr
	}
	return st, err
}

// rated runs OnRated when the rating or the comment changed.
func (s *Service) rated(ctx context.Context, tx *storage.Tx, after *storage.CSATRating, ev Rated) error {
	ev.Rating = deref(after.Rating)
	if s.opts.OnRated == nil || ev.Rating == 0 || (ev.Rating == ev.Previous && !ev.Commented) {
		return nil
	}
	if err := s.opts.OnRated(ctx, tx, ev); err != nil {
		return fmt.Errorf("csat: on rated: %w", err)
	}
	return nil
}

// check verifies a token's signature and returns its stored hash.
func (s *Service) check(ctx context.Context, token string) (string, error) {
	sig, err := s.signer(ctx)
	if err != nil {
		return "", err
	}
	hash, err := sig.check(token)
	if err != nil {
		return "", ErrNotFound
	}
	return hash, nil
}

func notFound(err error) error {
	if affaldsbot.ErrorCode(err) == affaldsbot.ENOTFOUND {
		return ErrNotFound
	}
	return err
}

func newNonce() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("csat: nonce: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
