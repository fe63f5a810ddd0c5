package teams

import (
	"strings"
	"unicode"
)

// CardText renders an Adaptive Card as plain text for a terminal: a frame,
// one line per text of the body in its order (a RichTextBlock's runs joined,
// a TextBlock's text, a FactSet's "title: value", containers and columns
// read in order), and the buttons as [title] on the last line. Control
// characters in the card's text are shown as U+FFFD, so citizen text cannot
// drive the terminal.
func CardText(card map[string]any) string {
	var lines []string
	for _, el := range list(card["body"]) {
		lines = append(lines, elementLines(el)...)
	}
	var buttons []string
	for _, a := range list(card["actions"]) {
		if title, _ := a["title"].(string); title != "" {
			buttons = append(buttons, "["+clean(title)+"]")
		}
	}
	if len(buttons) > 0 {
		lines = append(lines, strings.Join(buttons, " "))
	}
	var b strings.Builder
	b.WriteString("╭─\n")
	for _, l := range lines {
		b.WriteString("│ " + l + "\n")
	}
	b.WriteString("╰─\n")
	return b.String()
}

// elementLines are the lines one body element shows.
func elementLines(el map[string]any) []string {
	var text string
	switch el["type"] {
	case "RichTextBlock":
		var runs []string
		for _, in := range list(el["inlines"]) {
			s, _ := in["text"].(string)
			runs = append(runs, s)
		}
		text = strings.Join(runs, "")
	case "TextBlock":
		text, _ = el["text"].(string)
	case "FactSet":
		var facts []string
		for _, f := range list(el["facts"]) {
			title, _ := f["title"].(string)
			value, _ := f["value"].(string)
			facts = append(facts, title+": "+value)
		}
		text = strings.Join(facts, "\n")
	case "Container", "Column":
		return nested(el["items"])
	case "ColumnSet":
		return nested(el["columns"])
	default:
		return nil
	}
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return strings.Split(clean(text), "\n")
}

func nested(v any) []string {
	var lines []string
	for _, el := range list(v) {
		lines = append(lines, elementLines(el)...)
	}
	return lines
}

// list reads a JSON array of objects, however the card was built: []any
// from decoded JSON or []map[string]any from code.
func list(v any) []map[string]any {
	switch xs := v.(type) {
	case []map[string]any:
		return xs
	case []any:
		var out []map[string]any
		for _, x := range xs {
			if m, ok := x.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// clean keeps line breaks and shows every other control character as
// U+FFFD; carriage returns before a line break are dropped.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r) {
			return '\uFFFD'
		}
		return r
	}, s)
}
