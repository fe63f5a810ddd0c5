package handlers

import (
	"context"
	"fmt"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// SetTopic changes an enquiry's topic for an adviser; the change, its event
// and the root message's update commit together. Setting the topic it
// already has changes nothing.
func (s *Service) SetTopic(ctx context.Context, user string, id int64, t affaldsbot.Topic) error {
	if err := s.Authorize(ctx, user); err != nil {
		return err
	}
	err := s.DB.InTx(ctx, func(tx *storage.Tx) error {
		e, err := tx.LockEnquiry(ctx, id)
		if err != nil || e.Topic == t {
			return err
		}
		ev, err := e.SetTopic(user, t, tx.Now())
		if err != nil {
			return err
		}
		if err := tx.SaveEnquiry(ctx, e, ev); err != nil {
			return err
		}
		tx.Enqueue(UpdateRootArgs{EnquiryID: id})
		return nil
	})
	if err != nil {
		return fmt.Errorf("set topic of #%d: %w", id, err)
	}
	return nil
}
