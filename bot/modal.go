package bot

import (
	"context"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// The reply modal (SPEC §4.7). ReplyToBlockID asks for the address when the
// mail gave none that can be trusted.
const (
	ReplyModalCallbackID = "reply_modal"
	ReplyBodyBlockID     = "reply_body"
	ReplyBodyActionID    = "body"
	ReplyToBlockID       = "reply_to"
	ReplyToActionID      = "address"
)

type modalLabels struct{ title, send, cancel, to, subject, body, draft, kept, askTo, unknownTo string }

var modalTexts = map[string]modalLabels{
	LangDanish: {title: "Svar borgeren", send: "Send", cancel: "Annullér", to: "Til", subject: "Emne",
		body: "Svar", draft: "Udfyldt med seneste udkast – læs det igennem før du sender.", kept: "Din tekst",
		askTo: "Borgerens e-mailadresse", unknownTo: "Afsenderens adresse kunne ikke læses sikkert ud af mailen. Skriv den adresse, svaret skal til."},
	LangEnglish: {title: "Reply to the citizen", send: "Send", cancel: "Cancel", to: "To", subject: "Subject",
		body: "Reply", draft: "Filled in from the latest draft – read it through before sending.", kept: "Your text",
		askTo: "The citizen's e-mail address", unknownTo: "The sender's address could not be read reliably from the mail. Type the address the reply goes to."},
}

func modalLabelsFor(lang string) modalLabels {
	if l, ok := modalTexts[lang]; ok {
		return l
	}
	return modalTexts[LangDanish]
}

// ReplyModal is the modal an adviser writes a reply in: recipient and subject
// shown, the text prefilled with the latest draft.
func ReplyModal(f *handlers.ReplyForm, lang string) slack.ModalViewRequest {
	l := modalLabelsFor(lang)
	plain := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
	}
	facts := "*" + l.to + ":* " + Truncate(EscapeLine(f.To), FieldChars, "…") + "\n*" + l.subject + ":* " + Truncate(EscapeLine(f.Subject), FieldChars, "…")
	input := slack.NewPlainTextInputBlockElement(plain(l.body), ReplyBodyActionID)
	input.Multiline = true
	input.MaxLength = handlers.MaxReplyChars
	input.InitialValue = f.Draft
	blocks := []slack.Block{slack.NewSectionBlock(mrkdwn(facts), nil, nil, slack.SectionBlockOptionBlockID("reply_facts"))}
	if f.AskAddress {
		blocks = append(blocks, contextBlock("reply_to_unknown", l.unknownTo),
			slack.NewInputBlock(ReplyToBlockID, plain(l.askTo), nil, slack.NewEmailTextInputBlockElement(nil, ReplyToActionID)))
	}
	if f.Draft != "" {
		blocks = append(blocks, contextBlock("reply_draft", l.draft))
	}
	blocks = append(blocks, slack.NewInputBlock(ReplyBodyBlockID, plain(l.body), nil, input))
	return slack.ModalViewRequest{Type: slack.VTModal, CallbackID: ReplyModalCallbackID,
		PrivateMetadata: strconv.FormatInt(f.Enquiry.ID, 10), Title: plain(Truncate(l.title+" "+f.Enquiry.Ref(), 24, "…")),
		Submit: plain(l.send), Close: plain(l.cancel), Blocks: slack.Blocks{BlockSet: blocks}}
}

func (r *Receiver) openReplyModal(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseID(a.Value)
	var f *handlers.ReplyForm
	if err == nil {
		f, err = r.h.ReplyForm(ctx, cb.User.ID, id)
	}
	if err != nil {
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	if _, err := r.bot.api.OpenViewContext(ctx, cb.TriggerID, ReplyModal(f, r.bot.lang)); err != nil {
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	return nil
}

// replySubmitted checks the text at once (an error is shown in the modal) and
// records the reply after the acknowledgement.
func (r *Receiver) replySubmitted(cb *slack.InteractionCallback) any {
	body := cb.View.State.Values[ReplyBodyBlockID][ReplyBodyActionID].Value
	if err := r.h.CheckReplyBody(body); err != nil {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{ReplyBodyBlockID: affaldsbot.ErrorMessage(err)})
	}
	to, askedTo := cb.View.State.Values[ReplyToBlockID][ReplyToActionID]
	if err := r.h.CheckAddress(to.Value); askedTo && err != nil {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{ReplyToBlockID: affaldsbot.ErrorMessage(err)})
	}
	user := cb.User.ID
	r.later("reply", func(ctx context.Context) error {
		id, err := parseID(cb.View.PrivateMetadata)
		if err == nil && askedTo {
			err = r.h.SetCitizenAddress(ctx, user, id, to.Value)
		}
		if err == nil {
			_, err = r.h.Reply(ctx, user, id, body)
		}
		if err == nil {
			return nil
		}
		return r.tell(ctx, r.enquiryChannel(ctx, id), user, &keptText{err: err, text: body, lang: r.bot.lang})
	})
	return nil
}

// enquiryChannel is the channel of an enquiry's root message, "" when unknown.
func (r *Receiver) enquiryChannel(ctx context.Context, id int64) string {
	ref, ok, err := r.h.DB.SlackRef(ctx, id)
	if err != nil || !ok {
		return ""
	}
	return ref.Channel
}

// keptText is an error that carries the adviser's text back to them, so a
// reply that could not be recorded is not lost.
type keptText struct {
	err        error
	text, lang string
}

func (k *keptText) Error() string { return k.err.Error() }
func (k *keptText) Unwrap() error {
	return &affaldsbot.Error{Code: affaldsbot.ErrorCode(k.err), Message: k.message()}
}

func (k *keptText) message() string {
	quoted := Truncate(Escape(k.text), MaxSectionText, "…")
	return affaldsbot.ErrorMessage(k.err) + "\n*" + modalLabelsFor(k.lang).kept + ":*\n```" + quoted + "```"
}
