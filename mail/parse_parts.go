package mail

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// NoteKind names something the reader of a mail must be told about it.
type NoteKind string

const (
	NoteDamaged   NoteKind = "damaged"   // Name could not be decoded in full: N characters skipped
	NoteUndecoded NoteKind = "undecoded" // Name has an unknown transfer encoding (Detail) and is kept as sent
	NoteSkipped   NoteKind = "skipped"   // N parts past the limit were not read; Names are their files
	NoteTooDeep   NoteKind = "too_deep"  // parts nested too deep were not read
	NoteCut       NoteKind = "cut"       // a text part longer than the limit was cut
	NoteExternal  NoteKind = "external"  // the mail points to a file kept elsewhere (Name, Detail: where); not fetched
	NoteSender    NoteKind = "sender"    // the sender's address could not be read (Detail: the From field as written)
)

// Note is one thing about a mail that its reader must be told: a part that
// was damaged, skipped or not fetched. Name and Detail come from the mail
// and are shown to advisers, never logged.
type Note struct {
	Kind   NoteKind
	Name   string
	N      int
	Names  []string
	Detail string
}

func (w *walker) text(e entity, mt string, params map[string]string) {
	data := w.body(e, fmt.Sprintf("%s (%d)", mt, e.index))
	if len(data) > MaxTextBytes {
		data = data[:MaxTextBytes]
		w.warn(fmt.Sprintf("part %d: text longer than %d bytes cut", e.index, MaxTextBytes))
		w.note(Note{Kind: NoteCut, N: MaxTextBytes})
	}
	s, ok := decodeCharset(data, params["charset"])
	if !ok {
		w.warn("unknown charset; text decoded as well as possible")
	}
	switch mt {
	case "text/html":
		w.pieces = append(w.pieces, piece{html: true, text: s})
	case "text/enriched", "text/richtext":
		w.pieces = append(w.pieces, piece{text: enrichedToText(s)})
	default:
		w.pieces = append(w.pieces, piece{text: s})
	}
}

var (
	enrichedTagRE   = regexp.MustCompile(`<(/?[A-Za-z][A-Za-z0-9-]*|param)>`)
	enrichedParamRE = regexp.MustCompile(`(?s)<param>.*?</param>`)
)

// enrichedToText drops the formatting commands of text/enriched (RFC 1896)
// and undoes its "<<" escape.
func enrichedToText(s string) string {
	s = enrichedParamRE.ReplaceAllString(s, "")
	s = enrichedTagRE.ReplaceAllString(s, "")
	return strings.ReplaceAll(s, "<<", "<")
}

// enclosed reads a message sent whole inside this one (a forward as an
// attachment, a digest's part) as a message of its own: the reader sees its
// sender, subject and text, and its attachments are kept with this mail's.
func (w *walker) enclosed(e entity, depth int) {
	data := w.body(e, "message.eml")
	if len(bytes.TrimSpace(data)) == 0 {
		return
	}
	sub := &walker{p: &Parsed{}, lim: w.lim}
	sub.message(data, depth+1)
	f := sub.p
	f.Auto = ""
	for _, part := range strings.Split(f.Warning, "; ") {
		if part != "" {
			w.warn("enclosed message: " + part)
		}
	}
	f.Warning = ""
	w.p.Notes, f.Notes = append(w.p.Notes, f.Notes...), nil
	w.p.Attachments = append(w.p.Attachments, f.Attachments...)
	w.p.Forwarded = append(w.p.Forwarded, f)
}

// external tells of a message/external-body part (RFC 2046 5.2.3): a file
// kept elsewhere. It is not fetched; the reader is told where it is.
func (w *walker) external(e entity, params map[string]string) {
	access := strings.ToLower(params["access-type"])
	where := params["url"]
	if where == "" {
		where = strings.Trim(strings.Join([]string{params["site"], params["directory"], params["name"]}, " "), " ")
	}
	name := sanitizeFilename(decodeWords(params["name"]))
	inner := splitHead(e.body, false)
	if n := partFilename(inner.header); n != "" {
		name = n
	}
	if name == "" {
		name = "attachment"
	}
	w.note(Note{Kind: NoteExternal, Name: name, Detail: truncateRunes(cleanLine(strings.TrimSpace(access+" "+where)), 300)})
}
