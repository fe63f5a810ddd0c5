package handlers

import (
	"fmt"

	"github.com/affaldsbot/affaldsbot/locale"
)

// texts are the bot's own words that the handlers choose, in Danish (the
// default) and English (BOT_LANG). Keys name the situation.
var texts = map[string]map[string]string{
	"da": {
		"reply_uncertain":        "afsendelsen blev afbrudt, og svaret ligger ikke i Sendt-mappen – tjek, om borgeren har fået det, før du prøver igen",
		"reply_failed":           "⚠️ Svaret på %s til %s kunne ikke sendes: %s\nTeksten er gemt. Tryk *Prøv igen* for at sende den.",
		"retry":                  "Prøv igen",
		"reply_queued":           "Svaret på %s til %s sendes nu.",
		"help":                   "*/affald* – kommandoer:\n• `mine` – dine åbne henvendelser\n• `åbne` – alle åbne henvendelser\n• `find TEKST` – søg i emne, borger og tekst\n• `stats [periode]` – tal for holdet, fx `stats sidste måned` (`… eksport` giver teamlederen en CSV)\n• `videresend N` – send henvendelse N videre til en anden myndighed\n• `standardsvar [NAVN]` – standardsvarene (teamlederen retter et); `svar: /navn` i tråden sætter et ind\n• `hjælp` – denne hjælp",
		"unknown_command":        "Ukendt kommando %q.",
		"find_what":              "Skriv, hvad du søger efter: `find TEKST`.",
		"list_mine":              "Dine åbne henvendelser",
		"list_open":              "Åbne henvendelser",
		"list_found":             "Henvendelser med %q",
		"list_empty":             "Ingen.",
		"list_more":              "… og flere; vis færre med en mere præcis søgning.",
		"home_mine":              "Dine henvendelser",
		"home_queue":             "Ikke taget",
		"home_week":              "Denne uge",
		"home_received":          "Modtaget: %d mail, %d opkald",
		"home_open":              "Åbne: %d nye, %d taget, %d besvaret",
		"home_not_adviser":       "Her ser rådgivere deres henvendelser og køen. Bed teamlederen om at tilføje dig til SLACK_ADVISERS.",
		"home_erase_failed":      "Ikke slettet i Slack",
		"home_erase_failed_help": "Ved sletning af en borgers data ville Slack ikke slette disse beskeder og filer i henvendelsens tråd. Slet dem i tråden (en Slack-administrator kan), så er sletningen fuldført.",
		"handed_over_to_you":     "%s er givet videre til dig af <@%s>.",
		"mail_forwarded":         "---------- Videresendt mail ----------",
		"mail_fw_from":           "Fra: %s",
		"mail_fw_date":           "Dato: %s",
		"mail_fw_subject":        "Emne: %s",
		"mail_fw_files":          "Vedhæftet: %s",
		"mail_damaged":           "⚠️ %s kunne ikke læses helt: %d tegn var ugyldige og er sprunget over. Den oprindelige mail er gemt.",
		"mail_undecoded":         "⚠️ %s er sendt i en ukendt kodning (%s) og er gemt, som den kom.",
		"mail_skipped":           "⚠️ Mailen har flere end %d dele; de sidste %d er ikke læst. Den oprindelige mail er gemt.",
		"mail_skipped_files":     "Filer, der ikke er læst: %s",
		"mail_too_deep":          "⚠️ Mailen er pakket i flere end %d lag; de inderste dele er ikke læst. Den oprindelige mail er gemt.",
		"mail_cut":               "⚠️ En tekstdel var længere end %d MB og er afkortet. Den oprindelige mail er gemt.",
		"mail_external":          "📎 Mailen henviser til filen %s, som ligger et andet sted (%s). Den er ikke hentet.",
		"mail_sender":            "⚠️ Afsenderens adresse kunne ikke læses sikkert ud af mailen (Fra: %s). Der svares ikke til et gæt: skriv selv adressen, når du svarer.",
	},
	"en": {
		"reply_uncertain":        "sending was interrupted and the reply is not in the Sent folder – check whether the citizen got it before you retry",
		"reply_failed":           "⚠️ The reply to %s for %s could not be sent: %s\nThe text is kept. Press *Retry* to send it.",
		"retry":                  "Retry",
		"reply_queued":           "The reply to %s for %s is being sent.",
		"help":                   "*/affald* – commands:\n• `mine` – your open enquiries\n• `open` – all open enquiries\n• `find TEXT` – search subject, citizen and text\n• `stats [period]` – the team's figures, e.g. `stats last month` (`… export` gives the lead a CSV)\n• `forward N` – send enquiry N on to another authority\n• `answers [NAME]` – the standard answers (the lead edits one); `reply: /name` in the thread inserts one\n• `help` – this help",
		"unknown_command":        "Unknown command %q.",
		"find_what":              "Say what to look for: `find TEXT`.",
		"list_mine":              "Your open enquiries",
		"list_open":              "Open enquiries",
		"list_found":             "Enquiries with %q",
		"list_empty":             "None.",
		"list_more":              "… and more; narrow the search to see fewer.",
		"home_mine":              "Your enquiries",
		"home_queue":             "Not claimed",
		"home_week":              "This week",
		"home_received":          "Received: %d mail, %d calls",
		"home_open":              "Open: %d new, %d claimed, %d answered",
		"home_not_adviser":       "Here advisers see their enquiries and the queue. Ask the team lead to add you to SLACK_ADVISERS.",
		"home_erase_failed":      "Not deleted from Slack",
		"home_erase_failed_help": "Erasing a citizen's data, Slack would not delete these messages and files in the enquiry's thread. Delete them in the thread (a Slack admin can) to complete the erasure.",
		"handed_over_to_you":     "%s was handed to you by <@%s>.",
		"mail_forwarded":         "---------- Forwarded message ----------",
		"mail_fw_from":           "From: %s",
		"mail_fw_date":           "Date: %s",
		"mail_fw_subject":        "Subject: %s",
		"mail_fw_files":          "Attached: %s",
		"mail_damaged":           "⚠️ %s could not be read in full: %d invalid characters were skipped. The original mail is kept.",
		"mail_undecoded":         "⚠️ %s was sent in an unknown encoding (%s) and is kept as it came.",
		"mail_skipped":           "⚠️ The mail has more than %d parts; the last %d were not read. The original mail is kept.",
		"mail_skipped_files":     "Files not read: %s",
		"mail_too_deep":          "⚠️ The mail is nested more than %d levels deep; the innermost parts were not read. The original mail is kept.",
		"mail_cut":               "⚠️ A text part was longer than %d MB and has been shortened. The original mail is kept.",
		"mail_external":          "📎 The mail points to the file %s, kept elsewhere (%s). It was not fetched.",
		"mail_sender":            "⚠️ The sender's address could not be read reliably from the mail (From: %s). No reply goes to a guess: type the address yourself when you reply.",
	},
}

// Text returns the text for key in lang (Danish when lang is unknown),
// formatted with args.
func Text(lang, key string, args ...any) string {
	t, ok := texts[lang]
	if !ok {
		t = texts["da"]
	}
	s, ok := t[key]
	if !ok {
		s = key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// T is Text in the service's language.
func (s *Service) T(key string, args ...any) string { return Text(s.Settings.Lang, key, args...) }

// printer formats the catalogue's texts (package locale) in the service's
// language.
func (s *Service) printer() *locale.Printer { return locale.NewPrinter(s.Settings.Lang) }
