package insights

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteJSON writes the report as indented JSON (docs/insights.md).
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteText writes the report for a person, in lang ("da" or "en").
func WriteText(w io.Writer, r *Report, lang string) error {
	l := labelsFor(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s..%s (%s %s..%s)\n", l.title, r.From, r.To, l.against, r.PreviousFrom, r.PreviousTo)
	fmt.Fprintf(&b, "%s: %d (%s %d)\n", l.enquiries, r.Enquiries, l.before, r.PreviousEnquiries)
	writeTrends(&b, r, l)
	writeRecurring(&b, r, l)
	writeNewAnswers(&b, r, l)
	writePoor(&b, r, l)
	writeHotspots(&b, r, l)
	writeRated(&b, r, l)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTrends(b *strings.Builder, r *Report, l labels) {
	fmt.Fprintf(b, "\n%s\n", l.topics)
	for _, t := range r.Topics {
		if t.Count == 0 && t.Previous == 0 {
			continue
		}
		fmt.Fprintf(b, "  %-18s %6d  %s %5d  %+6d  %s\n", t.Topic, t.Count, l.before, t.Previous, t.Change, l.trend[t.Trend])
	}
}

func writeRecurring(b *strings.Builder, r *Report, l labels) {
	fmt.Fprintf(b, "\n%s\n", l.recurring)
	if len(r.Recurring) == 0 {
		fmt.Fprintf(b, "  %s\n", l.none)
	}
	for i, q := range r.Recurring {
		fmt.Fprintf(b, "%3d. %q — %d %s (%s %d), %s %s\n", i+1, q.Question, q.Count, l.enquiriesLower, l.before, q.Previous, l.topic, q.Topic)
		fmt.Fprintf(b, "     %s: %s\n", l.examples, strings.Join(quoted(q.Examples), ", "))
		if q.Poor > 0 || q.Repeats > 0 {
			fmt.Fprintf(b, "     %s %d, %s %d\n", l.poorShort, q.Poor, l.repeatShort, q.Repeats)
		}
		fmt.Fprintf(b, "     %s\n", refs(q.Enquiries, l))
	}
}

// writeNewAnswers lists the recurring questions no standard answer covers,
// with their example subjects and enquiries.
func writeNewAnswers(b *strings.Builder, r *Report, l labels) {
	fmt.Fprintf(b, "\n%s\n", l.newAnswers)
	if len(r.NewAnswers) == 0 {
		fmt.Fprintf(b, "  %s\n", l.none)
	}
	for i, q := range r.NewAnswers {
		fmt.Fprintf(b, "%3d. %q — %d %s, %s %s\n", i+1, q.Question, q.Count, l.enquiriesLower, l.topic, q.Topic)
		fmt.Fprintf(b, "     %s: %s\n", l.examples, strings.Join(quoted(q.Examples), ", "))
		fmt.Fprintf(b, "     %s\n", refs(q.Enquiries, l))
	}
}

func writePoor(b *strings.Builder, r *Report, l labels) {
	fmt.Fprintf(b, "\n%s\n", l.poor)
	if len(r.Poorly) == 0 {
		fmt.Fprintf(b, "  %s\n", l.none)
	}
	for _, p := range r.Poorly {
		var why []string
		for _, reason := range p.Reasons {
			why = append(why, l.reason[reason])
		}
		detail := strings.Join(why, ", ")
		if p.Retrieval != nil {
			detail += fmt.Sprintf("; %s %.2f", l.score, *p.Retrieval)
		}
		if p.Rewrite != nil {
			detail += fmt.Sprintf("; %s %.0f %%", l.changed, *p.Rewrite*100)
		}
		fmt.Fprintf(b, "  #%d %q (%s): %s\n", p.Enquiry, p.Subject, p.Topic, detail)
	}
}

func writeHotspots(b *strings.Builder, r *Report, l labels) {
	fmt.Fprintf(b, "\n%s\n", l.hotspots)
	if len(r.Repeats) == 0 {
		fmt.Fprintf(b, "  %s\n", l.none)
	}
	for _, h := range r.Repeats {
		fmt.Fprintf(b, "  %s %q: %d %s %d (%.1f %%)\n", l.kind[h.Kind], h.Name, h.Repeats, l.of, h.Of, h.Rate*100)
		fmt.Fprintf(b, "     %s\n", refs(h.Enquiries, l))
	}
}

func writeRated(b *strings.Builder, r *Report, l labels) {
	fmt.Fprintf(b, "\n%s\n", l.rated)
	if len(r.LowestRated) == 0 {
		fmt.Fprintf(b, "  %s\n", l.none)
	}
	for _, x := range r.LowestRated {
		fmt.Fprintf(b, "  #%d %q (%s): %d/5\n", x.Enquiry, x.Subject, x.Topic, x.Rating)
	}
}

// maxRefs is how many enquiry numbers a line shows before "and N more".
const maxRefs = 12

func refs(ids []int64, l labels) string {
	var parts []string
	for i, id := range ids {
		if i == maxRefs {
			parts = append(parts, fmt.Sprintf(l.more, len(ids)-maxRefs))
			break
		}
		parts = append(parts, "#"+strconv.FormatInt(id, 10))
	}
	return strings.Join(parts, " ")
}

func quoted(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
