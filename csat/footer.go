package csat

import (
	"fmt"
	"strings"
)

// PathPrefix is where the rating pages are served (docs/csat.md).
const PathPrefix = "/tilfredshed/"

// Footer is the plain-text block that goes below the reply's signature:
// the question and one line per link, best rating first. Each link is on a
// line of its own so that mail programs make it clickable.
func Footer(lang string, links []Link) string {
	if len(links) == 0 {
		return ""
	}
	t := textsFor(lang)
	var b strings.Builder
	b.WriteString("\n\n――――――――――\n")
	fmt.Fprintf(&b, "%s\n%s\n\n", t.footerAsk, t.footerHow)
	for _, l := range links {
		fmt.Fprintf(&b, "%s:\n%s\n", l.Label, l.URL)
	}
	fmt.Fprintf(&b, "\n%s\n", t.footerAfter)
	return b.String()
}
