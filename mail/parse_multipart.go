package mail

import (
	"bytes"
	"fmt"
	"mime"
	"net/url"
	"strings"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
)

// splitMultipart cuts a multipart body into its parts at the delimiter
// lines "--boundary", up to the close delimiter "--boundary--" or the end
// of the body when the close is missing. Without a boundary parameter the
// first line that looks like a delimiter gives it. It reports false when no
// delimiter line is found at all.
func splitMultipart(body []byte, boundary string) ([][]byte, bool) {
	parts, _, ok := splitMultipartMax(body, boundary, -1)
	return parts, ok
}

// splitMultipartMax is splitMultipart keeping at most max parts (all when
// max < 0) and counting the rest.
func splitMultipartMax(body []byte, boundary string, max int) (parts [][]byte, more int, ok bool) {
	if boundary == "" {
		boundary = guessBoundary(body)
	}
	if boundary == "" {
		return nil, 0, false
	}
	delim := []byte("--" + boundary)
	keep := func(part []byte) {
		if max < 0 || len(parts) < max {
			parts = append(parts, part)
		} else {
			more++
		}
	}
	start := -1
	for pos := 0; pos < len(body); {
		line := firstLine(body[pos:])
		next := pos + len(line)
		if kind := delimiterKind(trimEOL(line), delim); kind != 0 {
			if start >= 0 {
				keep(trimPartEnd(body[start:pos]))
			}
			ok, start = true, next
			if kind == 2 {
				return parts, more, true
			}
		}
		pos = next
	}
	if start >= 0 && start < len(body) {
		keep(body[start:])
	}
	return parts, more, ok
}

// hasDelimiter reports whether a delimiter line of boundary is in body.
func hasDelimiter(body []byte, boundary string) bool {
	_, _, ok := splitMultipartMax(body, boundary, 0)
	return ok
}

// delimiterKind is 1 for a delimiter line, 2 for the close delimiter and 0
// for any other line. Trailing blanks are allowed, as RFC 2046 says.
func delimiterKind(text, delim []byte) int {
	rest, ok := bytes.CutPrefix(text, delim)
	if !ok {
		return 0
	}
	if closed, ok := bytes.CutPrefix(rest, []byte("--")); ok && len(bytes.TrimSpace(closed)) == 0 {
		return 2
	}
	if len(bytes.TrimSpace(rest)) == 0 {
		return 1
	}
	return 0
}

// trimPartEnd drops the line end before a delimiter: it belongs to the
// delimiter, not to the part.
func trimPartEnd(b []byte) []byte {
	switch {
	case bytes.HasSuffix(b, []byte("\r\n")):
		return b[:len(b)-2]
	case bytes.HasSuffix(b, []byte("\n")), bytes.HasSuffix(b, []byte("\r")):
		return b[:len(b)-1]
	}
	return b
}

// guessBoundary takes the boundary from the first line that starts with
// "--" and a token, for multiparts that do not name theirs.
func guessBoundary(body []byte) string {
	for pos, n := 0, 0; pos < len(body) && n < 1000; n++ {
		line := firstLine(body[pos:])
		pos += len(line)
		text := bytes.TrimSpace(trimEOL(line))
		b, ok := bytes.CutPrefix(text, []byte("--"))
		if ok && len(b) > 0 && bytes.IndexAny(b, " \t") < 0 {
			return string(bytes.TrimSuffix(b, []byte("--")))
		}
	}
	return ""
}

// mediaType is an entity's media type, lower case, with its parameters. A
// missing Content-Type gives defaultType, an unusable one text/plain; a
// multipart without a subtype is mixed; parameters that mime.ParseMediaType
// refuses are read one by one.
func mediaType(h message.Header, defaultType string) (string, map[string]string) {
	v := h.Get("Content-Type")
	if strings.TrimSpace(v) == "" {
		return defaultType, map[string]string{}
	}
	mt, params, err := mime.ParseMediaType(v)
	if err != nil || params == nil {
		mt, params = looseMediaType(v)
	}
	mt = strings.ToLower(strings.TrimSpace(mt))
	switch {
	case mt == "text" || mt == "":
		mt = "text/plain"
	case mt == "multipart":
		mt = "multipart/mixed"
	case !strings.Contains(mt, "/"):
		mt = "text/plain" // RFC 2045 5.2: a syntactically invalid Content-Type is read as the default
	}
	return mt, params
}

func looseMediaType(v string) (string, map[string]string) {
	fields := strings.Split(v, ";")
	params := map[string]string{}
	for _, f := range fields[1:] {
		k, val, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if _, seen := params[k]; !seen {
			params[k] = strings.Trim(strings.TrimSpace(val), `"'`)
		}
	}
	return fields[0], params
}

// disposition is the entity's Content-Disposition, lower case.
func disposition(h message.Header) string {
	v := h.Get("Content-Disposition")
	d, _, _ := strings.Cut(v, ";")
	return strings.ToLower(strings.TrimSpace(d))
}

// textAttachmentTypes are text types that are files to open, not text to
// read: calendars, contacts, spreadsheets, formatted documents and bounce
// reports' headers.
var textAttachmentTypes = map[string]bool{
	"text/calendar": true, "text/x-vcalendar": true, "text/vcard": true, "text/x-vcard": true,
	"text/directory": true, "text/rtf": true, "text/csv": true, "text/tab-separated-values": true,
	"text/rfc822-headers": true,
}

// isBodyText reports whether an entity is text for the reader rather than
// a file: a text type that is not a file format, not marked as an
// attachment, and either nameless, or plain or HTML that is marked inline
// or is the whole body of its message (whole).
func isBodyText(h message.Header, mt string, whole bool) bool {
	if !strings.HasPrefix(mt, "text/") || textAttachmentTypes[mt] {
		return false
	}
	plain := mt == "text/plain" || mt == "text/html"
	switch disposition(h) {
	case "attachment":
		return false
	case "inline":
		return plain || partFilename(h) == ""
	}
	return partFilename(h) == "" || (plain && whole)
}

// partFilename is the file name an entity gives itself, cleaned; "" when
// none. Names that go-message cannot read (an RFC 2231 name in a charset
// other than UTF-8, an unquoted name with specials) are read leniently.
func partFilename(h message.Header) string {
	name, err := (&gomail.AttachmentHeader{Header: h}).Filename()
	if err != nil || name == "" {
		_, dparams := looseMediaType(h.Get("Content-Disposition"))
		_, cparams := looseMediaType(h.Get("Content-Type"))
		name = looseParam(dparams, "filename")
		if name == "" {
			name = looseParam(cparams, "name")
		}
	}
	return sanitizeFilename(name)
}

// looseParam reads a parameter as written, as an RFC 2231 extended value
// ("key*=charset”text", also continued as key*0*, key*1*, …) or as
// RFC 2047 encoded words.
func looseParam(params map[string]string, key string) string {
	if v := params[key]; v != "" {
		return decodeWords(v)
	}
	if v := params[key+"*"]; v != "" {
		return decode2231(v)
	}
	var b strings.Builder
	for i := 0; i < 100; i++ {
		part, ext := params[fmt.Sprintf("%s*%d*", key, i)], true
		if part == "" {
			part, ext = params[fmt.Sprintf("%s*%d", key, i)], false
		}
		if part == "" {
			break
		}
		if !ext {
			part = url.PathEscape(part)
		}
		b.WriteString(part)
	}
	return decode2231(b.String())
}

// decode2231 decodes "charset'language'percent-encoded text".
func decode2231(v string) string {
	charset, rest, ok := strings.Cut(v, "'")
	if !ok {
		return decodeWords(v)
	}
	_, text, ok := strings.Cut(rest, "'")
	if !ok {
		text = rest
	}
	raw, err := url.PathUnescape(text)
	if err != nil {
		raw = text
	}
	s, _ := decodeCharset([]byte(raw), charset)
	return s
}
