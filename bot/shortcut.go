package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// shortcut answers a global shortcut after the acknowledgement: register_call
// opens its form for an adviser; anyone else sees why not in a modal (a
// global shortcut has no channel to answer in).
func (r *Receiver) shortcut(cb *slack.InteractionCallback) {
	if cb.CallbackID != RegisterCallShortcut {
		return
	}
	r.later("shortcut", func(ctx context.Context) error {
		view := RegisterCallModal(r.bot.lang)
		if err := r.h.Authorize(ctx, cb.User.ID); err != nil {
			if affaldsbot.ErrorCode(err) == affaldsbot.EINTERNAL {
				return err
			}
			view = NoticeModal(affaldsbot.ErrorText(r.bot.printer(), err), r.bot.lang)
		}
		if _, err := r.bot.api.OpenViewContext(ctx, cb.TriggerID, view); err != nil {
			return fmt.Errorf("open %s: %w", cb.CallbackID, err)
		}
		return nil
	})
}

// registerSubmitted checks the minutes at once and registers the call after
// the acknowledgement; the adviser is told its number in the channel it is
// posted in.
func (r *Receiver) registerSubmitted(cb *slack.InteractionCallback) (any, bool) {
	values := cb.View.State.Values
	minutes, err := modalMinutes(values)
	if err != nil {
		return inputError(CallMinutesBlockID, callLabelsFor(r.bot.lang).badMinutes), true
	}
	report := handlers.CallReport{Minutes: minutes,
		CallerName:   strings.TrimSpace(values[CallerNameBlockID][CallerNameAction].Value),
		CallerNumber: strings.TrimSpace(values[CallerPhoneBlockID][CallerPhoneAction].Value),
		Note:         strings.TrimSpace(values[CallNoteBlockID][CallNoteAction].Value)}
	topic := affaldsbot.Topic(values[CallTopicBlockID][CallTopicAction].SelectedOption.Value)
	user := cb.User.ID
	r.later("register call", func(ctx context.Context) error {
		return r.registerCall(ctx, user, report, topic)
	})
	return nil, true
}

func (r *Receiver) registerCall(ctx context.Context, user string, report handlers.CallReport, topic affaldsbot.Topic) error {
	channel := r.h.Routes.ForQueue(report.Queue)
	res, err := r.h.RegisterManualCall(ctx, user, report)
	if err == nil && topic != "" {
		err = r.h.SetTopic(ctx, user, res.EnquiryID, topic)
	}
	if err != nil {
		return r.tell(ctx, channel, user, err)
	}
	text := fmt.Sprintf(callLabelsFor(r.bot.lang).registered, "#"+strconv.FormatInt(res.EnquiryID, 10))
	if err := r.bot.Ephemeral(ctx, channel, user, text); err != nil {
		r.logError(ctx, "register call", err) // the call is stored; only the confirmation is lost
	}
	return r.publishHome(ctx, user)
}
