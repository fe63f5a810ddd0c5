package csat

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

var textsDA = texts{
	labels:        [MaxRating]string{"Meget utilfreds", "Utilfreds", "Hverken tilfreds eller utilfreds", "Tilfreds", "Meget tilfreds"},
	footerAsk:     "Fik du svar på dit spørgsmål?",
	footerHow:     "Hvor tilfreds er du alt i alt med svaret? Klik på ét link:",
	footerAfter:   "Linket gemmer kun din vurdering af dette svar. Du kan ændre den og skrive en kommentar på siden.",
	title:         "Tak for din vurdering",
	service:       "Affaldsrådgivningen",
	thanks:        "Tak for din vurdering",
	given:         "Du har givet svaret: %s.",
	ofFive:        "%d af 5",
	changeLegend:  "Hvor tilfreds er du alt i alt med svaret?",
	commentLabel:  "Vil du fortælle os mere? (valgfrit)",
	commentHint:   "Skriv ikke CPR-nummer eller andre personlige oplysninger. Vi fjerner CPR-numre, telefonnumre og e-mailadresser, før vi gemmer din kommentar. Højst 1.200 tegn.",
	save:          "Gem",
	saved:         "Tak. Vi har gemt din vurdering.",
	commentSaved:  "Tak. Vi har gemt din vurdering og din kommentar.",
	staleForm:     "Siden var ikke den nyeste, så vi har ikke gemt noget. Prøv igen herunder.",
	tooLong:       "Kommentaren er for lang: højst 1.200 tegn. Vi har ikke gemt den.",
	accessibility: "Tilgængelighedserklæring",
	notFound:      "Linket virker ikke",
	notFoundText:  "Vi kan ikke finde den vurdering, linket hører til. Kopiér hele linket fra mailen, og prøv igen.",
	expired:       "Linket er udløbet",
	expiredText:   "Det er for længe siden, svaret blev sendt, til at du kan vurdere det her. Skriv gerne til os, hvis du stadig har spørgsmål.",
	tooMany:       "For mange forsøg",
	tooManyText:   "Vent et øjeblik, og prøv igen.",
}

var textsEN = texts{
	labels:        [MaxRating]string{"Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"},
	footerAsk:     "Did we answer your question?",
	footerHow:     "Overall, how satisfied are you with the reply? Click one link:",
	footerAfter:   "The link only saves your rating of this reply. You can change it and add a comment on the page.",
	title:         "Thank you for your rating",
	service:       "Waste advice",
	thanks:        "Thank you for your rating",
	given:         "You rated the reply: %s.",
	ofFive:        "%d of 5",
	changeLegend:  "Overall, how satisfied are you with the reply?",
	commentLabel:  "Would you like to tell us more? (optional)",
	commentHint:   "Please do not write your CPR number or other personal details. We remove CPR numbers, phone numbers and e-mail addresses before we save your comment. At most 1,200 characters.",
	save:          "Save",
	saved:         "Thank you. We have saved your rating.",
	commentSaved:  "Thank you. We have saved your rating and your comment.",
	staleForm:     "This page was not the latest one, so nothing was saved. Please try again below.",
	tooLong:       "The comment is too long: at most 1,200 characters. It was not saved.",
	accessibility: "Accessibility statement",
	notFound:      "This link does not work",
	notFoundText:  "We cannot find the rating this link belongs to. Copy the whole link from the e-mail and try again.",
	expired:       "This link has expired",
	expiredText:   "The reply was sent too long ago to be rated here. Please write to us if you still have questions.",
	tooMany:       "Too many attempts",
	tooManyText:   "Please wait a moment and try again.",
}

func textsFor(lang string) *texts {
	if Lang(lang) == "en" {
		return &textsEN
	}
	return &textsDA
}
