package teams

import (
	"github.com/affaldsbot/affaldsbot"
)

// Adaptive Card constants: Teams renders schema version 1.5.
const (
	CardContentType = "application/vnd.microsoft.card.adaptive"
	CardSchema      = "http://adaptivecards.io/schemas/adaptive-card.json"
	CardVersion     = "1.5"
)

// Verbs of the root card's Action.Execute buttons and of its refresh.
const (
	VerbClaim   = "claim"
	VerbRelease = "release"
	VerbReply   = "reply"
	VerbDraft   = "draft"
	VerbClose   = "close"
	VerbReopen  = "reopen"
	VerbRefresh = "refresh"
)

// CardLabels are the fixed texts of the card in the team's language; the
// caller fills them from the locale catalogue.
type CardLabels struct {
	From, Status, Holder, Deadline string
	Verbs                          map[string]string // button title per verb
}

// RootView is what the enquiry's root card shows. Every string but the
// labels is shown as plain text: citizen text is never read as markdown.
type RootView struct {
	Number     string // "H-2026-0042"
	Sender     string
	Subject    string
	Status     affaldsbot.Status
	StatusText string // the status in the team's language
	Holder     string
	Deadline   string // already formatted
	Preview    string
	// RefreshUserIDs are the members whose clients refresh the card
	// automatically (Teams honours at most 60).
	RefreshUserIDs []string
}

// maxRefreshUsers is the most users a card shows a view of their own to
// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views).
const maxRefreshUsers = 60

// VerbsFor lists the buttons that fit a status, in the order they are
// shown; the same choice the Slack root message makes.
func VerbsFor(s affaldsbot.Status) []string {
	switch s {
	case affaldsbot.StatusNew:
		return []string{VerbClaim, VerbReply, VerbDraft, VerbClose}
	case affaldsbot.StatusClaimed:
		return []string{VerbRelease, VerbReply, VerbDraft, VerbClose}
	case affaldsbot.StatusAnswered:
		return []string{VerbReply, VerbDraft, VerbClose, VerbReopen}
	case affaldsbot.StatusClosed:
		return []string{VerbReopen}
	}
	return nil
}

// RootCard builds the Adaptive Card of an enquiry's root post.
func RootCard(v RootView, l CardLabels) map[string]any {
	data := func(verb string) map[string]any {
		return map[string]any{"enquiry": v.Number, "verb": verb}
	}
	var actions []any
	for _, verb := range VerbsFor(v.Status) {
		if verb == VerbReply { // opens the reply dialog, which Action.Execute cannot
			d := data(verb)
			d["msteams"] = map[string]any{"type": "task/fetch"}
			actions = append(actions, map[string]any{"type": "Action.Submit", "title": l.Verbs[verb], "data": d})
			continue
		}
		actions = append(actions, map[string]any{
			"type": "Action.Execute", "verb": verb, "title": l.Verbs[verb], "data": data(verb),
		})
	}
	users := v.RefreshUserIDs
	if len(users) > maxRefreshUsers {
		users = users[:maxRefreshUsers]
	}
	refresh := map[string]any{
		"action": map[string]any{"type": "Action.Execute", "verb": VerbRefresh, "data": data(VerbRefresh)},
	}
	if len(users) > 0 {
		refresh["userIds"] = users
	}
	card := map[string]any{
		"type": "AdaptiveCard", "$schema": CardSchema, "version": CardVersion,
		"refresh": refresh,
		"body": []any{
			plain("", v.Number+" · "+v.Subject, true),
			plain(l.From, v.Sender, false),
			plain(l.Status, v.StatusText, false),
			plain(l.Holder, v.Holder, false),
			plain(l.Deadline, v.Deadline, false),
			plain("", v.Preview, false),
		},
	}
	if len(actions) > 0 {
		card["actions"] = actions
	}
	return card
}

// plain is a RichTextBlock: an optional bold label and a value of text runs,
// which Adaptive Cards never read as markdown.
func plain(label, value string, heading bool) map[string]any {
	var runs []any
	if label != "" {
		runs = append(runs, map[string]any{"type": "TextRun", "text": label + ": ", "weight": "bolder"})
	}
	run := map[string]any{"type": "TextRun", "text": value}
	if heading {
		run["size"], run["weight"] = "large", "bolder"
	}
	return map[string]any{"type": "RichTextBlock", "inlines": append(runs, run)}
}

// Attachment wraps a card for an activity.
func CardAttachment(card map[string]any) Attachment {
	return Attachment{ContentType: CardContentType, Content: card}
}
