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
	"unicode/utf8"

	"github.com/affaldsbot/affaldsbot"
)

// WriteJSON writes the report as docs/statistics.md JSON, indented, with a newline.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report as a readable table in st's language:
// numbers with its decimal mark and thousands separators, the time it was
// made in st's time zone, topics by their labels, advisers by name, and
// "–" for a figure with nothing behind it.
func WriteText(w io.Writer, r *Report, st Style) error {
	l := labelsFor(st.Lang)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s %s)\n\n", l.title, st.Period(r), l.generated, st.Time(r.GeneratedAt))
	row := func(label, count, perYear string) {
		fmt.Fprintf(&b, "  %s %10s %10s\n", pad(label, 32), count, perYear)
	}
	fmt.Fprintf(&b, "%s %10s %10s\n", pad(l.enquiries, 34), l.count, l.perYear)
	row(l.mail, st.Int(r.Enquiries.Mail), st.PerYear(r.PerYear.Mail, r))
	row(l.phone, st.Int(r.Enquiries.Phone), st.PerYear(r.PerYear.Phone, r))
	row(l.total, st.Int(r.Enquiries.Total), st.PerYear(r.PerYear.Total, r))
	b.WriteString("\n")
	line := func(label, value string) { fmt.Fprintf(&b, "%s %s\n", pad(label+":", 34), value) }
	line(l.open, fmt.Sprintf("%s %s, %s %s, %s %s", l.openNew, st.Int(r.Open.New), l.openClaimed, st.Int(r.Open.Claimed), l.openAnswered, st.Int(r.Open.Answered)))
	line(l.firstResponse, fmt.Sprintf("%s %s, %s %s", l.median, st.Minutes(r.FirstResponseMinutes.Median, r.Responded),
		l.p90, st.Minutes(r.FirstResponseMinutes.P90, r.Responded)))
	line(l.handling, fmt.Sprintf("%s %s, %s %s", l.mean, st.Minutes(r.CallHandlingMinutes.Mean, r.Handled),
		l.median, st.Minutes(r.CallHandlingMinutes.Median, r.Handled)))
	line(l.breaches, st.Int(r.DeadlineBreaches))
	if r.Enquiries.Total == 0 {
		line(l.repeat, Empty)
	} else {
		line(l.repeat, st.Percent(r.RepeatContactRate))
	}
	writeCSAT(&b, r, l, st)
	writeTools(&b, r, st.Lang)
	writeTopics(&b, r, l, st)
	writeAdvisers(&b, r, l, st)
	_, err := io.WriteString(w, b.String())
	return err
}

// pad fills s with spaces to width characters (not bytes: "Åbne", "–").
func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

func writeTopics(b *strings.Builder, r *Report, l labels, st Style) {
	fmt.Fprintf(b, "\n%s\n", l.topics)
	for _, t := range TopicOrder(r) {
		fmt.Fprintf(b, "  %s %10s\n", pad(st.Topic(t), 32), st.Int(r.ByTopic[t]))
	}
}

func writeAdvisers(b *strings.Builder, r *Report, l labels, st Style) {
	if len(r.ByAdviser) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s\n", l.advisers)
	for _, u := range AdviserOrder(r) {
		t := r.ByAdviser[u]
		fmt.Fprintf(b, "  %s %10s / %s\n", pad(st.Adviser(u), 32), st.Int(t.Claimed), st.Int(t.Answered))
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
