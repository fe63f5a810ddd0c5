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

var callLabelsDA = callLabels{resolved: "Ringet op – løst", noAnswer: "Ingen svar", wantsMail: "Skal have svar på mail",
	resolvedTitle: "Opkald løst", emailTitle: "Svar på mail", registerTitle: "Registrér opkald", save: "Gem", cancel: "Annullér",
	minutes: "Minutter brugt", outcome: "Kort om udfaldet", email: "Borgerens mailadresse", emailHint: "Svaret sendes hertil fra den fælles postkasse.",
	name: "Hvem ringede", number: "Telefonnummer", note: "Note", topic: "Emne",
	badMinutes: "Skriv et helt antal minutter mellem 0 og 1440.", badEmail: "Det er ikke en gyldig mailadresse.",
	registered: "Opkaldet er registreret som %s.", refusedTitle: "affaldsbot", closeLabel: "Luk"}

var callLabelsEN = callLabels{resolved: "Called back – resolved", noAnswer: "No answer", wantsMail: "Wants the answer by mail",
	resolvedTitle: "Call resolved", emailTitle: "Answer by mail", registerTitle: "Register a call", save: "Save", cancel: "Cancel",
	minutes: "Minutes spent", outcome: "Outcome in brief", email: "The citizen's e-mail address", emailHint: "The answer is sent here from the shared mailbox.",
	name: "Who called", number: "Phone number", note: "Note", topic: "Topic",
	badMinutes: "Write a whole number of minutes between 0 and 1440.", badEmail: "That is not a valid e-mail address.",
	registered: "The call is registered as %s.", refusedTitle: "affaldsbot", closeLabel: "Close"}

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
