package stats

// labels are the texts of the text report and the chart in one language.
type labels struct {
	title, generated, enquiries, count, perYear, mail, phone, total string
	open, openNew, openClaimed, openAnswered                        string
	firstResponse, median, p90, handling, mean, minutes             string
	breaches, repeat, topics, advisers, claimed, answered           string
	week, chartCount, chartFirst, chartSatisfied, noData            string
	csat, csatRated, csatOf, csatSatisfied, csatNone                string
}

var labelsDA = labels{
	title: "Statistik", generated: "dannet", enquiries: "Henvendelser", count: "antal", perYear: "pr. år",
	mail: "Mail", phone: "Telefon", total: "I alt",
	open: "Åbne", openNew: "nye", openClaimed: "taget", openAnswered: "besvaret, afventer borger",
	firstResponse: "Første svar (arbejdstid)", median: "median", p90: "90 %-fraktil", handling: "Opkald, håndteringstid",
	mean: "gennemsnit", minutes: "min", breaches: "Overskredne svarfrister", repeat: "Gentagne henvendelser (14 dage)",
	topics: "Emner", advisers: "Rådgivere (taget / besvaret)", claimed: "taget", answered: "besvaret",
	week: "Uge", noData: "ingen data", chartCount: "Henvendelser", chartFirst: "Første svar (median, timer)",
	chartSatisfied: "Tilfredse (4–5), % af vurderede",
	csat:           "Tilfredshed (svar med vurderingslinks)", csatRated: "vurderet", csatOf: "af", csatSatisfied: "tilfredse (4–5)",
	csatNone: "ingen svar med vurderingslinks",
}

var labelsEN = labels{
	title: "Statistics", generated: "generated", enquiries: "Enquiries", count: "count", perYear: "per year",
	mail: "Mail", phone: "Phone", total: "Total",
	open: "Open", openNew: "new", openClaimed: "claimed", openAnswered: "answered, awaiting citizen",
	firstResponse: "First response (working time)", median: "median", p90: "90th percentile", handling: "Calls, handling time",
	mean: "mean", minutes: "min", breaches: "Answer deadlines missed", repeat: "Repeat contacts (14 days)",
	topics: "Topics", advisers: "Advisers (claimed / answered)", claimed: "claimed", answered: "answered",
	week: "Week", noData: "no data", chartCount: "Enquiries", chartFirst: "First response (median, hours)",
	chartSatisfied: "Satisfied (4–5), % of rated",
	csat:           "Satisfaction (replies with rating links)", csatRated: "rated", csatOf: "of", csatSatisfied: "satisfied (4–5)",
	csatNone: "no replies with rating links",
}

func labelsFor(lang string) labels {
	if lang == "en" {
		return labelsEN
	}
	return labelsDA
}
