package handlers

import (
	"fmt"
	"time"
)

// digestTexts are the bot's own words of the digest and the deadline
// warnings, in BOT_LANG.
type digestTexts struct {
	summary    string // since, mail, calls, answered, closed, new, claimed, answered open, due
	warnHolder string // <@holder>, ref, deadline
	warnNobody string // ref, deadline
	months     [12]string
}

var digestTextsDA = digestTexts{
	summary: "Dagens overblik. Siden %s: %d mail, %d opkald, %d besvaret, %d lukket. " +
		"Åbne: %d nye, %d taget, %d besvaret. %d tæt på svarfristen.",
	warnHolder: "⏰ <@%s> %s skal besvares senest %s (svarfristen på 10 arbejdsdage).",
	warnNobody: "⏰ %s skal besvares senest %s (svarfristen på 10 arbejdsdage), og ingen har taget den endnu.",
	months:     [12]string{"jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."},
}

var digestTextsEN = digestTexts{
	summary: "Daily digest. Since %s: %d mail, %d calls, %d answered, %d closed. " +
		"Open: %d new, %d claimed, %d answered. %d near their deadline.",
	warnHolder: "⏰ <@%s> %s must be answered by %s (the 10-working-day deadline).",
	warnNobody: "⏰ %s must be answered by %s (the 10-working-day deadline), and nobody has claimed it yet.",
	months:     [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
}

func digestTextsFor(lang string) *digestTexts {
	if lang == "en" {
		return &digestTextsEN
	}
	return &digestTextsDA
}

// FormatDeadline writes a deadline with its weekday-free date and time of
// day: "4. dec. 2026 kl. 16:00" or "4 Dec 2026 16:00".
func FormatDeadline(t time.Time, lang string) string {
	m := digestTextsFor(lang).months[t.Month()-1]
	if lang == "en" {
		return fmt.Sprintf("%d %s %d %s", t.Day(), m, t.Year(), t.Format("15:04"))
	}
	return fmt.Sprintf("%d. %s %d kl. %s", t.Day(), m, t.Year(), t.Format("15:04"))
}
