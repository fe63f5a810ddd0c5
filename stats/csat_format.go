package stats

import (
	"fmt"
	"sort"
	"strings"

	"github.com/affaldsbot/affaldsbot"
)

// writeCSAT writes the satisfaction figures: all replies, then by channel
// and by topic, those with rating links only.
func writeCSAT(b *strings.Builder, r *Report, l labels, st Style) {
	fmt.Fprintf(b, "\n%s\n", l.csat)
	if r.CSAT.Responses == 0 {
		fmt.Fprintf(b, "  %s\n", l.csatNone)
		return
	}
	fmt.Fprintf(b, "  %s %s\n", pad(l.total, 32), csatLine(r.CSAT.CSATPart, l, st))
	for _, ch := range []affaldsbot.Channel{affaldsbot.ChannelMail, affaldsbot.ChannelPhone} {
		if p, ok := r.CSAT.ByChannel[ch]; ok {
			name := l.mail
			if ch == affaldsbot.ChannelPhone {
				name = l.phone
			}
			fmt.Fprintf(b, "  %s %s\n", pad(name, 32), csatLine(p, l, st))
		}
	}
	for _, t := range CSATTopics(r) {
		fmt.Fprintf(b, "  %s %s\n", pad(st.Topic(t), 32), csatLine(r.CSAT.ByTopic[t], l, st))
	}
}

// csatLine: "rated 12 of 40 (30.0 %), satisfied (4–5) 75.0 %"; the share
// satisfied is "–" while nobody has rated.
func csatLine(p CSATPart, l labels, st Style) string {
	score := Empty
	if p.Rated > 0 {
		score = st.Percent(p.Score)
	}
	return fmt.Sprintf("%s %s %s %s (%s), %s %s", l.csatRated, st.Int(p.Rated), l.csatOf, st.Int(p.Responses),
		st.Percent(p.ResponseRate), l.csatSatisfied, score)
}

// CSATTopics lists the topics with rating links in the usual topic order.
func CSATTopics(r *Report) []affaldsbot.Topic {
	var out []affaldsbot.Topic
	for _, t := range TopicOrder(r) {
		if _, ok := r.CSAT.ByTopic[t]; ok {
			out = append(out, t)
		}
	}
	var extra []affaldsbot.Topic
	for t := range r.CSAT.ByTopic {
		if _, known := r.ByTopic[t]; !known {
			extra = append(extra, t)
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i] < extra[j] })
	return append(out, extra...)
}
