package bot

import (
	"fmt"
	"sort"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/stats"
)

// statsLabels are the texts of the statistics summary.
type statsLabels struct {
	title, enquiries, perYear, open, first, calls, breaches, repeat, topics, advisers string
	csat, csatByTopic, rated, of, satisfied                                           string
	mail, phone, total, new, claimed, answered, median, p90, mean, minutes, generated string
}

var statsDA = statsLabels{title: "Statistik", enquiries: "Henvendelser", perYear: "Pr. år", open: "Åbne",
	first: "Første svar (arbejdstid)", calls: "Opkald, håndteringstid", breaches: "Overskredne svarfrister",
	repeat: "Gentagne henvendelser (14 dage)", topics: "Emner", advisers: "Rådgivere (taget / besvaret)",
	mail: "mail", phone: "telefon", total: "i alt", new: "nye", claimed: "taget", answered: "besvaret",
	median: "median", p90: "90 %", mean: "gns.", minutes: "min", generated: "Dannet",
	csat: "Tilfredshed (svar med vurderingslinks)", csatByTopic: "Tilfredshed pr. kanal og emne (andel 4–5, vurderet / svar)",
	rated: "vurderet", of: "af", satisfied: "tilfredse (4–5)"}

var statsEN = statsLabels{title: "Statistics", enquiries: "Enquiries", perYear: "Per year", open: "Open",
	first: "First response (working time)", calls: "Calls, handling time", breaches: "Answer deadlines missed",
	repeat: "Repeat contacts (14 days)", topics: "Topics", advisers: "Advisers (claimed / answered)",
	mail: "mail", phone: "phone", total: "total", new: "new", claimed: "claimed", answered: "answered",
	median: "median", p90: "p90", mean: "mean", minutes: "min", generated: "Generated",
	csat: "Satisfaction (replies with rating links)", csatByTopic: "Satisfaction by channel and topic (share 4–5, rated / replies)",
	rated: "rated", of: "of", satisfied: "satisfied (4–5)"}

// maxAdviserLines caps the per-adviser list of one summary.
const maxAdviserLines = 30

// StatsBlocks is a compact summary of a report in lang ("da" or "en"):
// header, key figures, topics, and advisers when the report has them (a
// lead's). It stays within Slack's limits whatever the report holds.
func StatsBlocks(r *stats.Report, lang string) []slack.Block {
	l := statsDA
	if lang == "en" {
		l = statsEN
	}
	title := Truncate(fmt.Sprintf("%s %s – %s", l.title, r.From, r.To), MaxHeaderText, "…")
	blocks := []slack.Block{
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, title, false, false)),
		slack.NewSectionBlock(nil, statsFields(r, l), nil, slack.SectionBlockOptionBlockID("stats_figures")),
		textSection("stats_topics", "*"+l.topics+"*\n"+topicLine(r, lang)),
	}
	if r.CSAT.Responses > 0 {
		blocks = append(blocks, textSection("stats_csat", "*"+l.csatByTopic+"*\n"+csatLines(r, l, lang)))
	}
	if len(r.ByAdviser) > 0 {
		blocks = append(blocks, textSection("stats_advisers", "*"+l.advisers+"*\n"+adviserLines(r, l)))
	}
	generated := fmt.Sprintf("%s %s UTC", l.generated, r.GeneratedAt.UTC().Format("2006-01-02 15:04"))
	return append(blocks, contextBlock("stats_generated", generated))
}

func statsFields(r *stats.Report, l statsLabels) []*slack.TextBlockObject {
	return []*slack.TextBlockObject{
		field(l.enquiries, fmt.Sprintf("%d (%s %d, %s %d)", r.Enquiries.Total, l.mail, r.Enquiries.Mail, l.phone, r.Enquiries.Phone)),
		field(l.perYear, fmt.Sprintf("%s %.0f · %s %.0f · %s %.0f", l.mail, r.PerYear.Mail, l.phone, r.PerYear.Phone, l.total, r.PerYear.Total)),
		field(l.open, fmt.Sprintf("%s %d · %s %d · %s %d", l.new, r.Open.New, l.claimed, r.Open.Claimed, l.answered, r.Open.Answered)),
		field(l.first, fmt.Sprintf("%s %.1f %s · %s %.1f %s", l.median, r.FirstResponseMinutes.Median, l.minutes, l.p90, r.FirstResponseMinutes.P90, l.minutes)),
		field(l.calls, fmt.Sprintf("%s %.1f %s · %s %.1f %s", l.mean, r.CallHandlingMinutes.Mean, l.minutes, l.median, r.CallHandlingMinutes.Median, l.minutes)),
		field(l.breaches, fmt.Sprint(r.DeadlineBreaches)),
		field(l.repeat, fmt.Sprintf("%.1f %%", r.RepeatContactRate*100)),
		field(l.csat, csatFigure(r.CSAT.CSATPart, l)),
	}
}

// csatFigure: "satisfied (4–5) 77.4 % · rated 31 of 120 (25.8 %)".
func csatFigure(p stats.CSATPart, l statsLabels) string {
	if p.Responses == 0 {
		return "–"
	}
	return fmt.Sprintf("%s %.1f %% · %s %d %s %d (%.1f %%)", l.satisfied, p.Score*100, l.rated, p.Rated, l.of, p.Responses, p.ResponseRate*100)
}

// csatLines lists the satisfaction by channel, then by topic: the share
// of 4–5 and rated / replies with links.
func csatLines(r *stats.Report, l statsLabels, lang string) string {
	part := func(name string, p stats.CSATPart) string {
		return fmt.Sprintf("%s %.0f %% (%d / %d)", name, p.Score*100, p.Rated, p.Responses)
	}
	var parts []string
	for _, ch := range []affaldsbot.Channel{affaldsbot.ChannelMail, affaldsbot.ChannelPhone} {
		if p, ok := r.CSAT.ByChannel[ch]; ok {
			name := l.mail
			if ch == affaldsbot.ChannelPhone {
				name = l.phone
			}
			parts = append(parts, part(name, p))
		}
	}
	line := strings.Join(parts, " · ")
	parts = parts[:0]
	for _, t := range stats.CSATTopics(r) {
		parts = append(parts, part(topicName(t, lang), r.CSAT.ByTopic[t]))
	}
	if len(parts) > 0 {
		line += "\n" + strings.Join(parts, " · ")
	}
	return Truncate(line, MaxSectionText-80, "…")
}

// topicLine lists the topics that occur, most frequent first.
func topicLine(r *stats.Report, lang string) string {
	topics := stats.TopicOrder(r)
	sort.SliceStable(topics, func(i, j int) bool { return r.ByTopic[topics[i]] > r.ByTopic[topics[j]] })
	var parts []string
	for _, t := range topics {
		if n := r.ByTopic[t]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", topicName(t, lang), n))
		}
	}
	if len(parts) == 0 {
		return "–"
	}
	return Truncate(strings.Join(parts, " · "), MaxSectionText-40, "…")
}

func topicName(t affaldsbot.Topic, lang string) string {
	if t.Valid() {
		return TopicLabel(t, lang)
	}
	return Escape(string(t))
}

// adviserLines mentions each adviser with their claims and answers.
func adviserLines(r *stats.Report, l statsLabels) string {
	var b strings.Builder
	order := stats.AdviserOrder(r)
	for i, u := range order {
		if i == maxAdviserLines {
			fmt.Fprintf(&b, "… +%d\n", len(order)-i)
			break
		}
		t := r.ByAdviser[u]
		fmt.Fprintf(&b, "%s %d / %d\n", adviserRef(u), t.Claimed, t.Answered)
	}
	return Truncate(strings.TrimSuffix(b.String(), "\n"), MaxSectionText-40, "…")
}

// adviserRef mentions a Slack user ID; anything else is shown escaped.
func adviserRef(u string) string {
	for _, c := range u {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return Escape(u)
		}
	}
	return "<@" + u + ">"
}
