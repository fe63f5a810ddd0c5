package bot

import (
	"context"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// handleDrafts makes the receiver answer the draft buttons: `enquiry_draft`
// on a root message asks for a draft, `draft_use` opens the reply modal
// filled in with the draft, `draft_discard` throws it away. Nothing is sent
// until the adviser submits the modal.
func (r *Receiver) handleDrafts() {
	r.HandleAction(ActionDraft, r.requestDraft)
	r.HandleAction(ActionDraftUse, r.useDraft)
	r.HandleAction(ActionDraftDiscard, r.discardDraft)
}

func (r *Receiver) requestDraft(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseID(a.Value)
	if err == nil {
		err = r.h.RequestDraft(ctx, cb.User.ID, id)
	}
	return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
}

// useDraft opens the reply modal of the draft's enquiry with the draft's
// text; a stale, failed or discarded draft is refused with the reason.
func (r *Receiver) useDraft(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseDraftID(a.Value)
	if err != nil {
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	body, enquiryID, err := r.h.DraftForReply(ctx, cb.User.ID, id)
	if err != nil {
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	f, err := r.h.ReplyForm(ctx, cb.User.ID, enquiryID)
	if err != nil {
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	f.Draft = Truncate(body, handlers.MaxReplyChars, "…")
	if _, err := r.bot.api.OpenViewContext(ctx, cb.TriggerID, ReplyModal(f, r.bot.lang)); err != nil {
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	return nil
}

func (r *Receiver) discardDraft(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseDraftID(a.Value)
	if err == nil {
		err = r.h.DiscardDraft(ctx, cb.User.ID, id)
	}
	return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
}

func parseDraftID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, affaldsbot.NewError(affaldsbot.EINVALID, "not_draft_number", s)
	}
	return id, nil
}
