package handlers

import (
	"context"
	"strconv"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// Drafter writes a reply from a system and a user message, calling onDelta
// with the text so far as it streams in. llm.Client is one.
type Drafter interface {
	Stream(ctx context.Context, system, user string, onDelta func(textSoFar string)) (string, error)
}

// DraftState is what a draft message shows.
type DraftState string

const (
	DraftStreaming DraftState = "streaming" // being written
	DraftReady     DraftState = "ready"     // may be used for a reply
	DraftFailed    DraftState = "failed"    // the model failed; Error says how
	DraftStale     DraftState = "stale"     // the citizen wrote after it was made
	DraftDiscarded DraftState = "discarded" // an adviser threw it away
)

// DraftSource is a guidance passage a draft rests on.
type DraftSource struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// DraftView is what a draft message shows. Text has the citizen's data
// restored: it is for the advisers' eyes.
type DraftView struct {
	DraftID      int64
	Number       int // the draft's number within its enquiry: 1 for the first
	EnquiryID    int64
	Text         string
	Sources      []DraftSource
	State        DraftState
	Lang         string // the draft's language, "da" or "en"
	FromGuidance bool   // no model: Text lists the best passages
	Error        string // failed: what went wrong
}

// DraftArgs writes one requested draft.
type DraftArgs struct {
	DraftID int64 `json:"draft_id"`
}

func (DraftArgs) Kind() string { return "draft" }

// RenderDraftArgs re-renders a draft's message after its state changed.
type RenderDraftArgs struct {
	DraftID int64 `json:"draft_id"`
}

func (RenderDraftArgs) Kind() string { return "render_draft" }

// draftDebounce is how long a second press of the draft button is refused
// while the first draft is being written.
const draftDebounce = 2 * time.Minute

// RequestDraft asks for a draft reply to an enquiry: the draft is stored
// pending and written by the Draft job, enqueued in the same transaction.
func (s *Service) RequestDraft(ctx context.Context, user string, enquiryID int64) error {
	if err := s.Authorize(ctx, user); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *storage.Tx) error {
		e, err := tx.LockEnquiry(ctx, enquiryID)
		if err != nil {
			return err
		}
		if e.ErasedAt != nil {
			return erased(e)
		}
		if e.Status == affaldsbot.StatusClosed {
			return affaldsbot.NewError(affaldsbot.ECONFLICT, "draft_closed", e.Ref())
		}
		if busy, err := tx.PendingDraftSince(ctx, e.ID, tx.Now().Add(-draftDebounce)); err != nil || busy {
			return orConflict(err, busy, "draft_busy", e.Ref())
		}
		id, err := tx.InsertDraft(ctx, e.ID, user)
		if err != nil {
			return err
		}
		tx.Enqueue(DraftArgs{DraftID: id})
		return nil
	})
}

// DraftForReply returns a draft's text, ready to prefill the reply form, and
// its enquiry. It refuses a draft that is not ready, was discarded, or is
// stale: nothing is ever offered for sending as it was once the citizen has
// written again. Citations of passages are taken out of the text.
func (s *Service) DraftForReply(ctx context.Context, user string, draftID int64) (body string, enquiryID int64, err error) {
	if err := s.Authorize(ctx, user); err != nil {
		return "", 0, err
	}
	d, err := s.DB.GetDraft(ctx, draftID)
	if err != nil {
		return "", 0, err
	}
	if err := usable(d); err != nil {
		return "", 0, err
	}
	if e, err := s.DB.GetEnquiry(ctx, d.EnquiryID); err != nil {
		return "", 0, err
	} else if e.ErasedAt != nil {
		return "", 0, erased(e)
	} else if e.CitizenEmail == "" && e.Channel != affaldsbot.ChannelMail {
		return "", 0, affaldsbot.NewError(affaldsbot.EINVALID, "reply_no_email", e.Ref()) // a call: no address to ask for
	}
	return stripCitations(d.Body), d.EnquiryID, nil
}

// CanReply says why an adviser cannot reply to an enquiry by mail (no
// address, replies off, closed, erased), nil when they can: asked first by
// whatever would show or send a reply.
func (s *Service) CanReply(ctx context.Context, user string, enquiryID int64) error {
	if err := s.Authorize(ctx, user); err != nil {
		return err
	}
	e, err := s.DB.GetEnquiry(ctx, enquiryID)
	if err != nil {
		return err
	}
	return s.canReply(e)
}

// LatestDraft returns the text of the newest usable draft of an enquiry, for
// the reply form; ok is false when there is none.
func (s *Service) LatestDraft(ctx context.Context, enquiryID int64) (body string, ok bool, err error) {
	d, ok, err := s.DB.LatestReadyDraft(ctx, enquiryID)
	if err != nil || !ok {
		return "", false, err
	}
	return stripCitations(d.Body), true, nil
}

// DiscardDraft throws a draft away; its message loses its buttons.
func (s *Service) DiscardDraft(ctx context.Context, user string, draftID int64) error {
	if err := s.Authorize(ctx, user); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *storage.Tx) error {
		d, err := tx.LockDraft(ctx, draftID)
		if err != nil {
			return err
		}
		if d.State == storage.DraftDiscarded {
			return affaldsbot.NewError(affaldsbot.ECONFLICT, "draft_discarded_already", strconv.FormatInt(draftID, 10))
		}
		if err := tx.SetDraftState(ctx, draftID, storage.DraftDiscarded); err != nil {
			return err
		}
		tx.Enqueue(RenderDraftArgs{DraftID: draftID})
		return nil
	})
}

func usable(d *storage.Draft) error {
	switch {
	case d.State == storage.DraftDiscarded:
		return affaldsbot.NewError(affaldsbot.ECONFLICT, "draft_discarded")
	case d.Stale:
		return affaldsbot.NewError(affaldsbot.ECONFLICT, "draft_stale")
	case d.State == storage.DraftPending:
		return affaldsbot.NewError(affaldsbot.ECONFLICT, "draft_pending")
	case d.State == storage.DraftFailed:
		return affaldsbot.NewError(affaldsbot.ECONFLICT, "draft_failed")
	}
	return nil
}

func orConflict(err error, conflict bool, key string, args ...any) error {
	if err != nil || !conflict {
		return err
	}
	return affaldsbot.NewError(affaldsbot.ECONFLICT, key, args...)
}
