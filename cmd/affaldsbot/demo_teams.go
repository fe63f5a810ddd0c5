package main

import (
	"strings"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/terminal"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/teams"
)

// Chat surfaces the demo can show (--chat).
const (
	demoChatSlack = "slack"
	demoChatTeams = "teams"
)

// teamsRoots draws a new enquiry in the terminal as the Teams surface posts
// it: the root Adaptive Card, rendered as text.
func teamsRoots(lang string) func(handlers.RootView, terminal.Format) []string {
	p := locale.NewPrinter(lang)
	labels := teams.CardLabels{
		From: p.Printf("teams_card_from"), Status: p.Printf("teams_card_status"),
		Holder: p.Printf("teams_card_holder"), Deadline: p.Printf("teams_card_deadline"),
		Verbs: map[string]string{},
	}
	for _, verb := range []string{teams.VerbClaim, teams.VerbRelease, teams.VerbReply, teams.VerbDraft, teams.VerbClose, teams.VerbReopen} {
		labels.Verbs[verb] = p.Printf("teams_card_" + verb)
	}
	return func(v handlers.RootView, f terminal.Format) []string {
		e := v.Enquiry
		card := teams.RootView{
			Number: e.Ref(), Sender: f.Citizen(e), Subject: e.Subject,
			Status: e.Status, StatusText: f.Status(e.Status),
			Holder: p.Printf("teams_card_nobody"), Deadline: p.Printf("teams_card_no_deadline"),
			Preview: v.Preview,
		}
		if e.Holder != "" && e.Status.Open() {
			card.Holder = f.Name(e.Holder)
		}
		if e.DeadlineAt != nil {
			card.Deadline = f.Date(*e.DeadlineAt)
		}
		if v.Note != "" {
			card.Preview = v.Note
		}
		text := teams.CardText(teams.RootCard(card, labels))
		return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	}
}
