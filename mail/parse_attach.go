package mail

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"

	"github.com/emersion/go-message"
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

// body is an entity's body with its transfer encoding undone. What could
// not be decoded is told: in the warning by part number, to the reader by
// name.
func (w *walker) body(e entity, name string) []byte {
	enc := e.header.Get("Content-Transfer-Encoding")
	d := decodeTransfer(enc, e.body)
	switch {
	case d.unknown:
		w.warn(fmt.Sprintf("part %d: unknown transfer encoding; kept undecoded", e.index))
		w.note(Note{Kind: NoteUndecoded, Name: name, Detail: truncateRunes(cleanLine(enc), 40)})
	case d.damaged > 0:
		w.warn(fmt.Sprintf("part %d: %d characters of %s could not be decoded", e.index, d.damaged, transferName(enc)))
		w.note(Note{Kind: NoteDamaged, Name: name, N: d.damaged})
	}
	return d.data
}

func (w *walker) attachment(e entity, mt string) {
	a := ParsedAttachment{Filename: attachmentName(e.header, mt), ContentType: mt}
	data := w.body(e, a.Filename)
	sum := sha256.Sum256(data)
	a.Size, a.SHA256 = int64(len(data)), hex.EncodeToString(sum[:])
	if a.Size > w.lim.maxAttachment {
		a.Truncated = true
	} else {
		a.Data = data
		if a.Data == nil {
			a.Data = []byte{}
		}
	}
	w.p.Attachments = append(w.p.Attachments, a)
	if mt == "text/calendar" {
		w.notes = append(w.notes, calendarText(a.Filename, data))
	}
}

// attachmentName is the part's file name with any path and control
// characters removed, or a name made from its media type.
func attachmentName(h message.Header, mt string) string {
	if name := partFilename(h); name != "" {
		return name
	}
	if name := sanitizeFilename(decodeWords(h.Get("Content-Description"))); name != "" {
		return name
	}
	if d, ok := defaultNames[mt]; ok {
		return d
	}
	return "attachment"
}

func sanitizeFilename(name string) string {
	name = strings.ReplaceAll(cleanLine(name), `\`, "/")
	name = strings.TrimSpace(path.Base(strings.TrimRight(name, "/ ")))
	name = strings.TrimLeft(name, ". ")
	if name == "" || name == "/" {
		return ""
	}
	return truncateBytes(name, maxFilenameBytes)
}

// calendarText is the note shown for a calendar invitation.
func calendarText(filename string, data []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 64<<10)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "SUMMARY"); ok {
			if _, s, ok := strings.Cut(v, ":"); ok && strings.TrimSpace(s) != "" {
				return calendarNote + ": " + truncateRunes(cleanLine(strings.TrimSpace(s)), 200) + "]"
			}
		}
	}
	return calendarNote + ": " + filename + "]"
}
