package terminal

import (
	"fmt"

	"github.com/affaldsbot/affaldsbot"
)

// words are the terminal's own labels, Danish by default (BOT_LANG).
var words = map[string]map[string]string{
	"da": {
		"new": "Ny", "claimed": "Taget", "answered": "Besvaret", "closed": "Lukket",
		"holder": "hos %s", "deadline": "svarfrist %s", "wrote": "%s skrev:", "reply_to": "Svar til %s (af %s):",
		"note": "Note fra %s:", "call": "Opkald:", "ignored": "Ignoreret mail (%s)", "attachment": "Vedhæftet: %s (%s, %s)",
		"only_you": "(kun til dig) %s", "draft_writing": "Udkast %d skrives …", "draft_ready": "Udkast %d (%s):",
		"draft_guidance": "fra vejledningen", "draft_model": "fra sprogmodellen", "draft_use": "→ \"use %d\" sender udkastet som svar; \"reply %d TEKST\" skriver selv.",
		"draft_stale": "Udkast %d er forældet: borgeren har skrevet igen.", "draft_discarded": "Udkast %d er kasseret.",
		"draft_failed": "Udkast %d fejlede: %s", "source": "Kilde: %s", "more": "… (\"show %d\" viser resten)",
		"done": "✔ %s er nu %s.", "noted": "✔ Note gemt på %s.", "drafting": "✔ Udkast til %s bestilt – det vises i tråden om lidt.",
		"sending_draft": "Sender udkastet til %s som svar:", "no_draft": "%s har intet færdigt udkast; skriv \"draft %d\" først.",
		"usage": "Brug: %s", "unknown": "Ukendt kommando %q – skriv \"help\".", "error": "⚠️ %s", "bye": "Farvel.",
		"thread_of": "Tråden i %s – %s", "commands": "Kommandoer:", "stats_period": "Statistik",
	},
	"en": {
		"new": "New", "claimed": "Claimed", "answered": "Answered", "closed": "Closed",
		"holder": "held by %s", "deadline": "due %s", "wrote": "%s wrote:", "reply_to": "Reply to %s (by %s):",
		"note": "Note from %s:", "call": "Call:", "ignored": "Ignored mail (%s)", "attachment": "Attachment: %s (%s, %s)",
		"only_you": "(only you) %s", "draft_writing": "Draft %d is being written …", "draft_ready": "Draft %d (%s):",
		"draft_guidance": "from the guidance", "draft_model": "from the language model", "draft_use": "→ \"use %d\" sends the draft as the reply; \"reply %d TEXT\" writes your own.",
		"draft_stale": "Draft %d is stale: the citizen wrote again.", "draft_discarded": "Draft %d was discarded.",
		"draft_failed": "Draft %d failed: %s", "source": "Source: %s", "more": "… (\"show %d\" shows the rest)",
		"done": "✔ %s is now %s.", "noted": "✔ Note kept on %s.", "drafting": "✔ Draft for %s requested – it appears in the thread shortly.",
		"sending_draft": "Sending the draft for %s as the reply:", "no_draft": "%s has no ready draft; type \"draft %d\" first.",
		"usage": "Usage: %s", "unknown": "Unknown command %q – type \"help\".", "error": "⚠️ %s", "bye": "Goodbye.",
		"thread_of": "The thread of %s – %s", "commands": "Commands:", "stats_period": "Statistics",
	},
}

// t returns the label for key in the chat's language, formatted with args.
func (c *Chat) t(key string, args ...any) string {
	w, ok := words[c.lang]
	if !ok {
		w = words["da"]
	}
	s, ok := w[key]
	if !ok {
		s = key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

func (c *Chat) status(s affaldsbot.Status) string { return c.t(string(s)) }

// months are Danish month abbreviations for deadlines.
var months = [...]string{"jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."}
