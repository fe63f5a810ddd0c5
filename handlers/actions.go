package handlers

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// Actions an adviser takes on an enquiry (Act's action argument).
const (
	ActClaim    = "claim"
	ActRelease  = "release"
	ActHandOver = "handover" // arg: the Slack user ID of the new holder
	ActClose    = "close"
	ActReopen   = "reopen"
)

// Authorize refuses (EFORBIDDEN) anyone who is not in SLACK_ADVISERS: only
// advisers claim, reply, draft, close and note (docs/settings.md); a team lead who
// does so is listed in both. Without a directory nobody may act.
func (s *Service) Authorize(ctx context.Context, user string) error {
	ok, err := s.mayAct(ctx, user)
	if err != nil {
		return fmt.Errorf("authorize %s: %w", user, err)
	}
	if !ok {
		return affaldsbot.NewError(affaldsbot.EFORBIDDEN, "not_adviser")
	}
	return nil
}

// mayAct reports whether user is in SLACK_ADVISERS.
func (s *Service) mayAct(ctx context.Context, user string) (bool, error) {
	if s.Directory == nil || user == "" {
		return false, nil
	}
	return s.Directory.IsAdviser(ctx, user)
}

// mayView reports whether user may see the enquiries without acting on them:
// an adviser or a team lead (SLACK_LEADS), who "sees everything".
func (s *Service) mayView(ctx context.Context, user string) (bool, error) {
	if ok, err := s.mayAct(ctx, user); err != nil || ok || s.Directory == nil {
		return ok, err
	}
	return s.Directory.IsLead(ctx, user)
}

// Act changes an enquiry's state for an adviser: claim, release, hand over
// (arg = the new holder), close or reopen. It checks the adviser first and
// changes nothing for anyone else; the change, its event and the root
// message's update commit together, so two advisers acting at once take turns
// and the second gets ECONFLICT with a message fit to show them.
func (s *Service) Act(ctx context.Context, user string, id int64, action, arg string) (*affaldsbot.Enquiry, error) {
	if err := s.Authorize(ctx, user); err != nil {
		return nil, err
	}
	if action == ActHandOver {
		if err := s.checkHandOver(ctx, arg); err != nil {
			return nil, err
		}
	}
	e, err := s.change(ctx, id, func(e *affaldsbot.Enquiry, now time.Time) (*affaldsbot.Event, error) {
		if e.MergedInto != nil {
			return nil, affaldsbot.NewError(affaldsbot.ECONFLICT, "merge_undo_first", e.Ref(), "#"+strconv.FormatInt(*e.MergedInto, 10))
		}
		ev, err := s.transition(e, action, user, arg, now)
		return &ev, err
	})
	if err != nil {
		return nil, fmt.Errorf("%s enquiry %d: %w", action, id, err)
	}
	return e, nil
}

// change applies one change to a locked enquiry and, when it made an event,
// saves both and re-renders the root message, all in one transaction.
func (s *Service) change(ctx context.Context, id int64, fn func(e *affaldsbot.Enquiry, now time.Time) (*affaldsbot.Event, error)) (*affaldsbot.Enquiry, error) {
	var e *affaldsbot.Enquiry
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		var err error
		if e, err = tx.LockEnquiry(ctx, id); err != nil {
			return err
		}
		ev, err := fn(e, tx.Now())
		if err != nil || ev == nil {
			return err
		}
		if err := tx.SaveEnquiry(ctx, e, *ev); err != nil {
			return err
		}
		return nil
	})
	return e, err
}

func (s *Service) checkHandOver(ctx context.Context, to string) error {
	if to == "" {
		return nil // the lifecycle asks for a name
	}
	ok, err := s.mayAct(ctx, to)
	if err != nil {
		return fmt.Errorf("authorize %s: %w", to, err)
	}
	if !ok {
		return affaldsbot.NewError(affaldsbot.EINVALID, "not_adviser_to", to)
	}
	return nil
}

func (s *Service) transition(e *affaldsbot.Enquiry, action, user, arg string, now time.Time) (affaldsbot.Event, error) {
	switch action {
	case ActClaim:
		return e.Claim(user, now)
	case ActRelease:
		return e.Release(user, now)
	case ActHandOver:
		return e.HandOver(user, arg, now)
	case ActClose:
		return e.Close(user, now)
	case ActReopen:
		return e.Reopen(user, now)
	}
	return affaldsbot.Event{}, affaldsbot.NewError(affaldsbot.EINVALID, "unknown_action", action)
}
