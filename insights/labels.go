package insights

// labels are the text report's words in one language.
type labels struct {
	title, against, enquiries, enquiriesLower, before, topics, topic string
	recurring, examples, poorShort, repeatShort, none, newAnswers    string
	poor, score, changed, hotspots, of, rated, more                  string
	trend, reason, kind                                              map[string]string
}

var labelsDA = labels{
	title: "Hvad borgerne har svært ved", against: "mod", enquiries: "Henvendelser", enquiriesLower: "henvendelser",
	before: "før", topics: "Emner (mod perioden før)", topic: "emne",
	newAnswers: "Forslag til nye standardsvar (spørgsmål der går igen, og som intet standardsvar dækker)",
	recurring:  "Spørgsmål der går igen", examples: "fx", poorShort: "dårligt besvaret", repeatShort: "gentagne henvendelser",
	none: "(ingen)", poor: "Spørgsmål vejledningen besvarede dårligt", score: "søgescore", changed: "ændret",
	hotspots: "Gentagne henvendelser (borgeren skrev igen inden for 14 dage)", of: "af",
	rated: "Lavest vurderede svar", more: "og %d flere",
	trend:  map[string]string{TrendRising: "stigende", TrendFalling: "faldende", TrendSteady: "uændret"},
	reason: map[string]string{ReasonLowRetrieval: "vejledningen dækker det ikke", ReasonDraftDiscarded: "udkast kasseret", ReasonDraftRewritten: "udkast skrevet om"},
	kind:   map[string]string{"topic": "emne", "question": "spørgsmål"},
}

var labelsEN = labels{
	title: "What citizens struggle with", against: "against", enquiries: "Enquiries", enquiriesLower: "enquiries",
	before: "before", topics: "Topics (against the period before)", topic: "topic",
	newAnswers: "Suggested new standard answers (recurring questions no standard answer covers)",
	recurring:  "Recurring questions", examples: "e.g.", poorShort: "answered poorly", repeatShort: "repeat contacts",
	none: "(none)", poor: "Questions the guidance answered poorly", score: "search score", changed: "changed",
	hotspots: "Repeat contacts (the citizen wrote again within 14 days)", of: "of",
	rated: "Lowest-rated answers", more: "and %d more",
	trend:  map[string]string{TrendRising: "rising", TrendFalling: "falling", TrendSteady: "steady"},
	reason: map[string]string{ReasonLowRetrieval: "the guidance does not cover it", ReasonDraftDiscarded: "draft discarded", ReasonDraftRewritten: "draft rewritten"},
	kind:   map[string]string{"topic": "topic", "question": "question"},
}

func labelsFor(lang string) labels {
	if lang == "en" {
		return labelsEN
	}
	return labelsDA
}
