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
		"cut":         "⚠️ Linjen blev afkortet ved %d tegn af terminalen, så intet er udført. Skriv en lang tekst som en blok: afslut linjen med %s, indsæt teksten, og slut med en linje med %s alene.",
		"prompt_more": "… ", "prompt_block": "┆ ",
		"digest_due": "⏰ %s %s – svarfrist %s", "home": "🏠 Oversigt for %s: %d hos dig, %d nye.", "erased": "🗑 Bottens %d indlæg i tråden om %s er slettet.", "exported": "✔ Eksport af %d henvendelser gemt: %s",
		"help_multiline": "Tekst over flere linjer: afslut en linje med \\ for at fortsætte på næste, eller afslut den med \"\"\" og indsæt teksten; en linje med \"\"\" alene slutter blokken.",
		"help_editing":   "Redigering: ← → flytter markøren, ↑ ↓ henter tidligere kommandoer, Ctrl-R søger i dem, Ctrl-C sletter linjen, og på en tom linje afslutter den ligesom Ctrl-D.",
		"u_claim":        "claim N", "h_claim": "tag henvendelse #N",
		"u_release": "release N", "h_release": "slip #N, så en anden kan tage den",
		"u_reply": "reply N TEKST", "h_reply": "send TEKST som svar til borgeren på #N",
		"u_draft": "draft N", "h_draft": "bestil et udkast til svar på #N",
		"u_use": "use N", "h_use": "send det nyeste færdige udkast som svar på #N",
		"u_note": "note N TEKST", "h_note": "en intern note på #N (sendes aldrig til borgeren)",
		"u_book": "book N ÅÅÅÅ-MM-DD TT:MM [mail|sms]", "h_book": "aftal et opkald til borgeren på #N (inden for åbningstiden)",
		"u_merge": "merge N M", "h_merge": "flet #N ind i #M (samme borger skrev igen)",
		"u_unmerge": "unmerge N", "h_unmerge": "fortryd fletningen af #N",
		"u_forward": "forward N [MODTAGER NOTE]", "h_forward": "videresend #N til en anden myndighed; uden MODTAGER vises listen",
		"u_answers": "answers", "h_answers": "standardsvarene; brug dem med \"reply N /navn\"",
		"u_close": "close N", "h_close": "luk #N",
		"u_reopen": "reopen N", "h_reopen": "genåbn #N",
		"u_solved": "solved N MINUTTER [NOTE]", "h_solved": "opkald til borgeren på #N: løst, efter så mange minutter",
		"u_noanswer": "noanswer N", "h_noanswer": "opkald til borgeren på #N: intet svar",
		"u_wantsmail": "wantsmail N [MAIL]", "h_wantsmail": "opkald på #N: borgeren vil have svar på mail (til MAIL)",
		"u_show": "show N", "h_show": "hele tråden i #N",
		"u_list": "list", "h_list": "alle åbne henvendelser",
		"u_mine": "mine", "h_mine": "dine åbne henvendelser",
		"u_find": "find TEKST", "h_find": "søg i nummer, emne, borger og tekst",
		"u_stats": "stats [periode] [eksport]", "h_stats": "holdets tal, fx \"stats sidste måned\"; \"eksport\" gemmer CSV og diagram",
		"u_help": "help", "h_help": "denne hjælp",
		"u_quit": "quit", "h_quit": "stop demoen",
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
		"cut":         "⚠️ The terminal cut the line at %d characters, so nothing was run. Write a long text as a block: end the line with %s, paste the text, and finish with a line of %s alone.",
		"prompt_more": "… ", "prompt_block": "┆ ",
		"digest_due": "⏰ %s %s – due %s", "exported": "✔ Export of %d enquiries saved: %s",
		"help_multiline": "Text over several lines: end a line with \\ to go on on the next, or end it with \"\"\" and paste the text; a line of \"\"\" alone ends the block.",
		"help_editing":   "Editing: ← → move the cursor, ↑ ↓ recall earlier commands, Ctrl-R searches them, Ctrl-C clears the line, and on an empty line quits, as Ctrl-D does.",
		"u_claim":        "claim N", "h_claim": "claim enquiry #N",
		"u_release": "release N", "h_release": "let go of #N so someone else can take it",
		"u_reply": "reply N TEXT", "h_reply": "send TEXT to the citizen as the reply to #N",
		"u_draft": "draft N", "h_draft": "ask for a draft reply to #N",
		"u_use": "use N", "h_use": "send the newest ready draft as the reply to #N",
		"u_note": "note N TEXT", "h_note": "an internal note on #N (never sent to the citizen)",
		"u_book": "book N YYYY-MM-DD HH:MM [mail|sms]", "h_book": "book a call-back to the citizen on #N (within opening hours)",
		"u_merge": "merge N M", "h_merge": "merge #N into #M (the same citizen wrote again)",
		"u_unmerge": "unmerge N", "h_unmerge": "undo the merge of #N",
		"u_forward": "forward N [DESTINATION NOTE]", "h_forward": "forward #N to another authority; without DESTINATION the list is shown",
		"u_answers": "answers", "h_answers": "the standard answers; use one with \"reply N /name\"",
		"u_close": "close N", "h_close": "close #N",
		"u_reopen": "reopen N", "h_reopen": "reopen #N",
		"u_solved": "solved N MINUTES [NOTE]", "h_solved": "call-back on #N: solved, after that many minutes",
		"u_noanswer": "noanswer N", "h_noanswer": "call-back on #N: no answer",
		"u_wantsmail": "wantsmail N [EMAIL]", "h_wantsmail": "call-back on #N: the citizen wants the answer by e-mail (to EMAIL)",
		"u_show": "show N", "h_show": "the whole thread of #N",
		"u_list": "list", "h_list": "all open enquiries",
		"u_mine": "mine", "h_mine": "your open enquiries",
		"u_find": "find TEXT", "h_find": "search number, subject, citizen and text",
		"u_stats": "stats [period] [export]", "h_stats": "the team's figures, e.g. \"stats last month\"; \"export\" saves a CSV and a chart",
		"u_help": "help", "h_help": "this help",
		"u_quit": "quit", "h_quit": "stop the demo",
		"home": "🏠 Overview for %s: %d with you, %d new.", "erased": "🗑 The bot's %d posts in the thread of %s are erased.",
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
