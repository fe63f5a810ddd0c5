package handlers

import "fmt"

// callTexts are the bot's own words about calls, in BOT_LANG.
type callTexts struct {
	callFrom    string
	noNote      string
	attempt     string            // "Call-back attempt %d: %s"
	outcomes    map[string]string // outcome → label
	minutes     string            // " (%d min)"
	suggestMail string            // %d no answers; %s e-mail or the ask for one
	noEmail     string
	mailTo      string // %s address
	askEmail    string
	nudge       string // <@holder>, ref
}

var callTextsDA = callTexts{
	callFrom: "Opkald fra ", noNote: "(ingen note fra kontaktcentret)",
	attempt: "Opkaldsforsøg %d: %s",
	outcomes: map[string]string{OutcomeResolved: "løst", OutcomeNoAnswer: "intet svar",
		OutcomeWantsMail: "borgeren vil hellere have svar på mail"},
	minutes:     " (%d min)",
	suggestMail: "%d opkald uden svar – skriv hellere til borgeren. %s",
	noEmail:     "Ingen mailadresse kendt; bed om en i en note.",
	mailTo:      "Svar på mail til %s.",
	askEmail:    "Ingen mailadresse kendt: skriv borgerens adresse i noten til forsøget.",
	nudge:       "<@%s> påmindelse: %s venter stadig på et opkald tilbage (målet for første svar er passeret).",
}

var callTextsEN = callTexts{
	callFrom: "Call from ", noNote: "(no note from the contact centre)",
	attempt: "Call-back attempt %d: %s",
	outcomes: map[string]string{OutcomeResolved: "resolved", OutcomeNoAnswer: "no answer",
		OutcomeWantsMail: "the citizen prefers an answer by e-mail"},
	minutes:     " (%d min)",
	suggestMail: "%d calls without an answer – write to the citizen instead. %s",
	noEmail:     "No e-mail address known; ask for one in a note.",
	mailTo:      "Reply by e-mail to %s.",
	askEmail:    "No e-mail address known: put the citizen's address in the attempt's note.",
	nudge:       "<@%s> reminder: %s is still waiting for a call-back (the first-response target has passed).",
}

func (s *Service) callText() *callTexts {
	if s.Settings.Lang == "en" {
		return &callTextsEN
	}
	return &callTextsDA
}

// attemptLine is the call_log text of one call-back attempt.
func (t *callTexts) attemptLine(n int, outcome string, minutes int, note string) string {
	line := fmt.Sprintf(t.attempt, n, t.outcomes[outcome])
	if minutes > 0 {
		line += fmt.Sprintf(t.minutes, minutes)
	}
	if note != "" {
		line += "\n" + note
	}
	return line
}
