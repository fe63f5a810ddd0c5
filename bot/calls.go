package bot

import (
	"strconv"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/locale"
)

// Call-back buttons on a phone enquiry's root message (value = enquiry id),
// the modals they open and the global shortcut that registers a call.
const (
	ActionCallResolved   = "call_resolved"
	ActionCallNoAnswer   = "call_no_answer"
	ActionCallWantsMail  = "call_wants_mail"
	CallActionsBlockID   = "call_actions"
	CallResolvedModalID  = "call_resolved_modal" // callback_id; private_metadata = enquiry id
	CallEmailModalID     = "call_email_modal"    // callback_id; private_metadata = enquiry id
	RegisterCallShortcut = "register_call"       // the manifest's global shortcut
	RegisterCallModalID  = "register_call_modal"
	NoticeModalID        = "affaldsbot_notice" // a modal that only tells something

	CallMinutesBlockID = "call_minutes"
	CallMinutesAction  = "minutes"
	CallNoteBlockID    = "call_note"
	CallNoteAction     = "note"
	CallEmailBlockID   = "call_email"
	CallEmailAction    = "email"
	CallerNameBlockID  = "caller_name"
	CallerNameAction   = "name"
	CallerPhoneBlockID = "caller_number"
	CallerPhoneAction  = "number"
	CallTopicBlockID   = "call_topic"
	CallTopicAction    = "topic"
)

type callLabels struct {
	resolved, noAnswer, wantsMail                          string
	resolvedTitle, emailTitle, registerTitle, save, cancel string
	minutes, outcome, email, emailHint, name, number, note string
	topic, badMinutes, badEmail, registered, refusedTitle  string
	closeLabel                                             string
}

var callLabelsDA = newCallLabels(locale.Danish)

var callLabelsEN = newCallLabels(locale.English)

// newCallLabels fills a callLabels from the catalogue in lang.
func newCallLabels(lang string) callLabels {
	p := locale.NewPrinter(lang)
	return callLabels{
		resolved:      p.Printf("call_label_resolved"),
		noAnswer:      p.Printf("call_label_no_answer"),
		wantsMail:     p.Printf("call_label_wants_mail"),
		resolvedTitle: p.Printf("call_label_resolved_title"),
		emailTitle:    p.Printf("call_label_email_title"),
		registerTitle: p.Printf("call_label_register_title"),
		save:          p.Printf("call_label_save"),
		cancel:        p.Printf("call_label_cancel"),
		minutes:       p.Printf("call_label_minutes"),
		outcome:       p.Printf("call_label_outcome"),
		email:         p.Printf("call_label_email"),
		emailHint:     p.Printf("call_label_email_hint"),
		name:          p.Printf("call_label_name"),
		number:        p.Printf("call_label_number"),
		note:          p.Printf("call_label_note"),
		topic:         p.Printf("call_label_topic"),
		badMinutes:    p.Printf("call_label_bad_minutes"),
		badEmail:      p.Printf("call_label_bad_email"),
		registered:    p.Template("call_label_registered"),
		refusedTitle:  p.Printf("call_label_refused_title"),
		closeLabel:    p.Printf("call_label_close_label"),
	}
}

func callLabelsFor(lang string) *callLabels {
	if lang == LangEnglish {
		return &callLabelsEN
	}
	return &callLabelsDA
}

// CallActionsBlock is the row of call-back buttons of a phone enquiry that is
// still waiting (new or claimed); nil for anything else.
func CallActionsBlock(e *affaldsbot.Enquiry, lang string) *slack.ActionBlock {
	if e.Channel != affaldsbot.ChannelPhone || (e.Status != affaldsbot.StatusNew && e.Status != affaldsbot.StatusClaimed) {
		return nil
	}
	l := callLabelsFor(lang)
	value := strconv.FormatInt(e.ID, 10)
	button := func(id, label string) slack.BlockElement {
		return slack.NewButtonBlockElement(id, value, plain(label))
	}
	return slack.NewActionBlock(CallActionsBlockID, button(ActionCallResolved, l.resolved),
		button(ActionCallNoAnswer, l.noAnswer), button(ActionCallWantsMail, l.wantsMail),
		button(ActionCallBook, locale.NewPrinter(lang).Printf("callback_button")))
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

// CallResolvedModal asks for the minutes spent and a short outcome.
func CallResolvedModal(id int64, lang string) slack.ModalViewRequest {
	l := callLabelsFor(lang)
	blocks := []slack.Block{minutesInput(l), textInput(CallNoteBlockID, CallNoteAction, l.outcome, true, 500)}
	return modal(CallResolvedModalID, strconv.FormatInt(id, 10), l.resolvedTitle+" #"+strconv.FormatInt(id, 10), l, blocks)
}

// CallEmailModal asks for the address a phone enquiry is answered at.
func CallEmailModal(id int64, lang string) slack.ModalViewRequest {
	l := callLabelsFor(lang)
	input := slack.NewEmailTextInputBlockElement(nil, CallEmailAction)
	blocks := []slack.Block{slack.NewInputBlock(CallEmailBlockID, plain(l.email), plain(l.emailHint), input)}
	return modal(CallEmailModalID, strconv.FormatInt(id, 10), l.emailTitle+" #"+strconv.FormatInt(id, 10), l, blocks)
}

// RegisterCallModal is the form of the register_call shortcut: caller,
// number, note, topic and minutes spent.
func RegisterCallModal(lang string) slack.ModalViewRequest {
	l := callLabelsFor(lang)
	var options []*slack.OptionBlockObject
	for _, t := range affaldsbot.Topics {
		options = append(options, slack.NewOptionBlockObject(string(t), plain(TopicLabel(t, lang)), nil))
	}
	topic := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, CallTopicAction, options...)
	blocks := []slack.Block{
		textInput(CallerNameBlockID, CallerNameAction, l.name, true, 200),
		textInput(CallerPhoneBlockID, CallerPhoneAction, l.number, true, 40),
		textInput(CallNoteBlockID, CallNoteAction, l.note, true, 2000),
		slack.NewInputBlock(CallTopicBlockID, plain(l.topic), nil, topic).WithOptional(true),
		minutesInput(l),
	}
	return modal(RegisterCallModalID, "", l.registerTitle, l, blocks)
}

// NoticeModal is a modal that only shows text (a refusal where there is no
// channel to answer in).
func NoticeModal(text, lang string) slack.ModalViewRequest {
	l := callLabelsFor(lang)
	return slack.ModalViewRequest{Type: slack.VTModal, CallbackID: NoticeModalID, Title: plain(l.refusedTitle), Close: plain(l.closeLabel),
		Blocks: slack.Blocks{BlockSet: []slack.Block{textSection("notice", Truncate(text, MaxSectionText, "…"))}}}
}

func minutesInput(l *callLabels) slack.Block {
	n := slack.NewNumberInputBlockElement(nil, CallMinutesAction, false).WithMinValue("0").WithMaxValue("1440")
	return slack.NewInputBlock(CallMinutesBlockID, plain(l.minutes), nil, n)
}

func textInput(blockID, actionID, label string, optional bool, max int) slack.Block {
	in := slack.NewPlainTextInputBlockElement(nil, actionID)
	in.MaxLength = max
	in.Multiline = max > 200
	return slack.NewInputBlock(blockID, plain(label), nil, in).WithOptional(optional)
}

func modal(callbackID, metadata, title string, l *callLabels, blocks []slack.Block) slack.ModalViewRequest {
	return slack.ModalViewRequest{Type: slack.VTModal, CallbackID: callbackID, PrivateMetadata: metadata,
		Title: plain(Truncate(title, 24, "…")), Submit: plain(l.save), Close: plain(l.cancel), Blocks: slack.Blocks{BlockSet: blocks}}
}
