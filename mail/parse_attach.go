package mail

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path"
	"strings"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
)

// maxFilenameBytes caps an attachment's file name.
const maxFilenameBytes = 200

// calendarNote introduces a calendar invitation in the text.
const calendarNote = "[Kalenderinvitation vedhæftet"

// defaultNames names attachments that arrive without a file name.
var defaultNames = map[string]string{
	"text/calendar":           "invite.ics",
	"message/rfc822":          "message.eml",
	"application/ms-tnef":     "winmail.dat",
	"message/delivery-status": "delivery-status.txt",
	"text/rfc822-headers":     "headers.txt",
}

// capWriter keeps up to max bytes and drops them all once more arrive.
type capWriter struct {
	buf  []byte
	max  int64
	over bool
}

func (c *capWriter) Write(b []byte) (int, error) {
	if !c.over && int64(len(c.buf)+len(b)) > c.max {
		c.over, c.buf = true, nil
	}
	if !c.over {
		c.buf = append(c.buf, b...)
	}
	return len(b), nil
}

func (w *walker) attachment(e *message.Entity, mt string) {
	a := ParsedAttachment{Filename: attachmentName(e.Header, mt), ContentType: mt}
	if a.ContentType == "" {
		a.ContentType = "application/octet-stream"
	}
	h := sha256.New()
	keep := &capWriter{max: w.maxAttachment}
	n, err := io.Copy(io.MultiWriter(h, keep), e.Body)
	if err != nil {
		w.warn("attachment " + a.Filename + ": " + err.Error())
	}
	a.Size, a.SHA256 = n, hex.EncodeToString(h.Sum(nil))
	a.Data, a.Truncated = keep.buf, keep.over
	if a.Data == nil && !a.Truncated {
		a.Data = []byte{}
	}
	w.p.Attachments = append(w.p.Attachments, a)
	if mt == "text/calendar" {
		w.notes = append(w.notes, calendarText(a))
	}
}

// attachmentName is the part's file name with any path and control
// characters removed, or a name made from its media type.
func attachmentName(h message.Header, mt string) string {
	name, _ := (&gomail.AttachmentHeader{Header: h}).Filename()
	if name == "" {
		name = h.Get("Content-Description")
	}
	if name = sanitizeFilename(name); name != "" {
		return name
	}
	if d, ok := defaultNames[mt]; ok {
		return d
	}
	return "attachment"
}

func sanitizeFilename(name string) string {
	name = strings.ReplaceAll(cleanLine(bestEffortUTF8([]byte(name))), `\`, "/")
	name = strings.TrimSpace(path.Base(strings.TrimRight(name, "/ ")))
	name = strings.TrimLeft(name, ". ")
	if name == "" || name == "/" {
		return ""
	}
	return truncateBytes(name, maxFilenameBytes)
}

// calendarText is the note shown for a calendar invitation.
func calendarText(a ParsedAttachment) string {
	sc := bufio.NewScanner(bytes.NewReader(a.Data))
	sc.Buffer(nil, 64<<10)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "SUMMARY"); ok {
			if _, s, ok := strings.Cut(v, ":"); ok && strings.TrimSpace(s) != "" {
				return calendarNote + ": " + truncateRunes(cleanLine(strings.TrimSpace(s)), 200) + "]"
			}
		}
	}
	return calendarNote + ": " + a.Filename + "]"
}
