package mail

import (
	"regexp"
	"strings"
)

// Lines that start the quoted history of a reply.
var (
	originalRE = regexp.MustCompile(`(?i)^-{2,}\s*(original message|oprindelig meddelelse|original meddelelse|ursprüngliche nachricht)\s*-{2,}$`)
	outlookRE  = regexp.MustCompile(`(?i)^\*?(fra|from|von):`)
	sentRE     = regexp.MustCompile(`(?i)^\*?(sendt|sent|date|dato|gesendet):`)
	// "On <date>, <name> wrote:", "Den <date> skrev <name>:", "Am <date> schrieb <name>:"
	attributionRE = regexp.MustCompile(`(?i)^(on\s.*\swrote:|den\s.*\sskrev\b.*:|am\s.*\sschrieb\b.*:)$`)
	underscoresRE = regexp.MustCompile(`^_{10,}$`)
	// The line before a mail forwarded in the text: what follows is the
	// point of the mail, not history to fold away.
	forwardRE = regexp.MustCompile(`(?i)^(-{2,}\s*(forwarded message|videresendt (besked|meddelelse|mail)|weitergeleitete nachricht)\s*-{2,}|begin forwarded message:|start på videresendt (besked|meddelelse):)$`)
)

// splitQuoted splits a body into what the sender wrote and what follows it:
// quoted history (lines starting with ">", "On … wrote:"/"Den … skrev:"
// attributions, "-----Original Message-----", Outlook "Fra:/Sendt:" blocks)
// and a signature after a "-- " line. Replies written between quoted lines
// are not folded; a body that would become empty is not folded either.
func splitQuoted(text string) (body, quoted string) {
	lines := strings.Split(text, "\n")
	cut := historyStart(lines)
	cut = trailingQuoteStart(lines[:cut])
	body = strings.TrimSpace(strings.Join(lines[:cut], "\n"))
	if body == "" {
		return strings.TrimSpace(text), ""
	}
	return body, strings.TrimSpace(strings.Join(lines[cut:], "\n"))
}

// historyStart is the index of the first line of a signature or of quoted
// history, or len(lines).
func historyStart(lines []string) int {
	for i := range lines {
		t := strings.TrimSpace(lines[i])
		if t == "--" {
			return i
		}
		if forwardRE.MatchString(t) {
			return len(lines)
		}
		if !isHistoryHeader(lines, i) || interleaved(lines[i+1:]) {
			continue
		}
		for i > 0 && underscoresRE.MatchString(strings.TrimSpace(lines[i-1])) {
			i--
		}
		return i
	}
	return len(lines)
}

// isHistoryHeader reports whether lines[i] opens quoted history.
func isHistoryHeader(lines []string, i int) bool {
	t := strings.TrimSpace(lines[i])
	if originalRE.MatchString(t) {
		return true
	}
	if outlookRE.MatchString(t) {
		for _, next := range lines[i+1 : min(i+5, len(lines))] {
			if sentRE.MatchString(strings.TrimSpace(next)) {
				return true
			}
		}
		return false
	}
	if len(t) > 400 || !strings.ContainsAny(t, "0123456789") {
		return false // attributions carry a date
	}
	if attributionRE.MatchString(t) {
		return true
	}
	// Attributions wrapped over two lines.
	return i+1 < len(lines) && len(t) > 3 && attributionRE.MatchString(t+" "+strings.TrimSpace(lines[i+1]))
}

// interleaved reports whether the sender wrote text between quoted lines
// (before any signature): then nothing is folded.
func interleaved(rest []string) bool {
	seenQuote := false
	for _, l := range rest {
		t := strings.TrimSpace(l)
		switch {
		case t == "--":
			return false
		case strings.HasPrefix(t, ">"):
			seenQuote = true
		case t != "" && seenQuote:
			return true
		}
	}
	return false
}

// trailingQuoteStart is where a final block of ">" lines (and blank lines)
// begins, or len(lines) when the text does not end in quotes.
func trailingQuoteStart(lines []string) int {
	start, quoted := len(lines), false
	for k := len(lines) - 1; k >= 0; k-- {
		t := strings.TrimSpace(lines[k])
		if t != "" && !strings.HasPrefix(t, ">") {
			break
		}
		if t != "" {
			start, quoted = k, true
		}
	}
	if !quoted {
		return len(lines)
	}
	return start
}
