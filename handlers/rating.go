package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/csat"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/prompts"
	"github.com/affaldsbot/affaldsbot/storage"
)

// Ratings issues the satisfaction-rating links of replies and renders the
// footer that carries them (package csat).
type Ratings interface {
	// Issue records, in the reply's transaction, that the reply carries
	// rating links; none when rating is off (CSAT=off).
	Issue(ctx context.Context, tx *storage.Tx, messageID, enquiryID int64, lang string) ([]csat.Link, error)
	// FooterOf is the block below the signature; "" without links.
	FooterOf(ctx context.Context, messageID int64) (string, error)
}

var _ Ratings = (*csat.Service)(nil)

// RatingArgs shows one new or changed rating in the enquiry's thread.
type RatingArgs struct {
	NoticeID int64 `json:"notice_id"`
}

func (RatingArgs) Kind() string { return "rating_notice" }

// RatingView is what the thread shows of a citizen's rating.
type RatingView struct {
	NoticeID int64
	Enquiry  string // "#1234"
	Rating   int
	Previous int    // 0: the first rating
	Comment  string // redacted when stored; "" when none came with this change
	Lang     string
}

// issueRating gives a reply its rating links in its own transaction.
func (s *Service) issueRating(ctx context.Context, tx *storage.Tx, e *affaldsbot.Enquiry, m *affaldsbot.Message) error {
	if s.Ratings == nil {
		return nil
	}
	// The footer and the page speak the language the reply is written in.
	_, err := s.Ratings.Issue(ctx, tx, m.ID, e.ID, prompts.DetectLang(m.Body))
	return err
}

// withFooter is a reply's text as mailed: the adviser's text and signature,
// then the rating links, the same in every attempt to send it.
func (s *Service) withFooter(ctx context.Context, r *storage.Reply) (string, error) {
	if s.Ratings == nil {
		return r.Body, nil
	}
	footer, err := s.Ratings.FooterOf(ctx, r.ID)
	if err != nil {
		return "", fmt.Errorf("rating links of reply %d: %w", r.ID, err)
	}
	if footer == "" {
		return r.Body, nil
	}
	return strings.TrimRight(r.Body, " \t\r\n") + footer, nil
}

// RatingChanged is csat.Options.OnRated: in the transaction that stores a
// new or changed rating (or a new comment) it records the change and
// enqueues its post in the thread and the root's update, so each change is
// shown once.
func (s *Service) RatingChanged(ctx context.Context, tx *storage.Tx, r csat.Rated) error {
	n := &storage.RatingNotice{MessageID: r.MessageID, EnquiryID: r.EnquiryID, Rating: r.Rating, Previous: r.Previous,
		Commented: r.Commented, At: r.At}
	if err := tx.InsertRatingNotice(ctx, n); err != nil {
		return err
	}
	tx.Enqueue(RatingArgs{NoticeID: n.ID})
	enqueueRootUpdates(tx)
	return nil
}

// PostRating shows a rating change in the enquiry's thread, once: the post
// is marked pending before it is made, and a retry after a crash looks for
// it in the thread instead of posting it again.
func (s *Service) PostRating(ctx context.Context, a RatingArgs) error {
	n, err := s.DB.GetRatingNotice(ctx, a.NoticeID)
	if affaldsbot.ErrorCode(err) == affaldsbot.ENOTFOUND {
		return nil
	} else if err != nil || (n.SlackTS != "" && n.SlackTS != storage.SlackPending) || s.Slack == nil {
		return err
	}
	ref, ok, err := s.DB.SlackRef(ctx, n.EnquiryID)
	if err != nil || !ok || ref.RootTS == "" {
		return err // an enquiry never shown in chat (imported history)
	}
	v, err := s.ratingView(ctx, n)
	if err != nil {
		return err
	}
	rs := s.Slack
	if n.SlackTS == storage.SlackPending {
		if ts, found, err := rs.FindRating(ctx, ref.Channel, ref.RootTS, n.ID); err != nil || found {
			return s.ratingPosted(ctx, n.ID, ts, err)
		}
	} else if won, err := s.DB.MarkRatingNoticePending(ctx, n.ID); err != nil || !won {
		return err
	}
	ts, err := rs.PostRating(ctx, ref.Channel, ref.RootTS, v)
	return s.ratingPosted(ctx, n.ID, ts, err)
}

func (s *Service) ratingPosted(ctx context.Context, id int64, ts string, err error) error {
	if err != nil {
		return err
	}
	return s.DB.SetRatingNoticeTS(ctx, id, ts)
}

func (s *Service) ratingView(ctx context.Context, n *storage.RatingNotice) (RatingView, error) {
	v := RatingView{NoticeID: n.ID, Enquiry: fmt.Sprintf("#%d", n.EnquiryID), Rating: n.Rating, Previous: n.Previous, Lang: s.Settings.Lang}
	if !n.Commented {
		return v, nil
	}
	var err error
	v.Comment, err = s.DB.ReplyComment(ctx, n.MessageID)
	return v, err
}

// RatingText is a rating change as one plain line (and the comment below
// it), in the bot's language; the comment is the citizen's and is escaped
// by the surface that shows it as markup.
func RatingText(v RatingView) string {
	p := locale.NewPrinter(v.Lang)
	label := csat.Label(v.Lang, v.Rating)
	var line string
	if v.Previous != 0 && v.Previous != v.Rating {
		line = p.Printf("rating_changed", v.Enquiry, label, v.Rating, csat.Label(v.Lang, v.Previous))
	} else {
		line = p.Printf("rating_given", v.Enquiry, label, v.Rating)
	}
	if v.Comment != "" {
		line += "\n" + p.Printf("rating_comment") + " " + v.Comment
	}
	return line
}
