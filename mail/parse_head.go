package mail

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"
)

// maxHeaderBytes caps the header block of one entity; the rest is body.
const maxHeaderBytes = 1 << 20

// headSplit is a header block read leniently, and what was wrong with it.
type headSplit struct {
	header  message.Header
	body    []byte
	skipped int  // lines that were neither a field nor a continuation
	noBlank bool // the body began without the blank line that should end the header
}

// splitHead reads the header fields at the start of b the way mail readers
// do. At the top of a message (top), a byte-order mark, blank lines and an
// mbox "From " line before the first field are skipped; a MIME part that
// starts with a blank line has no header. "Name : value" is read as
// "Name: value"; a stray line between fields is skipped; and a body that
// begins right after the last field, without a blank line, is still the
// body.
func splitHead(b []byte, top bool) headSplit {
	if top {
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		b = skipLeadingBlank(b)
		if isMboxFromLine(firstLine(b)) {
			b = b[len(firstLine(b)):]
		}
	}
	var s headSplit
	var fields bytes.Buffer
	rest := b
	for len(rest) > 0 && fields.Len() < maxHeaderBytes {
		line := firstLine(rest)
		text := trimEOL(line)
		after := trimEOL(firstLine(rest[len(line):]))
		switch {
		case len(text) > 0 && len(bytes.TrimSpace(text)) == 0 && fields.Len() > 0 && (fieldName(after) != nil || isContinuation(after)):
			// a line of blanks inside a folded field, as some mailers send
		case len(bytes.TrimSpace(text)) == 0:
			s.header, s.body = buildHeader(fields.Bytes()), rest[len(line):]
			return s
		case isContinuation(text):
			if fields.Len() > 0 {
				fields.Write(text)
				fields.WriteString("\r\n")
			}
		case fieldName(text) != nil:
			writeField(&fields, text)
		case fields.Len() > 0 && (fieldName(after) != nil || isContinuation(after) || knownFieldAhead(rest[len(line):])):
			s.skipped++ // a stray line with fields after it: the header goes on
		default:
			s.header, s.body, s.noBlank = buildHeader(fields.Bytes()), rest, fields.Len() > 0
			return s
		}
		rest = rest[len(line):]
	}
	s.header, s.body = buildHeader(fields.Bytes()), rest
	return s
}

func skipLeadingBlank(b []byte) []byte {
	for len(b) > 0 {
		line := firstLine(b)
		if len(bytes.TrimSpace(line)) > 0 || len(line) == 0 {
			return b
		}
		b = b[len(line):]
	}
	return b
}

// isMboxFromLine reports whether line is an mbox separator such as
// "From jens@example.dk Thu Nov 26 09:14:03 2026" (not a "From:" field,
// nor the obsolete "From : …").
func isMboxFromLine(line []byte) bool {
	rest, ok := bytes.CutPrefix(line, []byte("From "))
	return ok && !bytes.HasPrefix(bytes.TrimLeft(rest, " \t"), []byte(":"))
}

// firstLine is b up to and including its first line end (LF, CRLF or a lone
// CR), or all of b.
func firstLine(b []byte) []byte {
	for i, c := range b {
		switch {
		case c == '\n':
			return b[:i+1]
		case c == '\r' && i+1 < len(b) && b[i+1] == '\n':
			return b[:i+2]
		case c == '\r':
			return b[:i+1]
		}
	}
	return b
}

func trimEOL(line []byte) []byte {
	return bytes.TrimRight(line, "\r\n")
}

func isContinuation(text []byte) bool {
	return len(text) > 0 && (text[0] == ' ' || text[0] == '\t')
}

// fieldName is the name of a header field line, nil when the line is not
// one: a name of printable ASCII without a colon, then optional blanks and
// a colon.
func fieldName(text []byte) []byte {
	i := bytes.IndexByte(text, ':')
	if i <= 0 {
		return nil
	}
	name := bytes.TrimRight(text[:i], " \t")
	if len(name) == 0 {
		return nil
	}
	for _, c := range name {
		if c < 33 || c > 126 {
			return nil
		}
	}
	return name
}

func writeField(w *bytes.Buffer, text []byte) {
	name := fieldName(text)
	value := text[bytes.IndexByte(text, ':')+1:]
	w.Write(name)
	w.WriteString(":")
	w.Write(value)
	w.WriteString("\r\n")
}

// buildHeader reads fields that writeField has already made well-formed.
func buildHeader(fields []byte) message.Header {
	var b bytes.Buffer
	b.Write(fields)
	b.WriteString("\r\n")
	h, _ := textproto.ReadHeader(bufio.NewReader(&b))
	return message.Header{Header: h}
}

// lookAhead is how many lines past a stray line are searched for a known
// header field before the stray line is taken as the start of the body.
const lookAhead = 12

// knownFieldAhead reports whether a field with a well-known name follows
// within lookAhead lines and before a blank line: the header goes on past
// lines whose folding was lost (archives that strip leading blanks).
func knownFieldAhead(b []byte) bool {
	for range lookAhead {
		line := firstLine(b)
		text := trimEOL(line)
		if len(bytes.TrimSpace(text)) == 0 {
			return false
		}
		if name := fieldName(text); name != nil && knownField(string(name)) {
			return true
		}
		b = b[len(line):]
	}
	return false
}

// knownField reports whether name is a header field that mail servers or
// mail programs commonly write.
func knownField(name string) bool {
	name = strings.ToLower(name)
	for _, prefix := range []string{"x-", "content-", "list-", "arc-", "resent-"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return knownFields[name]
}

var knownFields = map[string]bool{
	"received": true, "return-path": true, "delivered-to": true, "dkim-signature": true,
	"authentication-results": true, "received-spf": true, "from": true, "sender": true, "to": true,
	"cc": true, "bcc": true, "reply-to": true, "subject": true, "date": true, "message-id": true,
	"in-reply-to": true, "references": true, "mime-version": true, "precedence": true,
	"auto-submitted": true, "user-agent": true, "thread-topic": true, "thread-index": true,
	"importance": true, "organization": true, "domainkey-signature": true, "errors-to": true,
}
