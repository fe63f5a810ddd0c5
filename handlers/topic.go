package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// SetTopic changes an enquiry's topic for an adviser; the change, its event
// and the root message's update commit together. Setting the topic it
// already has changes nothing.
func (s *Service) SetTopic(ctx context.Context, user string, id int64, t affaldsbot.Topic) error {
	if err := s.Authorize(ctx, user); err != nil {
		return err
	}
	_, err := s.change(ctx, id, func(e *affaldsbot.Enquiry, now time.Time) (*affaldsbot.Event, error) {
		if e.Topic == t {
			return nil, nil // nothing to change
		}
		ev, err := e.SetTopic(user, t, now)
		return &ev, err
	})
	if err != nil {
		return fmt.Errorf("set topic of #%d: %w", id, err)
	}
	return nil
}
