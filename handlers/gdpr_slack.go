package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// ThreadErasure is what erasing one thread did.
type ThreadErasure struct {
	Messages int           // bot messages deleted
	Files    int           // files deleted
	Failed   []EraseFailed // what Slack would not delete
}

// EraseFailed is a message or file left in Slack.
type EraseFailed struct {
	Item   string // "message <ts>" or "file <id>"
	Reason string // Slack's error code, or what went wrong
	Retry  bool   // a later attempt may succeed (rate limit, server error)
}

func (e ThreadErasure) retry() int {
	n := 0
	for _, f := range e.Failed {
		if f.Retry {
			n++
		}
	}
	return n
}

// EraseSlackArgs takes an erased enquiry's texts out of Slack: every
// message and file the bot posted in its thread, and every App Home that
// showed it. Enqueue it in the same transaction as the erase; the root is
// re-rendered by UpdateRootArgs.
type EraseSlackArgs struct {
	EnquiryID int64 `json:"enquiry_id"`
}

func (EraseSlackArgs) Kind() string { return "erase_slack" }

// EraseSlack deletes the bot's messages and files in an enquiry's thread,
// records what Slack would not delete (the team lead sees it in the App
// Home) and publishes again every App Home that showed the enquiry. What
// failed for a reason a later attempt may overcome makes the job try again;
// the rest stays recorded until someone deletes it by hand. A second run
// finds nothing left to delete.
func (s *Service) EraseSlack(ctx context.Context, a EraseSlackArgs) error {
	res, err := s.eraseThread(ctx, a.EnquiryID)
	changed := false
	if err == nil {
		changed, err = s.recordSlackErasure(ctx, a.EnquiryID, res)
	}
	err = errors.Join(err, s.refreshHomes(ctx, a.EnquiryID, changed))
	if err == nil && res.retry() > 0 {
		err = fmt.Errorf("erase thread of enquiry %d: %d items left for a later attempt", a.EnquiryID, res.retry())
	}
	return err
}

func (s *Service) eraseThread(ctx context.Context, enquiryID int64) (ThreadErasure, error) {
	if s.Slack == nil {
		return ThreadErasure{}, nil
	}
	ref, found, err := s.DB.SlackRef(ctx, enquiryID)
	if err != nil || !found || ref.RootTS == "" {
		return ThreadErasure{}, err
	}
	return s.Slack.EraseThread(ctx, ref.Channel, ref.RootTS)
}

// recordSlackErasure keeps what was left and audits what was done; it
// reports whether the items left changed.
func (s *Service) recordSlackErasure(ctx context.Context, enquiryID int64, res ThreadErasure) (changed bool, err error) {
	failed := make([]storage.SlackEraseFailure, len(res.Failed))
	for i, f := range res.Failed {
		failed[i] = storage.SlackEraseFailure{EnquiryID: enquiryID, Item: f.Item, Reason: f.Reason}
	}
	err = s.inTx(ctx, func(tx *storage.Tx) error {
		if changed, err = tx.SetSlackEraseFailures(ctx, enquiryID, failed); err != nil {
			return err
		}
		if res.Messages+res.Files+len(res.Failed) == 0 {
			return nil
		}
		detail := fmt.Sprintf("%d messages and %d files deleted, %d left", res.Messages, res.Files, len(res.Failed))
		return tx.Audit(ctx, affaldsbot.ActorSystem, "slack.erase", storage.AuditTarget("enquiries", []int64{enquiryID}), detail)
	})
	if err != nil {
		return false, fmt.Errorf("record erasure of enquiry %d in Slack: %w", enquiryID, err)
	}
	if res.Messages+res.Files+len(res.Failed) > 0 {
		s.Log.LogAttrs(ctx, slog.LevelInfo, "erased thread in Slack", slog.Int64("enquiry", enquiryID),
			slog.Int("messages", res.Messages), slog.Int("files", res.Files), slog.Int("left", len(res.Failed)))
	}
	return changed, nil
}

// refreshHomes publishes again every App Home that showed the enquiry, and
// with leads the team lead's, whose home lists what Slack would not delete.
func (s *Service) refreshHomes(ctx context.Context, enquiryID int64, leads bool) error {
	if s.Slack == nil {
		return nil
	}
	users, err := s.DB.HomesShowing(ctx, enquiryID)
	if err != nil {
		return err
	}
	if leads {
		if users, err = s.addLeads(ctx, users); err != nil {
			return err
		}
	}
	var errs []error
	for _, u := range users {
		errs = append(errs, s.PublishHome(ctx, u))
	}
	return errors.Join(errs...)
}

// addLeads adds to users the leads among those whose home was published.
func (s *Service) addLeads(ctx context.Context, users []string) ([]string, error) {
	all, err := s.DB.HomeUsers(ctx)
	if err != nil || s.Directory == nil {
		return users, err
	}
	seen := map[string]bool{}
	for _, u := range users {
		seen[u] = true
	}
	for _, u := range all {
		lead, err := s.Directory.IsLead(ctx, u)
		if err != nil {
			return users, err
		}
		if lead && !seen[u] {
			users = append(users, u)
		}
	}
	return users, nil
}
