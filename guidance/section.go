package guidance

import (
	"strings"
	"time"
)

// section collects the lines of one passage while a file is parsed.
// confirmed holds the raw "Bekræftet:" value until finish checks it.
type section struct {
	line      int
	p         entry
	confirmed string
	inBody    bool
	body      []string
}

func newSection(file string, line int, heading string) (*section, error) {
	m := headingRe.FindStringSubmatch(heading)
	if m == nil {
		return nil, &ParseError{File: file, Line: line,
			Msg: `heading must read "## id: title" with a lower-case id of a-z, 0-9 and "-"`}
	}
	return &section{line: line, p: entry{Passage: Passage{ID: m[1], Title: strings.TrimSpace(m[2])}}}, nil
}

// add takes one line: metadata lines come first, the body after them.
func (s *section) add(line string) {
	if s == nil {
		return
	}
	if !s.inBody && s.addField(line) {
		return
	}
	if !s.inBody && strings.TrimSpace(line) == "" {
		return
	}
	s.inBody = true
	s.body = append(s.body, line)
}

func (s *section) addField(line string) bool {
	m := fieldRe.FindStringSubmatch(line)
	if m == nil {
		return false
	}
	switch fieldNames[strings.ToLower(m[1])] {
	case "fraction":
		s.p.Fraction = strings.TrimSpace(m[2])
	case "source":
		s.p.Source = strings.TrimSpace(m[2])
	case "keywords":
		s.p.keywords = splitKeywords(m[2])
	case "read":
		s.p.Read = strings.TrimSpace(m[2])
	case "confirmed":
		s.confirmed = strings.ToLower(strings.TrimSpace(m[2]))
	case "substitute":
		s.p.Substitute = strings.TrimSpace(m[2])
	default:
		return false
	}
	return true
}

func splitKeywords(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// finish validates the passage; a nil section yields a zero passage.
func (s *section) finish(file string) (entry, error) {
	if s == nil {
		return entry{}, nil
	}
	s.p.Text = strings.TrimSpace(strings.Join(s.body, "\n"))
	if msg := s.problem(); msg != "" {
		return entry{}, &ParseError{File: file, Line: s.line, Msg: "passage " + s.p.ID + " " + msg}
	}
	s.p.Confirmed = confirmedValues[s.confirmed]
	return s.p, nil
}

// problem names what is missing or malformed in the passage, or is "".
func (s *section) problem() string {
	_, known := confirmedValues[s.confirmed]
	switch {
	case s.p.Fraction == "":
		return `has no "Fraktion:" line`
	case s.p.Source == "":
		return `has no "Kilde:" line`
	case s.p.Read == "":
		return `has no "Læst:" line (the day the source was read, YYYY-MM-DD)`
	case !validDate(s.p.Read):
		return `has "Læst: ` + s.p.Read + `", want a date YYYY-MM-DD`
	case s.confirmed == "":
		return `has no "Bekræftet:" line (ja or nej)`
	case !known:
		return `has "Bekræftet: ` + s.confirmed + `", want ja or nej`
	case s.p.Text == "":
		return "has no text"
	}
	return ""
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
