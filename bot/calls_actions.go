package bot

import (
	"context"
	"fmt"
	"net/mail"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// handleCalls makes the receiver answer the call-back buttons of phone
// enquiries, their modals, and the register_call shortcut.
func (r *Receiver) handleCalls() {
	r.HandleAction(ActionCallResolved, r.callResolved)
	r.HandleAction(ActionCallNoAnswer, r.callNoAnswer)
	r.HandleAction(ActionCallWantsMail, r.callWantsMail)
	r.HandleAction(ActionCallBook, r.callBook)
}

// callResolved asks for the minutes and the outcome; the attempt is logged
// when the modal is submitted.
func (r *Receiver) callResolved(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseID(a.Value)
	if err == nil {
		err = r.h.Authorize(ctx, cb.User.ID)
	}
	if err == nil {
		_, err = r.bot.api.OpenViewContext(ctx, cb.TriggerID, CallResolvedModal(id, r.bot.lang))
	}
	return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
}

// callNoAnswer logs an unanswered call-back at once and tells the adviser,
// after the third, to write instead.
func (r *Receiver) callNoAnswer(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseID(a.Value)
	var res handlers.CallAttemptResult
	if err == nil {
		res, err = r.h.LogCallAttemptFrom(ctx, cb.User.ID, id, handlers.OutcomeNoAnswer, 0, "", pressOrigin(ctx, cb, a))
	}
	if err != nil {
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	if res.Repeat {
		return nil // this press was answered when it first came
	}
	return r.bot.Ephemeral(ctx, cb.Channel.ID, cb.User.ID, Escape(res.Text))
}

// callWantsMail turns a call into a mail conversation: with a known address
// the attempt is logged and the reply modal opens; without one a modal asks
// for it first.
func (r *Receiver) callWantsMail(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseID(a.Value)
	var e *affaldsbot.Enquiry
	if err == nil {
		err = r.h.Authorize(ctx, cb.User.ID)
	}
	if err == nil {
		e, err = r.h.Enquiry(ctx, id)
	}
	if err != nil {
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	if e.CitizenEmail == "" {
		_, err = r.bot.api.OpenViewContext(ctx, cb.TriggerID, CallEmailModal(id, r.bot.lang))
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	res, err := r.h.LogCallAttemptFrom(ctx, cb.User.ID, id, handlers.OutcomeWantsMail, 0, "", pressOrigin(ctx, cb, a))
	if err != nil {
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	if res.Repeat {
		return nil // this press was answered when it first came
	}
	f, err := r.h.ReplyForm(ctx, cb.User.ID, id)
	if err == nil {
		_, err = r.bot.api.OpenViewContext(ctx, cb.TriggerID, ReplyModal(f, r.bot.lang))
	}
	if err != nil {
		return r.bot.Ephemeral(ctx, cb.Channel.ID, cb.User.ID, Escape(res.Text))
	}
	return nil
}

// callSubmitted takes the submission of a call modal: the input is checked
// at once (an error shows in the modal) and recorded after the
// acknowledgement. ok is false for a modal that is not a call modal.
func (r *Receiver) callSubmitted(cb *slack.InteractionCallback) (resp any, ok bool) {
	l := callLabelsFor(r.bot.lang)
	values := cb.View.State.Values
	switch cb.View.CallbackID {
	case CallResolvedModalID:
		minutes, err := modalMinutes(values)
		if err != nil {
			return inputError(CallMinutesBlockID, l.badMinutes), true
		}
		note := values[CallNoteBlockID][CallNoteAction].Value
		r.logAttemptLater(cb, handlers.OutcomeResolved, minutes, note)
	case CallEmailModalID:
		addr := strings.TrimSpace(values[CallEmailBlockID][CallEmailAction].Value)
		if a, err := mail.ParseAddress(addr); err != nil || a.Address != addr {
			return inputError(CallEmailBlockID, l.badEmail), true
		}
		r.logAttemptLater(cb, handlers.OutcomeWantsMail, 0, addr)
	case RegisterCallModalID:
		return r.registerSubmitted(cb)
	case CallBookModalID:
		return r.callBookSubmitted(cb), true
	default:
		return nil, false
	}
	return nil, true
}

func inputError(blockID, text string) any {
	return slack.NewErrorsViewSubmissionResponse(map[string]string{blockID: text})
}

// modalMinutes reads the minutes input: a whole number from 0 to 1440.
func modalMinutes(values map[string]map[string]slack.BlockAction) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(values[CallMinutesBlockID][CallMinutesAction].Value))
	if err != nil || n < 0 || n > 24*60 {
		return 0, fmt.Errorf("minutes %q", values[CallMinutesBlockID][CallMinutesAction].Value)
	}
	return n, nil
}

// logAttemptLater logs a call-back attempt from a modal and shows the
// adviser the result in the enquiry's channel.
func (r *Receiver) logAttemptLater(cb *slack.InteractionCallback, outcome string, minutes int, note string) {
	user, origin := cb.User.ID, handlers.ViewOrigin(cb.View.ID)
	r.later("call attempt", func(ctx context.Context) error {
		id, err := parseID(cb.View.PrivateMetadata)
		var res handlers.CallAttemptResult
		if err == nil {
			res, err = r.h.LogCallAttemptFrom(ctx, user, id, outcome, minutes, note, origin)
		}
		if err == nil && res.Repeat {
			return nil // this submission was acted on when it first came
		}
		channel := r.enquiryChannel(ctx, id)
		if err != nil || outcome == handlers.OutcomeResolved || channel == "" {
			return r.tell(ctx, channel, user, err)
		}
		return r.bot.Ephemeral(ctx, channel, user, Escape(res.Text))
	})
}
