package bot

import (
	"context"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// Action IDs the receiver answers besides the root message's buttons.
const (
	ActionHandOver   = "enquiry_handover" // users_select on a claimed enquiry's root message
	ActionReplyRetry = "reply_retry"      // button on a failed reply's notice; value = message id
)

// registerActions makes the receiver answer every action and command of the
// Slack surface; NewReceiver calls it, so none can be left out.
func (r *Receiver) registerActions() {
	r.actions[ActionClaim] = r.act(handlers.ActClaim)
	r.actions[ActionRelease] = r.act(handlers.ActRelease)
	r.actions[ActionClose] = r.act(handlers.ActClose)
	r.actions[ActionReopen] = r.act(handlers.ActReopen)
	r.actions[ActionHandOver] = r.handOver
	r.actions[ActionReply] = r.openReplyModal
	r.actions[ActionReplyRetry] = r.retryReply
	r.actions[ActionReplyMore] = r.moreReplyFields
	r.actions[ActionMarkGap] = r.markGap
	r.handleDrafts()
	r.handleStats()
	r.handleCalls()
	r.handleMerge()
	r.handleFiling()
	r.handleForwarding()
	r.handleAnswers()
}

// interaction answers one interaction payload at once and leaves the work
// for later; what it returns (nil for nothing) goes back with the
// acknowledgement. delivery names the Socket Mode envelope it came in (nil
// over HTTP); the work finds it with deliveryOf.
func (r *Receiver) interaction(cb *slack.InteractionCallback, delivery handlers.Origin) any {
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		for _, a := range cb.ActionCallback.BlockActions {
			if fn := r.actions[a.ActionID]; fn != nil {
				r.later(a.ActionID, func(ctx context.Context) error { return fn(withDelivery(ctx, delivery), cb, a) })
			}
		}
	case slack.InteractionTypeViewSubmission:
		if cb.View.State == nil { // Slack always sends it; a payload without one has nothing filled in
			cb.View.State = &slack.ViewState{}
		}
		if cb.View.CallbackID == ReplyModalCallbackID {
			return r.replySubmitted(cb, delivery)
		}
		if cb.View.CallbackID == ForwardModalCallbackID {
			r.forwardSubmitted(cb, delivery)
			return nil
		}
		if cb.View.CallbackID == AnswerModalCallbackID {
			return r.answerSubmitted(cb)
		}
		if resp, ok := r.callSubmitted(cb); ok {
			return resp
		}
	case slack.InteractionTypeShortcut:
		r.shortcut(cb)
	}
	return nil
}

// act is the handler of a state-changing button whose value is the enquiry id.
func (r *Receiver) act(action string) ActionFunc {
	return func(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
		id, err := parseID(a.Value)
		if err == nil {
			_, err = r.h.Act(ctx, cb.User.ID, id, action, "")
		}
		return r.acted(ctx, cb, err)
	}
}

// handOver passes the enquiry of the message the picker sits on to the
// chosen adviser.
func (r *Receiver) handOver(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, ok, err := r.h.EnquiryOfRoot(ctx, cb.Channel.ID, cb.Container.MessageTs)
	if err == nil && !ok {
		err = affaldsbot.NewError(affaldsbot.ENOTFOUND, "unknown_action", a.ActionID)
	}
	if err == nil {
		_, err = r.h.Act(ctx, cb.User.ID, id, handlers.ActHandOver, a.SelectedUser)
	}
	return r.acted(ctx, cb, err)
}

// acted tells the adviser why an action failed, or refreshes their App Home.
func (r *Receiver) acted(ctx context.Context, cb *slack.InteractionCallback, err error) error {
	if err != nil {
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	return r.publishHome(ctx, cb.User.ID)
}

func (r *Receiver) retryReply(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseID(a.Value)
	if err == nil {
		err = r.h.RetryReply(ctx, cb.User.ID, id, pressOrigin(ctx, cb, a))
	}
	return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, affaldsbot.NewError(affaldsbot.EINVALID, "not_enquiry_number", s)
	}
	return id, nil
}

// HandOverPicker is the users_select on a claimed enquiry's root message that
// hands it to another adviser.
func HandOverPicker(lang string) *slack.SelectBlockElement {
	placeholder := "Giv videre til …"
	if lang == LangEnglish {
		placeholder = "Hand over to …"
	}
	return slack.NewOptionsSelectBlockElement(slack.OptTypeUser,
		slack.NewTextBlockObject(slack.PlainTextType, placeholder, false, false), ActionHandOver)
}

type deliveryKey struct{}

// withDelivery carries the keys of the envelope an interaction came in to the
// work done after its acknowledgement.
func withDelivery(ctx context.Context, delivery handlers.Origin) context.Context {
	return context.WithValue(ctx, deliveryKey{}, delivery)
}

func deliveryOf(ctx context.Context) handlers.Origin {
	o, _ := ctx.Value(deliveryKey{}).(handlers.Origin)
	return o
}

// pressOrigin names one press of a button: the action, the message it sits
// on and the press's ts, and the envelope it came in.
func pressOrigin(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) handlers.Origin {
	return handlers.ActionOrigin(a.ActionID, cb.Container.MessageTs, a.ActionTs).With(deliveryOf(ctx))
}
