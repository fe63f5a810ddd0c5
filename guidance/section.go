package guidance

import (
	"strings"
)

// section collects the lines of one passage while a file is parsed.
type section struct {
	line   int
	p      entry
	inBody bool
	body   []string
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
	missing := ""
	switch {
	case s.p.Fraction == "":
		missing = `"Fraktion:" line`
	case s.p.Source == "":
		missing = `"Kilde:" line`
	case s.p.Text == "":
		missing = "text"
	}
	if missing != "" {
		return entry{}, &ParseError{File: file, Line: s.line,
			Msg: "passage " + s.p.ID + " has no " + missing}
	}
	return s.p, nil
}
