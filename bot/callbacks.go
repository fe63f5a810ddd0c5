package bot

import (
	"context"
	"strconv"
	"time"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/storage"
)

// Booking a call-back: the button on a call enquiry's root message (value =
// enquiry id) and its modal (private_metadata = enquiry id).
const (
	ActionCallBook        = "call_book"
	CallBookModalID       = "call_book_modal"
	CallBookWhenBlockID   = "call_book_when"
	CallBookWhenAction    = "when" // datetimepicker
	CallBookNotifyBlockID = "call_book_notify"
	CallBookNotifyAction  = "notify" // radio buttons: "", "mail", "sms"
)

// CallBookModal asks when to call back and how to tell the citizen: by mail
// when an address is known, by SMS when the gateway is configured and a
// number is known.
func CallBookModal(e *affaldsbot.Enquiry, canSMS bool, lang string) slack.ModalViewRequest {
	p := locale.NewPrinter(lang)
	when := slack.NewInputBlock(CallBookWhenBlockID, plain(p.Printf("callback_when")), plain(p.Printf("callback_when_hint")),
		slack.NewDateTimePickerBlockElement(CallBookWhenAction))
	blocks := []slack.Block{when}
	option := func(value, label string) *slack.OptionBlockObject {
		return slack.NewOptionBlockObject(value, plain(Truncate(label, 75, "…")), nil)
	}
	none := option("none", p.Printf("callback_notify_none"))
	options := []*slack.OptionBlockObject{none}
	if e.CitizenEmail != "" {
		options = append(options, option(handlers.NotifyMail, p.Printf("callback_notify_mail", e.CitizenEmail)))
	}
	if canSMS && affaldsbot.PhoneE164(e.CitizenPhone) != "" {
		options = append(options, option(handlers.NotifySMS, p.Printf("callback_notify_sms")))
	}
	if len(options) > 1 {
		radio := slack.NewRadioButtonsBlockElement(CallBookNotifyAction, options...)
		radio.InitialOption = none
		blocks = append(blocks, slack.NewInputBlock(CallBookNotifyBlockID, plain(p.Printf("callback_notify")), nil, radio))
	}
	l := callLabelsFor(lang)
	return modal(CallBookModalID, strconv.FormatInt(e.ID, 10), p.Printf("callback_modal_title", e.Ref()), l, blocks)
}

// callBook opens the booking modal for an adviser.
func (r *Receiver) callBook(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseID(a.Value)
	var e *affaldsbot.Enquiry
	if err == nil {
		err = r.h.Authorize(ctx, cb.User.ID)
	}
	if err == nil {
		e, err = r.h.Enquiry(ctx, id)
	}
	if err == nil {
		_, err = r.bot.api.OpenViewContext(ctx, cb.TriggerID, CallBookModal(e, r.h.CanSMS(), r.bot.lang))
	}
	return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
}

// callBookSubmitted checks the time at once (an error shows in the modal)
// and books the call-back after the acknowledgement, once per submitted view.
func (r *Receiver) callBookSubmitted(cb *slack.InteractionCallback) any {
	values := cb.View.State.Values
	secs := values[CallBookWhenBlockID][CallBookWhenAction].SelectedDateTime
	if secs <= 0 {
		return inputError(CallBookWhenBlockID, r.bot.printer().Printf("callback_pick_time"))
	}
	at := time.Unix(secs, 0)
	if err := r.h.CheckCallbackTime(at); err != nil {
		return inputError(CallBookWhenBlockID, affaldsbot.ErrorText(r.bot.printer(), err))
	}
	notify := values[CallBookNotifyBlockID][CallBookNotifyAction].SelectedOption.Value
	if notify == "none" {
		notify = handlers.NotifyNone
	}
	user, origin := cb.User.ID, handlers.ViewOrigin(cb.View.ID)
	r.later("book call-back", func(ctx context.Context) error {
		id, err := parseID(cb.View.PrivateMetadata)
		var c *storage.Callback
		if err == nil {
			c, err = r.h.BookCallback(ctx, user, handlers.CallbackBooking{EnquiryID: id, At: at, Notify: notify}, origin)
		}
		channel := r.enquiryChannel(ctx, id)
		if err != nil || c == nil || channel == "" {
			return r.tell(ctx, channel, user, err)
		}
		return r.bot.Ephemeral(ctx, channel, user, r.bot.printer().Printf("callback_booked", "#"+strconv.FormatInt(id, 10),
			r.h.CallbackWhen(at)))
	})
	return nil
}
