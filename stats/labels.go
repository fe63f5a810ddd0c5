package stats

import "github.com/affaldsbot/affaldsbot/locale"

// labels are the texts of the text report and the chart in one language.
type labels struct {
	title, generated, enquiries, count, perYear, mail, phone, total string
	open, openNew, openClaimed, openAnswered                        string
	firstResponse, median, p90, handling, mean, minutes             string
	breaches, repeat, topics, advisers, claimed, answered           string
	week, chartCount, chartFirst, chartSatisfied, noData            string
	csat, csatRated, csatOf, csatSatisfied, csatNone                string
}

var labelsDA = newLabels(locale.Danish)

var labelsEN = newLabels(locale.English)

// newLabels fills a labels from the catalogue in lang.
func newLabels(lang string) labels {
	p := locale.NewPrinter(lang)
	return labels{
		title:          p.Printf("stats_label_title"),
		generated:      p.Printf("stats_label_generated"),
		enquiries:      p.Printf("stats_label_enquiries"),
		count:          p.Printf("stats_label_count"),
		perYear:        p.Printf("stats_label_per_year"),
		mail:           p.Printf("stats_label_mail"),
		phone:          p.Printf("stats_label_phone"),
		total:          p.Printf("stats_label_total"),
		open:           p.Printf("stats_label_open"),
		openNew:        p.Printf("stats_label_open_new"),
		openClaimed:    p.Printf("stats_label_open_claimed"),
		openAnswered:   p.Printf("stats_label_open_answered"),
		firstResponse:  p.Printf("stats_label_first_response"),
		median:         p.Printf("stats_label_median"),
		p90:            p.Printf("stats_label_p90"),
		handling:       p.Printf("stats_label_handling"),
		mean:           p.Printf("stats_label_mean"),
		minutes:        p.Printf("stats_label_minutes"),
		breaches:       p.Printf("stats_label_breaches"),
		repeat:         p.Printf("stats_label_repeat"),
		topics:         p.Printf("stats_label_topics"),
		advisers:       p.Printf("stats_label_advisers"),
		claimed:        p.Printf("stats_label_claimed"),
		answered:       p.Printf("stats_label_answered"),
		week:           p.Printf("stats_label_week"),
		noData:         p.Printf("stats_label_no_data"),
		chartCount:     p.Printf("stats_label_chart_count"),
		chartFirst:     p.Printf("stats_label_chart_first"),
		chartSatisfied: p.Printf("stats_label_chart_satisfied"),
		csat:           p.Printf("stats_label_csat"),
		csatRated:      p.Printf("stats_label_csat_rated"),
		csatOf:         p.Printf("stats_label_csat_of"),
		csatSatisfied:  p.Printf("stats_label_csat_satisfied"),
		csatNone:       p.Printf("stats_label_csat_none"),
	}
}

func labelsFor(lang string) labels {
	if lang == "en" {
		return labelsEN
	}
	return labelsDA
}
