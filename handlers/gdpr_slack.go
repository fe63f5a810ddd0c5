package handlers

import (
	"context"
	"log/slog"
)

// SlackEraser is the part of a Slack surface that can take back what the bot
// posted; a surface without it keeps its threads as they are.
type SlackEraser interface {
	// EraseThread deletes every message and file the bot posted in the
	// thread under rootTS, the root excepted, and says how many messages
	// went. People's own messages in the thread stay.
	EraseThread(ctx context.Context, channel, rootTS string) (deleted int, err error)
}

// EraseSlackArgs takes an erased enquiry's texts out of Slack: every
// message and file the bot posted in its thread. Enqueue it in the same
// transaction as the erase; the root is re-rendered by UpdateRootArgs.
type EraseSlackArgs struct {
	EnquiryID int64 `json:"enquiry_id"`
}

func (EraseSlackArgs) Kind() string { return "erase_slack" }

// EraseSlack deletes the bot's messages and files in an enquiry's thread.
// It does nothing for an enquiry never shown in Slack or a surface that
// cannot delete, and a second run finds nothing left to delete.
func (s *Service) EraseSlack(ctx context.Context, a EraseSlackArgs) error {
	eraser, ok := s.Slack.(SlackEraser)
	if !ok {
		return nil
	}
	ref, found, err := s.DB.SlackRef(ctx, a.EnquiryID)
	if err != nil || !found || ref.RootTS == "" {
		return err
	}
	n, err := eraser.EraseThread(ctx, ref.Channel, ref.RootTS)
	if n > 0 {
		s.Log.LogAttrs(ctx, slog.LevelInfo, "erased thread in Slack", slog.Int64("enquiry", a.EnquiryID), slog.Int("messages", n))
	}
	return err
}
