package stats

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// WriteJSON writes the report as docs/statistics.md JSON, indented, with a newline.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report as a readable table in lang ("da" or "en").
func WriteText(w io.Writer, r *Report, lang string) error {
	l := labelsFor(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s..%s (%s %s)\n\n", l.title, r.From, r.To, l.generated, r.GeneratedAt.Format(time.RFC3339))
	fmt.Fprintf(&b, "%-34s %10s %10s\n", l.enquiries, l.count, l.perYear)
	fmt.Fprintf(&b, "  %-32s %10d %10.1f\n", l.mail, r.Enquiries.Mail, r.PerYear.Mail)
	fmt.Fprintf(&b, "  %-32s %10d %10.1f\n", l.phone, r.Enquiries.Phone, r.PerYear.Phone)
	fmt.Fprintf(&b, "  %-32s %10d %10.1f\n\n", l.total, r.Enquiries.Total, r.PerYear.Total)
	fmt.Fprintf(&b, "%-34s %s %d, %s %d, %s %d\n", l.open+":", l.openNew, r.Open.New, l.openClaimed, r.Open.Claimed, l.openAnswered, r.Open.Answered)
	fmt.Fprintf(&b, "%-34s %s %.1f %s, %s %.1f %s\n", l.firstResponse+":", l.median, r.FirstResponseMinutes.Median, l.minutes, l.p90, r.FirstResponseMinutes.P90, l.minutes)
	fmt.Fprintf(&b, "%-34s %s %.1f %s, %s %.1f %s\n", l.handling+":", l.mean, r.CallHandlingMinutes.Mean, l.minutes, l.median, r.CallHandlingMinutes.Median, l.minutes)
	fmt.Fprintf(&b, "%-34s %d\n", l.breaches+":", r.DeadlineBreaches)
	fmt.Fprintf(&b, "%-34s %.1f %%\n", l.repeat+":", r.RepeatContactRate*100)
	writeCSAT(&b, r, l)
	writeTopics(&b, r, l)
	writeAdvisers(&b, r, l)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTopics(b *strings.Builder, r *Report, l labels) {
	fmt.Fprintf(b, "\n%s\n", l.topics)
	for _, t := range TopicOrder(r) {
		fmt.Fprintf(b, "  %-32s %10d\n", t, r.ByTopic[t])
	}
}

func writeAdvisers(b *strings.Builder, r *Report, l labels) {
	if len(r.ByAdviser) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s\n", l.advisers)
	for _, u := range AdviserOrder(r) {
		t := r.ByAdviser[u]
		fmt.Fprintf(b, "  %-32s %10d / %d\n", u, t.Claimed, t.Answered)
	}
}

// TopicOrder lists the report's topics, the known ones in their usual order
// first.
func TopicOrder(r *Report) []affaldsbot.Topic {
	out := append([]affaldsbot.Topic(nil), affaldsbot.Topics...)
	var extra []affaldsbot.Topic
	for t := range r.ByTopic {
		if !t.Valid() {
			extra = append(extra, t)
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i] < extra[j] })
	return append(out, extra...)
}

// AdviserOrder lists the advisers by answers, then claims, then ID.
func AdviserOrder(r *Report) []string {
	out := make([]string, 0, len(r.ByAdviser))
	for u := range r.ByAdviser {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := r.ByAdviser[out[i]], r.ByAdviser[out[j]]
		if a.Answered != b.Answered {
			return a.Answered > b.Answered
		}
		if a.Claimed != b.Claimed {
			return a.Claimed > b.Claimed
		}
		return out[i] < out[j]
	})
	return out
}

// CSVHeader is the first row of WriteCSV.
var CSVHeader = []string{"id", "channel", "received_at", "topic", "status", "citizen", "first_response_minutes",
	"deadline_at", "breached", "handling_minutes", "holder", "rating"}

// WriteCSV writes one row per enquiry (Options.Rows) after CSVHeader. The
// citizen's e-mail or phone is written only when personal is true.
func WriteCSV(w io.Writer, r *Report, personal bool) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for i := range r.Rows {
		if err := cw.Write(csvRecord(&r.Rows[i], personal)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvRecord(row *Row, personal bool) []string {
	citizen := ""
	if personal {
		citizen = row.CitizenEmail
		if citizen == "" {
			citizen = row.CitizenPhone
		}
	}
	deadline := ""
	if row.DeadlineAt != nil {
		deadline = row.DeadlineAt.UTC().Format(time.RFC3339)
	}
	return []string{strconv.FormatInt(row.ID, 10), string(row.Channel), row.ReceivedAt.UTC().Format(time.RFC3339),
		string(row.Topic), string(row.Status), citizen, minutes(row.FirstResponse), deadline,
		strconv.FormatBool(row.Breached), minutes(row.Handling), row.Holder, rating(row.Rating)}
}

func rating(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func minutes(m *float64) string {
	if m == nil {
		return ""
	}
	return strconv.FormatFloat(Round(*m, 1), 'f', 1, 64)
}
