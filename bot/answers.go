package bot

import (
	"context"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/answers"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// Standard answers in Slack. In the reply modal a picker (ActionReplyAnswer)
// inserts one: the modal is pushed again with the answer filled in, because
// Slack keeps what a field holds over views.update when its block and action
// IDs stay the same, and those are fixed. The pushed modal's
// private_metadata is "ID:NAME", so the reply counts the answer's use. The
// team lead edits the set with `/affald standardsvar NAME` (AnswerModal);
// saving it with the Danish text emptied retires the answer.
const (
	ReplyAnswersBlockID   = "reply_answers"
	ActionReplyAnswer     = "reply_answer" // static_select; option value = answer name
	AnswerModalCallbackID = "answer_modal" // private_metadata = the name
	AnswerTitleBlockID    = "answer_title"
	AnswerBodyBlockID     = "answer_body"
	AnswerBodyENBlockID   = "answer_body_en"
	AnswerValueActionID   = "value"
)

// handleAnswers makes the receiver answer the reply modal's picker.
func (r *Receiver) handleAnswers() {
	r.HandleAction(ActionReplyAnswer, r.answerPicked)
}

// answerPicker is the reply modal's picker, nil when there are no answers.
func answerPicker(list []answers.Answer, lang string) slack.Block {
	if len(list) == 0 {
		return nil
	}
	var opts []*slack.OptionBlockObject
	for _, a := range list[:min(len(list), MaxSelectOptions)] {
		opts = append(opts, slack.NewOptionBlockObject(a.Name, plain(Truncate("/"+a.Name+" – "+a.Title, MaxOptionText, "…")), nil))
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(localText(lang, "answer_pick")), ActionReplyAnswer, opts...)
	return slack.NewActionBlock(ReplyAnswersBlockID, sel)
}

// replyMeta reads a reply modal's private_metadata: "ID" or "ID:NAME".
func replyMeta(pm string) (int64, string, error) {
	idText, name, _ := strings.Cut(pm, ":")
	id, err := parseID(idText)
	return id, name, err
}

// answerPicked pushes the reply modal again with the chosen answer filled
// in, followed by what the adviser had written.
func (r *Receiver) answerPicked(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, _, err := replyMeta(cb.View.PrivateMetadata)
	name := a.SelectedOption.Value
	var text string
	var f *handlers.ReplyForm
	if err == nil {
		text, err = r.h.FillAnswer(ctx, cb.User.ID, id, name)
	}
	if err == nil {
		f, err = r.h.ReplyForm(ctx, cb.User.ID, id)
	}
	if err != nil {
		return err // the modal has no channel to answer in; the submission will say it
	}
	st := currentModal(cb)
	if typed := strings.TrimSpace(strings.Join(st.texts, "\n\n")); typed != "" && !st.fromDraft {
		text += "\n\n" + typed
	}
	parts := ReplyParts(text)
	v := replyModal(f, r.bot.lang, modalState{texts: parts, fields: len(parts), to: st.to, answer: name})
	_, err = r.bot.api.PushViewContext(ctx, cb.TriggerID, v)
	return err
}

// answersCommand is `/affald standardsvar [NAME]`: without a name the list,
// with one the team lead's editor.
func (r *Receiver) answersCommand(ctx context.Context, c *slack.SlashCommand, rest string) error {
	name := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(rest), "/"))
	if name == "" {
		return r.listAnswers(ctx, c)
	}
	a, found, err := r.h.StandardAnswer(ctx, c.UserID, name)
	if err == nil && !found {
		if answers.CheckName(name) != nil {
			err = affaldsbot.NewError(affaldsbot.EINVALID, "answer_bad_name", name, answers.MaxNameChars)
		}
		a = answers.Answer{Name: name}
	}
	if err == nil {
		_, err = r.bot.api.OpenViewContext(ctx, c.TriggerID, AnswerModal(a, r.bot.lang))
	}
	return r.tell(ctx, c.ChannelID, c.UserID, err)
}

func (r *Receiver) listAnswers(ctx context.Context, c *slack.SlashCommand) error {
	if err := r.h.Authorize(ctx, c.UserID); err != nil {
		return r.tell(ctx, c.ChannelID, c.UserID, err)
	}
	list, err := r.h.StandardAnswers(ctx)
	if err != nil {
		return err
	}
	lines := []string{"*" + localText(r.bot.lang, "answers_title") + "*"}
	for _, a := range list {
		lines = append(lines, "• `/"+a.Name+"` "+EscapeLine(a.Title))
	}
	if len(list) == 0 {
		lines = append(lines, localText(r.bot.lang, "answers_none"))
	}
	lines = append(lines, "_"+localText(r.bot.lang, "answers_usage")+"_")
	return r.bot.Ephemeral(ctx, c.ChannelID, c.UserID, Truncate(strings.Join(lines, "\n"), MaxPostText, "…"))
}

// AnswerModal is the team lead's editor of one standard answer.
func AnswerModal(a answers.Answer, lang string) slack.ModalViewRequest {
	field := func(blockID, label, value string, max int, multiline, optional bool) slack.Block {
		in := slack.NewPlainTextInputBlockElement(nil, AnswerValueActionID)
		in.InitialValue, in.MaxLength, in.Multiline = value, max, multiline
		return slack.NewInputBlock(blockID, plain(label), nil, in).WithOptional(optional)
	}
	blocks := []slack.Block{
		slack.NewSectionBlock(mrkdwn("`/"+a.Name+"`"), nil, nil, slack.SectionBlockOptionBlockID("answer_name")),
		contextBlock("answer_vars", localText(lang, "answer_vars_hint")),
		field(AnswerTitleBlockID, localText(lang, "answer_field_title"), a.Title, answers.MaxTitleChars, false, false),
		field(AnswerBodyBlockID, localText(lang, "answer_field_body"), a.Body, answers.MaxBodyChars, true, true),
		field(AnswerBodyENBlockID, localText(lang, "answer_field_body_en"), a.BodyEN, answers.MaxBodyChars, true, true),
		contextBlock("answer_retire", localText(lang, "answer_field_retire")),
	}
	return slack.ModalViewRequest{Type: slack.VTModal, CallbackID: AnswerModalCallbackID, PrivateMetadata: a.Name,
		Title: plain(Truncate(localText(lang, "answer_modal_title"), MaxModalTitle, "…")), Submit: plain(localText(lang, "save")),
		Close: plain(localText(lang, "cancel")), Blocks: slack.Blocks{BlockSet: blocks}}
}

// answerSubmitted saves the team lead's answer; a mistake is shown in the
// modal, a refusal in an ephemeral message.
func (r *Receiver) answerSubmitted(cb *slack.InteractionCallback) any {
	v := cb.View.State.Values
	a := answers.Answer{Name: cb.View.PrivateMetadata, Title: strings.TrimSpace(v[AnswerTitleBlockID][AnswerValueActionID].Value),
		Body: strings.TrimSpace(v[AnswerBodyBlockID][AnswerValueActionID].Value), BodyEN: strings.TrimSpace(v[AnswerBodyENBlockID][AnswerValueActionID].Value)}
	retire := a.Body == "" // an emptied text retires the answer
	if !retire {
		if err := a.Check(); err != nil {
			return slack.NewErrorsViewSubmissionResponse(map[string]string{AnswerBodyBlockID: err.Error()})
		}
	}
	user := cb.User.ID
	r.later("answer", func(ctx context.Context) error {
		err := r.h.SaveStandardAnswer(ctx, user, a, retire)
		if err != nil {
			r.logError(ctx, "answer", err)
			return nil
		}
		return nil
	})
	return nil
}

var _ handlers.AdviserNames = (*Bot)(nil)

// AdviserName is the adviser's full name in Slack ({rådgiver} in standard
// answers), "" when Slack has none.
func (b *Bot) AdviserName(ctx context.Context, user string) (string, error) {
	u, err := b.api.GetUserInfoContext(ctx, user)
	if err != nil {
		return "", err
	}
	if u.Profile.RealName != "" {
		return u.Profile.RealName, nil
	}
	return u.RealName, nil
}
