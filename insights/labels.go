package insights

import "github.com/affaldsbot/affaldsbot/locale"

// labels are the text report's words in one language.
type labels struct {
	title, against, enquiries, enquiriesLower, before, topics, topic string
	recurring, examples, poorShort, repeatShort, none, newAnswers    string
	poor, score, changed, hotspots, of, rated, more                  string
	trend, reason, kind                                              map[string]string
}

var labelsDA = newLabels(locale.Danish)

var labelsEN = newLabels(locale.English)

// newLabels fills a labels from the catalogue in lang.
func newLabels(lang string) labels {
	p := locale.NewPrinter(lang)
	return labels{
		trend:          locale.Labels(p, "insights_trend_", TrendRising, TrendFalling, TrendSteady),
		reason:         locale.Labels(p, "insights_reason_", ReasonLowRetrieval, ReasonDraftDiscarded, ReasonDraftRewritten),
		kind:           locale.Labels(p, "insights_kind_", "topic", "question"),
		title:          p.Printf("insights_report_title"),
		against:        p.Printf("insights_report_against"),
		enquiries:      p.Printf("insights_report_enquiries"),
		enquiriesLower: p.Printf("insights_report_enquiries_lower"),
		before:         p.Printf("insights_report_before"),
		topics:         p.Printf("insights_report_topics"),
		topic:          p.Printf("insights_report_topic"),
		newAnswers:     p.Printf("insights_report_new_answers"),
		recurring:      p.Printf("insights_report_recurring"),
		examples:       p.Printf("insights_report_examples"),
		poorShort:      p.Printf("insights_report_poor_short"),
		repeatShort:    p.Printf("insights_report_repeat_short"),
		none:           p.Printf("insights_report_none"),
		poor:           p.Printf("insights_report_poor"),
		score:          p.Printf("insights_report_score"),
		changed:        p.Printf("insights_report_changed"),
		hotspots:       p.Printf("insights_report_hotspots"),
		of:             p.Printf("insights_report_of"),
		rated:          p.Printf("insights_report_rated"),
		more:           p.Template("insights_report_more"),
	}
}

func labelsFor(lang string) labels {
	if lang == "en" {
		return labelsEN
	}
	return labelsDA
}
