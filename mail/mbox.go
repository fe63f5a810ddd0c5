package mail

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
)

// MboxFormat is how "From " lines inside messages were escaped.
type MboxFormat int

const (
	// MboxRD un-escapes any number of ">" before "From ": ">>From " → ">From ".
	MboxRD MboxFormat = iota
	// MboxO un-escapes only ">From " → "From ".
	MboxO
)

// MboxReader reads messages one at a time from an mbox file. A message
// starts at a "From " line at the start of the file or after a blank line.
// Lines may end in LF or CRLF.
type MboxReader struct {
	// Format is MboxRD unless set before the first Next.
	Format MboxFormat
	// Location is the time zone of From_ dates that carry none; UTC if nil.
	Location *time.Location

	r           *bufio.Reader
	pending     []byte // the From_ line that starts the next message
	pendingLine int    // its line number
	lines       int    // lines read so far
	fromLine    int    // line number of the From_ line of the message last returned
	started     bool
}

// Line is the line number, from 1, of the From_ line of the message Next
// returned last; 0 when that message had none (text before the first
// From_ line).
func (m *MboxReader) Line() int { return m.fromLine }

// NewMboxReader reads an mbox (mboxrd by default) from r.
func NewMboxReader(r io.Reader) *MboxReader {
	return &MboxReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// Next returns the next message's raw bytes and the date of its From_ line
// (zero when missing or garbled). It returns io.EOF after the last message.
// Text before the first From_ line is returned as a message of its own.
func (m *MboxReader) Next() (raw []byte, received time.Time, err error) {
	from, fromLine := m.pending, m.pendingLine
	m.pending = nil
	var body bytes.Buffer
	prevBlank := !m.started // a From_ line counts at the start of the file
	m.started = true
	for {
		line, rerr := m.r.ReadBytes('\n')
		if len(line) > 0 {
			m.lines++
		}
		switch {
		case len(line) == 0:
		case isFromLine(line) && prevBlank && from == nil && body.Len() == 0:
			from, fromLine, prevBlank = line, m.lines, false
		case isFromLine(line) && prevBlank:
			m.pending, m.pendingLine, m.fromLine = line, m.lines, fromLine
			return trimSeparator(body.Bytes()), m.fromDate(from), nil
		default:
			body.Write(m.unescape(line))
			prevBlank = len(bytes.TrimRight(line, "\r\n")) == 0
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return nil, time.Time{}, fmt.Errorf("read mbox: %w", rerr)
		}
	}
	if from == nil && body.Len() == 0 {
		return nil, time.Time{}, io.EOF
	}
	m.fromLine = fromLine
	return trimSeparator(body.Bytes()), m.fromDate(from), nil
}

func isFromLine(line []byte) bool {
	return bytes.HasPrefix(line, []byte("From "))
}

// unescape removes one ">" from a quoted From line.
func (m *MboxReader) unescape(line []byte) []byte {
	rest := bytes.TrimLeft(line, ">")
	n := len(line) - len(rest)
	if n == 0 || !isFromLine(rest) || (m.Format == MboxO && n != 1) {
		return line
	}
	return line[1:]
}

// trimSeparator drops the blank line that separates a message from the
// next From_ line.
func trimSeparator(b []byte) []byte {
	switch {
	case bytes.HasSuffix(b, []byte("\r\n\r\n")):
		return b[:len(b)-2]
	case bytes.HasSuffix(b, []byte("\n\n")):
		return b[:len(b)-1]
	}
	return b
}

// fromDateLayouts are the date forms seen after the sender in From_ lines.
var fromDateLayouts = []string{
	"Mon Jan 2 15:04:05 2006",
	"Mon Jan 2 15:04:05 -0700 2006",
	"Mon Jan 2 15:04:05 2006 -0700",
	"Mon Jan 2 15:04:05 MST 2006",
	"Mon Jan 2 15:04 2006",
	"Mon, 2 Jan 2006 15:04:05 -0700",
}

// fromDate parses the date of a From_ line such as
// "From jens@example.dk Thu Nov 26 09:14:03 2026".
func (m *MboxReader) fromDate(line []byte) time.Time {
	fields := strings.Fields(string(line))
	loc := m.Location
	if loc == nil {
		loc = time.UTC
	}
	for skip := 2; skip >= 1 && skip < len(fields); skip-- {
		s := strings.Join(fields[skip:], " ")
		for _, layout := range fromDateLayouts {
			if t, err := time.ParseInLocation(layout, s, loc); err == nil {
				return t
			}
		}
	}
	return time.Time{}
}
