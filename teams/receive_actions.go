package teams

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// Content types of a universal action's answer
// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards).
const (
	typeMessage = "application/vnd.microsoft.activity.message"
	typeError   = "application/vnd.microsoft.error"
)

// actionValue is the value of an adaptiveCard/action invoke.
type actionValue struct {
	Action struct {
		Type string `json:"type"`
		Verb string `json:"verb"`
		Data struct {
			Enquiry string `json:"enquiry"`
		} `json:"data"`
	} `json:"action"`
}

// verbActions are the root card's state-changing verbs and the handlers'
// actions, as Slack's buttons call them.
var verbActions = map[string]string{
	VerbClaim: handlers.ActClaim, VerbRelease: handlers.ActRelease,
	VerbClose: handlers.ActClose, VerbReopen: handlers.ActReopen,
}

// cardAction answers a root card's Action.Execute with the card as it now
// stands, or with a text saying why nothing was done.
func (r *Receiver) cardAction(ctx context.Context, a *incoming) (any, error) {
	var v actionValue
	if err := json.Unmarshal(a.Value, &v); err != nil {
		return nil, refuse(http.StatusBadRequest, "malformed action: %v", err)
	}
	if v.Action.Type != "Action.Execute" {
		return nil, refuse(http.StatusBadRequest, "action type %q, want Action.Execute", v.Action.Type)
	}
	id, err := enquiryID(v.Action.Data.Enquiry)
	if err != nil {
		return nil, err
	}
	user, verb := a.From.AADObjectID, v.Action.Verb
	switch verb {
	case VerbRefresh, VerbReply: // reply: a card from before the dialog button; the fresh card has it
		err = r.mayView(ctx, user)
	case VerbDraft:
		if err = r.mayAct(ctx, user); err == nil {
			err = r.cfg.Service.RequestDraft(ctx, user, id)
		}
	default:
		action, ok := verbActions[verb]
		if !ok {
			return nil, refuse(http.StatusBadRequest, "verb %q not handled", verb)
		}
		if err = r.mayAct(ctx, user); err == nil {
			_, err = r.cfg.Service.Act(ctx, user, id, action, "")
		}
	}
	if err != nil {
		return r.actionRefused(err)
	}
	view, err := r.cfg.Service.RootView(ctx, id)
	if err != nil {
		return r.actionRefused(err)
	}
	return map[string]any{"statusCode": http.StatusOK, "type": CardContentType, "value": r.cfg.Surface.RootCard(view)}, nil
}

// actionRefused shows a refusal as the action's message; Teams shows it to
// the user who pressed the button alone.
func (r *Receiver) actionRefused(err error) (any, error) {
	text, err := r.userText(err)
	if err != nil {
		return nil, err
	}
	return map[string]any{"statusCode": http.StatusOK, "type": typeMessage, "value": text}, nil
}

// mayAct refuses anyone not in the advisers (Roles).
func (r *Receiver) mayAct(ctx context.Context, user string) error {
	ok, err := r.cfg.Roles.IsAdviser(ctx, user)
	if err != nil {
		return err
	}
	if !ok {
		return affaldsbot.NewError(affaldsbot.EFORBIDDEN, "teams_not_adviser")
	}
	return nil
}

// mayView refuses anyone who is neither adviser nor lead.
func (r *Receiver) mayView(ctx context.Context, user string) error {
	if ok, err := r.cfg.Roles.IsLead(ctx, user); err != nil || ok {
		return err
	}
	return r.mayAct(ctx, user)
}

// taskValue is the value of task/fetch and task/submit: the data of the
// button that opened the dialog, and on submit the dialog's inputs too.
type taskValue struct {
	Data struct {
		Enquiry string `json:"enquiry"`
		Dialog  string `json:"dialog"`
		Text    string `json:"text"`
		To      string `json:"to"`
	} `json:"data"`
}

func readTask(a *incoming) (taskValue, int64, error) {
	var v taskValue
	if err := json.Unmarshal(a.Value, &v); err != nil {
		return v, 0, refuse(http.StatusBadRequest, "malformed task: %v", err)
	}
	id, err := enquiryID(v.Data.Enquiry)
	return v, id, err
}

// taskFetch opens the reply dialog: the recipient and the subject shown,
// the latest draft filled in.
func (r *Receiver) taskFetch(ctx context.Context, a *incoming) (any, error) {
	_, id, err := readTask(a)
	if err != nil {
		return nil, err
	}
	user := a.From.AADObjectID
	var f *handlers.ReplyForm
	if err = r.mayAct(ctx, user); err == nil {
		f, err = r.cfg.Service.ReplyForm(ctx, user, id)
	}
	if err != nil {
		return r.taskMessage(err)
	}
	return r.dialog(f, newDialogID(), f.Draft, f.To, ""), nil
}

func newDialogID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// dialog is the reply dialog's card; problem, when set, says what was wrong
// with the text submitted, which is kept.
func (r *Receiver) dialog(f *handlers.ReplyForm, dialogID, text, to, problem string) any {
	p := r.p
	body := []any{}
	if problem != "" {
		body = append(body, map[string]any{"type": "RichTextBlock", "inlines": []any{
			map[string]any{"type": "TextRun", "text": "⚠️ " + problem, "color": "attention"}}})
	}
	if f.AskAddress {
		body = append(body, map[string]any{"type": "Input.Text", "id": "to", "label": p.Printf("teams_dialog_to"),
			"value": to, "style": "email", "isRequired": true, "errorMessage": p.Printf("teams_dialog_to")})
	} else {
		body = append(body, plain(p.Printf("teams_dialog_to"), f.To, false))
	}
	body = append(body, plain(p.Printf("teams_dialog_subject"), f.Subject, false),
		map[string]any{"type": "Input.Text", "id": "text", "label": p.Printf("teams_dialog_text"), "isMultiline": true,
			"value": text, "maxLength": handlers.MaxReplyChars})
	card := map[string]any{"type": "AdaptiveCard", "$schema": CardSchema, "version": CardVersion, "body": body,
		"actions": []any{map[string]any{"type": "Action.Submit", "title": p.Printf("teams_dialog_send"),
			"data": map[string]any{"enquiry": f.Enquiry.Ref(), "dialog": dialogID}}}}
	return map[string]any{"task": map[string]any{"type": "continue", "value": map[string]any{
		"title": p.Printf("teams_dialog_title", f.Enquiry.Ref()), "height": "large", "width": "large",
		"card": CardAttachment(card)}}}
}

// taskMessage closes the dialog with a text.
func (r *Receiver) taskMessage(err error) (any, error) {
	text, err := r.userText(err)
	if err != nil {
		return nil, err
	}
	return map[string]any{"task": map[string]any{"type": "message", "value": text}}, nil
}

// taskSubmit sends the dialog's reply, once for the dialog and the
// activity however often either arrives. A mistake in the text opens the
// dialog again with the text kept and the mistake said.
func (r *Receiver) taskSubmit(ctx context.Context, a *incoming) (any, error) {
	v, id, err := readTask(a)
	if err != nil {
		return nil, err
	}
	if v.Data.Dialog == "" {
		return nil, refuse(http.StatusBadRequest, "dialog id missing")
	}
	user := a.From.AADObjectID
	if err := r.mayAct(ctx, user); err != nil {
		return r.taskMessage(err)
	}
	f, err := r.cfg.Service.ReplyForm(ctx, user, id)
	if err != nil {
		return r.taskMessage(err)
	}
	body, to := strings.TrimSpace(v.Data.Text), strings.TrimSpace(v.Data.To)
	check := r.cfg.Service.CheckReplyBody(body)
	if check == nil && f.AskAddress {
		check = r.cfg.Service.CheckAddress(to)
	}
	if check != nil {
		text, err := r.userText(check)
		if err != nil {
			return nil, err
		}
		return r.dialog(f, v.Data.Dialog, v.Data.Text, to, text), nil
	}
	if f.AskAddress {
		if err := r.cfg.Service.SetCitizenAddress(ctx, user, id, to); err != nil {
			return r.taskMessage(err)
		}
	}
	text, answer, err := r.cfg.Service.ExpandAnswer(ctx, user, id, body)
	if err != nil {
		return r.taskMessage(err)
	}
	origin := handlers.DialogOrigin(v.Data.Dialog).With(handlers.ActivityOrigin(a.ID))
	m, err := r.cfg.Service.ReplyWith(ctx, user, id, text, answer, origin)
	if err != nil {
		return r.taskMessage(err)
	}
	to = f.To
	if m != nil && m.ToAddr != "" {
		to = m.ToAddr
	}
	return map[string]any{"task": map[string]any{"type": "message", "value": r.p.Printf("teams_reply_queued", f.Enquiry.Ref(), to)}}, nil
}
