package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
)

// The reply modal (docs/slack.md). Slack's text input holds at most
// MaxInputChars characters, a reply up to handlers.MaxReplyChars, so the
// reply is written in up to ReplyFields fields, sent as one text with a blank
// line between them: the first is reply_body/body, the next reply_body_2/body
// and so on. A long draft fills as many fields as it needs; the adviser adds
// one with the modal's own button, and the modal says so before they write.
// ReplyToBlockID asks for the address when the mail gave none that can be
// trusted.
const (
	ReplyModalCallbackID = "reply_modal"
	ReplyBodyBlockID     = "reply_body"
	ReplyBodyActionID    = "body"
	ActionReplyMore      = "reply_more" // button in the modal: one more field
	ReplyFields          = 10           // fields at most: a reply of MaxReplyChars fits in any case
	ReplyToBlockID       = "reply_to"
	ReplyToActionID      = "address"
)

type modalLabels struct {
	title, send, cancel, to, subject, body, more, hint, draft, kept, askTo, unknownTo string
}

var modalTexts = map[string]modalLabels{
	LangDanish: {title: "Svar borgeren", send: "Send", cancel: "Annullér", to: "Til", subject: "Emne", body: "Svar",
		more:  "Flere felter",
		hint:  "Et felt rummer højst %s tegn. Skal svaret være længere, så tryk *Flere felter*: felterne sendes som ét svar med en tom linje imellem, højst %s tegn i alt.",
		draft: "Udfyldt med seneste udkast – læs det igennem før du sender.", kept: "Din tekst",
		askTo: "Borgerens e-mailadresse", unknownTo: "Afsenderens adresse kunne ikke læses sikkert ud af mailen. Skriv den adresse, svaret skal til."},
	LangEnglish: {title: "Reply to the citizen", send: "Send", cancel: "Cancel", to: "To", subject: "Subject", body: "Reply",
		more:  "More fields",
		hint:  "A field holds at most %s characters. For a longer reply press *More fields*: the fields are sent as one reply with a blank line between them, at most %s characters in all.",
		draft: "Filled in from the latest draft – read it through before sending.", kept: "Your text",
		askTo: "The citizen's e-mail address", unknownTo: "The sender's address could not be read reliably from the mail. Type the address the reply goes to."},
}

func modalLabelsFor(lang string) modalLabels {
	if l, ok := modalTexts[lang]; ok {
		return l
	}
	return modalTexts[LangDanish]
}

// ReplyModal is the modal an adviser writes a reply in: recipient and subject
// shown, the text prefilled with the latest draft, in as many fields as it
// needs (at least one).
func ReplyModal(f *handlers.ReplyForm, lang string) slack.ModalViewRequest {
	parts := ReplyParts(f.Draft)
	return replyModal(f, lang, modalState{texts: parts, fields: len(parts), fromDraft: f.Draft != ""})
}

// modalState is what an open reply modal holds: the fields' texts, how many
// fields it has, the address typed and whether it began from a draft.
type modalState struct {
	texts     []string
	fields    int
	to        string
	fromDraft bool
	answer    string // the standard answer it was filled with ("" none)
}

// replyModal renders the modal with st's fields, the first ones filled.
func replyModal(f *handlers.ReplyForm, lang string, st modalState) slack.ModalViewRequest {
	l := modalLabelsFor(lang)
	facts := "*" + l.to + ":* " + Truncate(EscapeLine(f.To), FieldChars, "…") + "\n*" + l.subject + ":* " + Truncate(EscapeLine(f.Subject), FieldChars, "…")
	blocks := []slack.Block{slack.NewSectionBlock(mrkdwn(facts), nil, nil, slack.SectionBlockOptionBlockID("reply_facts"))}
	if p := answerPicker(f.Answers, lang); p != nil {
		blocks = append(blocks, p)
	}
	meta := strconv.FormatInt(f.Enquiry.ID, 10)
	if st.answer != "" {
		meta += ":" + st.answer
		blocks = append(blocks, contextBlock("reply_answer_inserted", localText(lang, "answer_inserted", st.answer)))
	}
	if f.AskAddress {
		to := slack.NewEmailTextInputBlockElement(nil, ReplyToActionID)
		to.InitialValue = st.to
		blocks = append(blocks, contextBlock("reply_to_unknown", l.unknownTo), slack.NewInputBlock(ReplyToBlockID, plain(l.askTo), nil, to))
	}
	texts, n := st.texts, st.fields
	if st.fromDraft {
		blocks = append(blocks, contextBlock("reply_draft", l.draft))
	}
	blocks = append(blocks, contextBlock("reply_hint", fmt.Sprintf(l.hint, thousands(MaxInputChars, lang), thousands(handlers.MaxReplyChars, lang))))
	for i := range min(max(n, 1), ReplyFields) {
		text := ""
		if i < len(texts) {
			text = texts[i]
		}
		blocks = append(blocks, replyField(i, text, l))
	}
	if n < ReplyFields {
		more := slack.NewButtonBlockElement(ActionReplyMore, strconv.FormatInt(f.Enquiry.ID, 10), plain(l.more))
		blocks = append(blocks, slack.NewActionBlock("reply_more", more))
	}
	return slack.ModalViewRequest{Type: slack.VTModal, CallbackID: ReplyModalCallbackID,
		PrivateMetadata: meta, Title: plain(Truncate(l.title+" "+f.Enquiry.Ref(), MaxModalTitle, "…")),
		Submit: plain(l.send), Close: plain(l.cancel), Blocks: slack.Blocks{BlockSet: blocks}}
}

// replyField is the i-th text field (from 0); all but the first may stay empty.
func replyField(i int, text string, l modalLabels) slack.Block {
	label := l.body
	if i > 0 {
		label += " (" + strconv.Itoa(i+1) + ")"
	}
	input := slack.NewPlainTextInputBlockElement(nil, ReplyBodyActionID)
	input.Multiline = true
	input.MaxLength = MaxInputChars
	input.InitialValue = text
	return slack.NewInputBlock(ReplyFieldBlockID(i), plain(label), nil, input).WithOptional(i > 0)
}

// ReplyFieldBlockID is the block_id of the i-th reply field (from 0).
func ReplyFieldBlockID(i int) string {
	if i == 0 {
		return ReplyBodyBlockID
	}
	return ReplyBodyBlockID + "_" + strconv.Itoa(i+1)
}

// ReplyParts splits a text into the fields of the reply modal, pieces of at
// most MaxInputChars characters: at paragraph breaks, so the fields joined
// with a blank line give back the text, unless that takes more than
// ReplyFields fields; then each piece is filled to at least four fifths and
// cut at the last paragraph, line or word break in it (a text longer than any
// reply is cut).
func ReplyParts(text string) []string {
	if parts, ok := splitReply(text, 0, 1); ok {
		return parts
	}
	parts, _ := splitReply(text, 4, 5)
	return parts
}

// splitReply cuts pieces at their last break past num/den of their length;
// ok is false when the text needs more than ReplyFields of them.
func splitReply(text string, num, den int) (parts []string, ok bool) {
	s := strings.TrimSpace(text)
	for ; s != "" && len(parts) < ReplyFields; s = strings.TrimSpace(s[len(parts[len(parts)-1]):]) {
		head := s
		if len([]rune(s)) > MaxInputChars {
			head = cutRunes(s, MaxInputChars)
			head = head[:softCut(head, len(head)*num/den)]
		}
		parts = append(parts, head)
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts, s == ""
}

// replyText joins the fields of a submitted reply modal into the reply.
func replyText(values map[string]map[string]slack.BlockAction) string {
	var parts []string
	for i := range ReplyFields {
		if v := strings.TrimSpace(values[ReplyFieldBlockID(i)][ReplyBodyActionID].Value); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, "\n\n")
}

// thousands writes n with the language's thousands separator: 3.000, 3,000.
func thousands(n int, lang string) string {
	s, sep := strconv.Itoa(n), "."
	if lang == LangEnglish {
		sep = ","
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
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

// moreReplyFields adds a field to an open reply modal, keeping what was
// written (views.update with the same block and action IDs).
func (r *Receiver) moreReplyFields(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, _, err := replyMeta(cb.View.PrivateMetadata)
	var f *handlers.ReplyForm
	if err == nil {
		f, err = r.h.ReplyForm(ctx, cb.User.ID, id)
	}
	if err != nil {
		return err // the modal has no channel to answer in; the submission will say it
	}
	st := currentModal(cb)
	st.fields++
	_, err = r.bot.api.UpdateViewContext(ctx, replyModal(f, r.bot.lang, st), "", cb.View.Hash, cb.View.ID)
	return err
}

// currentModal reads what an open reply modal holds.
func currentModal(cb *slack.InteractionCallback) modalState {
	var st modalState
	for _, b := range cb.View.Blocks.BlockSet {
		switch b := b.(type) {
		case *slack.InputBlock:
			if strings.HasPrefix(b.BlockID, ReplyBodyBlockID) {
				st.fields++
			}
		case *slack.ContextBlock:
			st.fromDraft = st.fromDraft || b.BlockID == "reply_draft"
		}
	}
	_, st.answer, _ = replyMeta(cb.View.PrivateMetadata)
	if cb.View.State == nil {
		return st
	}
	for i := range st.fields {
		st.texts = append(st.texts, cb.View.State.Values[ReplyFieldBlockID(i)][ReplyBodyActionID].Value)
	}
	st.to = cb.View.State.Values[ReplyToBlockID][ReplyToActionID].Value
	return st
}

// replySubmitted checks the text at once (an error is shown in the modal) and
// records the reply after the acknowledgement, once for the view however
// often the submission arrives.
func (r *Receiver) replySubmitted(cb *slack.InteractionCallback, delivery handlers.Origin) any {
	body := replyText(cb.View.State.Values)
	if err := r.h.CheckReplyBody(body); err != nil {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{ReplyBodyBlockID: affaldsbot.ErrorText(r.bot.printer(), err)})
	}
	to, askedTo := cb.View.State.Values[ReplyToBlockID][ReplyToActionID]
	if err := r.h.CheckAddress(to.Value); askedTo && err != nil {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{ReplyToBlockID: affaldsbot.ErrorText(r.bot.printer(), err)})
	}
	user, origin := cb.User.ID, handlers.ViewOrigin(cb.View.ID).With(delivery)
	r.later("reply", func(ctx context.Context) error {
		id, answer, err := replyMeta(cb.View.PrivateMetadata)
		if err == nil && askedTo {
			err = r.h.SetCitizenAddress(ctx, user, id, to.Value)
		}
		if err == nil {
			_, err = r.h.ReplyWith(ctx, user, id, body, answer, origin)
		}
		return r.replyRefused(ctx, id, user, body, err)
	})
	if cb.View.PreviousViewID != "" {
		return slack.NewClearViewSubmissionResponse() // a pushed modal: close the one under it too
	}
	return nil
}

// replyRefused tells the adviser why their reply was not recorded and gives
// them back their text, so it is not lost.
func (r *Receiver) replyRefused(ctx context.Context, id int64, user, body string, err error) error {
	if err == nil {
		return nil
	}
	if affaldsbot.ErrorCode(err) == affaldsbot.EINTERNAL {
		r.logError(ctx, "reply", err)
	}
	channel := r.enquiryChannel(ctx, id)
	if channel == "" {
		return err
	}
	return r.bot.Ephemeral(ctx, channel, user, keptText(r.bot.printer(), err, body, r.bot.lang))
}

// enquiryChannel is the channel of an enquiry's root message, "" when unknown.
func (r *Receiver) enquiryChannel(ctx context.Context, id int64) string {
	channel, ok, err := r.h.RootChannel(ctx, id)
	if err != nil || !ok {
		return ""
	}
	return channel
}

// keptText is the reason a reply was refused and the whole text; an ephemeral
// message's text holds far more than the longest reply.
func keptText(p *locale.Printer, err error, text, lang string) string {
	quoted := Truncate(Escape(text), MaxPostText/2, "…")
	return affaldsbot.ErrorText(p, err) + "\n*" + modalLabelsFor(lang).kept + ":*\n```" + quoted + "```"
}
