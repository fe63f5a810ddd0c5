package stats

import (
	"fmt"
	"sort"
	"strings"

	"github.com/affaldsbot/affaldsbot"
)

// writeCSAT writes the satisfaction figures: all replies, then by channel
// and by topic, those with rating links only.
func writeCSAT(b *strings.Builder, r *Report, l labels) {
	fmt.Fprintf(b, "\n%s\n", l.csat)
	if r.CSAT.Responses == 0 {
		fmt.Fprintf(b, "  %s\n", l.csatNone)
		return
	}
	fmt.Fprintf(b, "  %-32s %s\n", l.total, csatLine(r.CSAT.CSATPart, l))
	for _, ch := range []affaldsbot.Channel{affaldsbot.ChannelMail, affaldsbot.ChannelPhone} {
		if p, ok := r.CSAT.ByChannel[ch]; ok {
			name := l.mail
			if ch == affaldsbot.ChannelPhone {
				name = l.phone
			}
			fmt.Fprintf(b, "  %-32s %s\n", name, csatLine(p, l))
		}
	}
	for _, t := range CSATTopics(r) {
		fmt.Fprintf(b, "  %-32s %s\n", t, csatLine(r.CSAT.ByTopic[t], l))
	}
}

// csatLine: "rated 12 of 40 (30.0 %), satisfied (4–5) 75.0 %".
func csatLine(p CSATPart, l labels) string {
	return fmt.Sprintf("%s %d %s %d (%.1f %%), %s %.1f %%", l.csatRated, p.Rated, l.csatOf, p.Responses,
		p.ResponseRate*100, l.csatSatisfied, p.Score*100)
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
