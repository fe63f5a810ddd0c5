package bot

import (
	"fmt"
	"sort"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/stats"
)

// statsLabels are the texts of the statistics summary.
type statsLabels struct {
	title, enquiries, perYear, open, first, calls, breaches, repeat, topics, advisers string
	csat, csatByTopic, rated, of, satisfied                                           string
	mail, phone, total, new, claimed, answered, median, p90, mean, minutes, generated string
}

var statsDA = newStatsLabels(locale.Danish)

var statsEN = newStatsLabels(locale.English)

// newStatsLabels fills a statsLabels from the catalogue in lang.
func newStatsLabels(lang string) statsLabels {
	p := locale.NewPrinter(lang)
	return statsLabels{
		title:       p.Printf("stats_view_title"),
		enquiries:   p.Printf("stats_view_enquiries"),
		perYear:     p.Printf("stats_view_per_year"),
		open:        p.Printf("stats_view_open"),
		first:       p.Printf("stats_view_first"),
		calls:       p.Printf("stats_view_calls"),
		breaches:    p.Printf("stats_view_breaches"),
		repeat:      p.Printf("stats_view_repeat"),
		topics:      p.Printf("stats_view_topics"),
		advisers:    p.Printf("stats_view_advisers"),
		mail:        p.Printf("stats_view_mail"),
		phone:       p.Printf("stats_view_phone"),
		total:       p.Printf("stats_view_total"),
		new:         p.Printf("stats_view_new"),
		claimed:     p.Printf("stats_view_claimed"),
		answered:    p.Printf("stats_view_answered"),
		median:      p.Printf("stats_view_median"),
		p90:         p.Printf("stats_view_p90"),
		mean:        p.Printf("stats_view_mean"),
		minutes:     p.Printf("stats_view_minutes"),
		generated:   p.Printf("stats_view_generated"),
		csat:        p.Printf("stats_view_csat"),
		csatByTopic: p.Printf("stats_view_csat_by_topic"),
		rated:       p.Printf("stats_view_rated"),
		of:          p.Printf("stats_view_of"),
		satisfied:   p.Printf("stats_view_satisfied"),
	}
}

// maxAdviserLines caps the per-adviser list of one summary.
const maxAdviserLines = 30

// StatsBlocks is a compact summary of a report in st's language and time
// zone: header, key figures, topics, and advisers (by st.Name) when the
// report has them (a lead's). It stays within Slack's limits whatever the
// report holds.
func StatsBlocks(r *stats.Report, st stats.Style) []slack.Block {
	l := statsDA
	if st.Lang == LangEnglish {
		l = statsEN
	}
	title := Truncate(fmt.Sprintf("%s %s", l.title, st.Period(r)), MaxHeaderText, "…")
	blocks := []slack.Block{
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, title, false, false)),
		slack.NewSectionBlock(nil, statsFields(r, l, st), nil, slack.SectionBlockOptionBlockID("stats_figures")),
		textSection("stats_topics", "*"+l.topics+"*\n"+topicLine(r, st)),
	}
	if r.CSAT.Responses > 0 {
		blocks = append(blocks, textSection("stats_csat", "*"+l.csatByTopic+"*\n"+csatLines(r, l, st)))
	}
	if len(r.ByAdviser) > 0 {
		blocks = append(blocks, textSection("stats_advisers", "*"+l.advisers+"*\n"+adviserLines(r, st)))
	}
	generated := fmt.Sprintf("%s %s", l.generated, st.Time(r.GeneratedAt))
	return append(blocks, contextBlock("stats_generated", generated))
}

func statsFields(r *stats.Report, l statsLabels, st stats.Style) []*slack.TextBlockObject {
	repeat := stats.Empty
	if r.Enquiries.Total > 0 {
		repeat = st.Percent(r.RepeatContactRate)
	}
	fields := []*slack.TextBlockObject{
		field(l.enquiries, fmt.Sprintf("%s (%s %s, %s %s)", st.Int(r.Enquiries.Total), l.mail, st.Int(r.Enquiries.Mail), l.phone, st.Int(r.Enquiries.Phone))),
	}
	if r.PerYearDays >= stats.MinPerYearDays {
		fields = append(fields, field(l.perYear, fmt.Sprintf("%s %s · %s %s · %s %s", l.mail, st.Number(r.PerYear.Mail, 0),
			l.phone, st.Number(r.PerYear.Phone, 0), l.total, st.Number(r.PerYear.Total, 0))))
	}
	return append(fields,
		field(l.open, fmt.Sprintf("%s %s · %s %s · %s %s", l.new, st.Int(r.Open.New), l.claimed, st.Int(r.Open.Claimed), l.answered, st.Int(r.Open.Answered))),
		field(l.first, fmt.Sprintf("%s %s · %s %s", l.median, st.Minutes(r.FirstResponseMinutes.Median, r.Responded), l.p90, st.Minutes(r.FirstResponseMinutes.P90, r.Responded))),
		field(l.calls, fmt.Sprintf("%s %s · %s %s", l.mean, st.Minutes(r.CallHandlingMinutes.Mean, r.Handled), l.median, st.Minutes(r.CallHandlingMinutes.Median, r.Handled))),
		field(l.breaches, st.Int(r.DeadlineBreaches)),
		field(l.repeat, repeat),
		field(l.csat, csatFigure(r.CSAT.CSATPart, l, st)),
	)
}

// csatFigure: "satisfied (4–5) 77.4 % · rated 31 of 120 (25.8 %)".
func csatFigure(p stats.CSATPart, l statsLabels, st stats.Style) string {
	if p.Responses == 0 {
		return stats.Empty
	}
	return fmt.Sprintf("%s %s · %s %s %s %s (%s)", l.satisfied, st.Percent(p.Score), l.rated, st.Int(p.Rated), l.of, st.Int(p.Responses), st.Percent(p.ResponseRate))
}

// csatLines lists the satisfaction by channel, then by topic: the share
// of 4–5 and rated / replies with links.
func csatLines(r *stats.Report, l statsLabels, st stats.Style) string {
	part := func(name string, p stats.CSATPart) string {
		return fmt.Sprintf("%s %s %% (%s / %s)", name, st.Number(p.Score*100, 0), st.Int(p.Rated), st.Int(p.Responses))
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
		parts = append(parts, part(topicName(t, st.Lang), r.CSAT.ByTopic[t]))
	}
	if len(parts) > 0 {
		line += "\n" + strings.Join(parts, " · ")
	}
	return Truncate(line, MaxSectionText-80, "…")
}

// topicLine lists the topics that occur, most frequent first.
func topicLine(r *stats.Report, st stats.Style) string {
	topics := stats.TopicOrder(r)
	sort.SliceStable(topics, func(i, j int) bool { return r.ByTopic[topics[i]] > r.ByTopic[topics[j]] })
	var parts []string
	for _, t := range topics {
		if n := r.ByTopic[t]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", topicName(t, st.Lang), st.Int(n)))
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

// adviserLines names each adviser (st.Name, from Slack's profiles; the
// user ID when none is known) with their claims and answers. Names, not
// mentions: a lead's figures must not notify the advisers listed.
func adviserLines(r *stats.Report, st stats.Style) string {
	var b strings.Builder
	order := stats.AdviserOrder(r)
	for i, u := range order {
		if i == maxAdviserLines {
			fmt.Fprintf(&b, "… +%d\n", len(order)-i)
			break
		}
		t := r.ByAdviser[u]
		fmt.Fprintf(&b, "%s %s / %s\n", Escape(st.Adviser(u)), st.Int(t.Claimed), st.Int(t.Answered))
	}
	return Truncate(strings.TrimSuffix(b.String(), "\n"), MaxSectionText-40, "…")
}
