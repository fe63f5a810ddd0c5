package bot

import (
	"context"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
)

// Forwarding an enquiry to another authority (FORWARD_DESTINATIONS): the
// root message's button and `/affald videresend N` open the modal; its
// submission forwards once for the view however often it arrives.
const (
	ActionForward          = "enquiry_forward" // root button; value = enquiry id
	ForwardModalCallbackID = "forward_modal"   // private_metadata = enquiry id
	ForwardToBlockID       = "forward_to"
	ForwardToActionID      = "destination" // static_select; option value = destination key
	ForwardNoteBlockID     = "forward_note"
	ForwardNoteActionID    = "note"
	maxForwardNote         = 2000
)

// handleForwarding makes the receiver answer the forward button, the
// command and the modal.
func (r *Receiver) handleForwarding() {
	r.HandleAction(ActionForward, r.forwardPressed)
}

// withForwardButton adds the forward button to an open enquiry's root
// message when forwarding is on.
func withForwardButton(b *slack.ActionBlock, v rootMessage) *slack.ActionBlock {
	if !v.CanForward || v.Enquiry.Status == affaldsbot.StatusClosed {
		return b
	}
	btn := slack.NewButtonBlockElement(ActionForward, strconv.FormatInt(v.Enquiry.ID, 10),
		slack.NewTextBlockObject(slack.PlainTextType, localText(v.Lang, "forward_button"), true, false))
	if b == nil {
		return slack.NewActionBlock(ActionsBlockID, btn)
	}
	b.Elements.ElementSet = append(b.Elements.ElementSet, btn)
	return b
}

func (r *Receiver) forwardPressed(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseID(a.Value)
	if err == nil {
		err = r.openForwardModal(ctx, cb.User.ID, id, cb.TriggerID)
	}
	return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
}

// openForwardModal opens the modal for an adviser; anyone else is refused
// before it opens.
func (r *Receiver) openForwardModal(ctx context.Context, user string, id int64, trigger string) error {
	if err := r.h.Authorize(ctx, user); err != nil {
		return err
	}
	e, err := r.h.Enquiry(ctx, id)
	if err != nil {
		return err
	}
	if len(r.h.Destinations) == 0 {
		return affaldsbot.NewError(affaldsbot.EINVALID, "forward_off")
	}
	if e.Status == affaldsbot.StatusClosed {
		return affaldsbot.NewError(affaldsbot.ECONFLICT, "already_closed", e.Ref())
	}
	_, err = r.bot.api.OpenViewContext(ctx, trigger, ForwardModal(e, r.h.Destinations, r.bot.lang))
	return err
}

// ForwardModal is the modal that forwards an enquiry: the destination
// (a static_select of at most MaxSelectOptions) and a note to it.
func ForwardModal(e *affaldsbot.Enquiry, dests []handlers.Destination, lang string) slack.ModalViewRequest {
	var opts []*slack.OptionBlockObject
	for _, d := range dests[:min(len(dests), MaxSelectOptions)] {
		label := Truncate(d.Name+" · "+d.Address, MaxOptionText, "…")
		opts = append(opts, slack.NewOptionBlockObject(d.Key, plain(label), nil))
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, ForwardToActionID, opts...)
	note := slack.NewPlainTextInputBlockElement(nil, ForwardNoteActionID)
	note.Multiline, note.MaxLength = true, maxForwardNote
	blocks := []slack.Block{
		contextBlock("forward_explain", localText(lang, "forward_explain")),
		slack.NewInputBlock(ForwardToBlockID, plain(localText(lang, "forward_field_to")), nil, sel),
		slack.NewInputBlock(ForwardNoteBlockID, plain(localText(lang, "forward_field_note")), nil, note).WithOptional(true),
	}
	return slack.ModalViewRequest{Type: slack.VTModal, CallbackID: ForwardModalCallbackID, PrivateMetadata: strconv.FormatInt(e.ID, 10),
		Title:  plain(Truncate(localText(lang, "forward_modal_title", e.Ref()), MaxModalTitle, "…")),
		Submit: plain(localText(lang, "forward_send")), Close: plain(localText(lang, "cancel")), Blocks: slack.Blocks{BlockSet: blocks}}
}

// forwardSubmitted forwards after the acknowledgement, once for the view.
func (r *Receiver) forwardSubmitted(cb *slack.InteractionCallback, delivery handlers.Origin) {
	values := cb.View.State.Values
	key := values[ForwardToBlockID][ForwardToActionID].SelectedOption.Value
	note := values[ForwardNoteBlockID][ForwardNoteActionID].Value
	user, origin := cb.User.ID, handlers.ViewOrigin(cb.View.ID).With(delivery)
	r.later("forward", func(ctx context.Context) error {
		id, err := parseID(cb.View.PrivateMetadata)
		var f *handlers.Forwarded
		if err == nil {
			f, err = r.h.Forward(ctx, user, id, key, note, origin)
		}
		channel := r.enquiryChannel(ctx, id)
		if err != nil {
			return r.tell(ctx, channel, user, err)
		}
		if f == nil || channel == "" {
			return nil
		}
		return r.bot.Ephemeral(ctx, channel, user, r.forwardDoneText(f))
	})
}

func (r *Receiver) forwardDoneText(f *handlers.Forwarded) string {
	told := "forward_done_notice"
	if !f.Notice {
		told = "forward_done_no_notice"
	}
	return localText(r.bot.lang, "forward_done", f.Enquiry.Ref(), EscapeLine(f.Destination.Name), EscapeLine(f.Destination.Address)) +
		" " + localText(r.bot.lang, told)
}

// forwardCommand opens the modal for `/affald videresend N`.
func (r *Receiver) forwardCommand(ctx context.Context, c *slack.SlashCommand, rest string) error {
	first, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
	id, err := parseID(strings.TrimPrefix(first, "#"))
	if err == nil {
		err = r.openForwardModal(ctx, c.UserID, id, c.TriggerID)
	}
	if err != nil {
		return r.tell(ctx, c.ChannelID, c.UserID, err)
	}
	return nil
}

// forwardedLine is the root message's note of where a forwarded enquiry went.
func forwardedLine(v rootMessage) string {
	return "↪ " + localText(v.Lang, "forward_shown", Truncate(EscapeLine(v.ForwardedTo), FieldChars, "…"))
}

// localText is the catalogue's text (package locale) in lang.
func localText(lang, key string, args ...any) string {
	return locale.NewPrinter(lang).Printf(key, args...)
}
