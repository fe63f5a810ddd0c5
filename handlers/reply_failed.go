package handlers

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// ReplyFailedArgs shows a reply that could not be sent in its enquiry's
// thread, with the reason and a retry button.
type ReplyFailedArgs struct {
	MessageID int64 `json:"message_id"`
}

func (ReplyFailedArgs) Kind() string { return "reply_failed" }

// FailedReply is what the thread shows of a reply that could not be sent.
type FailedReply struct {
	MessageID int64
	Enquiry   string // "#1234"
	To        string
	Reason    string
	Body      string // the adviser's text, kept
	Lang      string
}

// ReplyFailed posts the failure notice of a reply in its thread.
func (s *Service) ReplyFailed(ctx context.Context, a ReplyFailedArgs) error {
	r, err := s.DB.GetReply(ctx, a.MessageID)
	if err != nil || r.SendState != storage.SendFailed || r.EnquiryID == nil {
		return err
	}
	ref, ok, err := s.DB.SlackRef(ctx, *r.EnquiryID)
	if err != nil || !ok || ref.RootTS == "" {
		return err
	}
	f := FailedReply{MessageID: r.ID, Enquiry: fmt.Sprintf("#%d", *r.EnquiryID), To: r.ToAddr, Reason: r.SendError, Body: r.Body, Lang: s.Settings.Lang}
	return s.Slack.PostReplyFailed(ctx, ref.Channel, ref.RootTS, f)
}

// RetryReply sends a failed reply again when an adviser asks for it; the
// press of the button (origin) is acted on once.
func (s *Service) RetryReply(ctx context.Context, user string, messageID int64, origin Origin) error {
	if err := s.Authorize(ctx, user); err != nil {
		return err
	}
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		if _, err := repeated(ctx, tx, origin); err != nil {
			return err
		}
		ok, err := tx.RetryReply(ctx, messageID)
		if err != nil {
			return err
		} else if !ok {
			return affaldsbot.NewError(affaldsbot.ECONFLICT, "reply_not_failed")
		}
		if first, err := tx.RecordInput(ctx, origin, messageID); err != nil || !first {
			return cmp.Or(err, errRepeat)
		}
		tx.Enqueue(SendReplyArgs{MessageID: messageID})
		return nil
	})
	if errors.Is(err, errRepeat) {
		return nil
	}
	return err
}
