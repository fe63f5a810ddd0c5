package csat

import (
	"strconv"

	"github.com/affaldsbot/affaldsbot/locale"
)

// texts are everything the footer and the page say, in one language.
type texts struct {
	labels        [MaxRating]string // 1 … 5
	footerAsk     string
	footerHow     string
	footerAfter   string
	title         string
	service       string
	thanks        string
	given         string // "Du har givet svaret: %s."
	ofFive        string // "%d af 5"
	changeLegend  string
	commentLabel  string
	commentHint   string
	save          string
	saved         string
	commentSaved  string
	staleForm     string
	tooLong       string
	accessibility string
	notFound      string
	notFoundText  string
	expired       string
	expiredText   string
	tooMany       string
	tooManyText   string
}

var textsDA = newTexts(locale.Danish)

var textsEN = newTexts(locale.English)

// newTexts fills a texts from the catalogue in lang.
func newTexts(lang string) texts {
	p := locale.NewPrinter(lang)
	var labels [MaxRating]string
	for i := range labels {
		labels[i] = p.Printf("csat_rating_" + strconv.Itoa(i+1))
	}
	return texts{
		labels:        labels,
		footerAsk:     p.Printf("csat_footer_ask"),
		footerHow:     p.Printf("csat_footer_how"),
		footerAfter:   p.Printf("csat_footer_after"),
		title:         p.Printf("csat_title"),
		service:       p.Printf("csat_service"),
		thanks:        p.Printf("csat_thanks"),
		given:         p.Template("csat_given"),
		ofFive:        p.Template("csat_of_five"),
		changeLegend:  p.Printf("csat_change_legend"),
		commentLabel:  p.Printf("csat_comment_label"),
		commentHint:   p.Printf("csat_comment_hint"),
		save:          p.Printf("csat_save"),
		saved:         p.Printf("csat_saved"),
		commentSaved:  p.Printf("csat_comment_saved"),
		staleForm:     p.Printf("csat_stale_form"),
		tooLong:       p.Printf("csat_too_long"),
		accessibility: p.Printf("csat_accessibility"),
		notFound:      p.Printf("csat_not_found"),
		notFoundText:  p.Printf("csat_not_found_text"),
		expired:       p.Printf("csat_expired"),
		expiredText:   p.Printf("csat_expired_text"),
		tooMany:       p.Printf("csat_too_many"),
		tooManyText:   p.Printf("csat_too_many_text"),
	}
}

func textsFor(lang string) *texts {
	if Lang(lang) == "en" {
		return &textsEN
	}
	return &textsDA
}
