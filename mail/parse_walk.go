package mail

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/emersion/go-message"
)

// Bounds that keep hostile mail from costing more than ordinary mail. What
// they leave out is told in a Note.
const (
	MaxDepth        = 20       // multipart and enclosed-message nesting levels read
	MaxParts        = 500      // MIME parts read in one message
	MaxTextBytes    = 10 << 20 // decoded bytes read from one text part
	maxSkippedNames = 50       // names of skipped attachments listed
)

// entity is one MIME entity: its header and its body as sent.
type entity struct {
	header message.Header
	body   []byte
	index  int  // position among all parts of the message, from 1
	whole  bool // the entity is the whole body of its message
}

// piece is one text part of the body, in message order.
type piece struct {
	html bool
	text string
}

// limits are the bounds shared by a message and the messages it encloses.
type limits struct {
	maxAttachment int64
	parts         int
	skipped       int
	skippedNames  []string
	tooDeep       bool
}

// note tells the reader what the bounds left out.
func (l *limits) note(p *Parsed) {
	if l.skipped > 0 {
		p.addWarning(fmt.Sprintf("more than %d MIME parts; %d skipped", MaxParts, l.skipped))
		p.Notes = append(p.Notes, Note{Kind: NoteSkipped, N: l.skipped, Names: l.skippedNames})
	}
	if l.tooDeep {
		p.addWarning(fmt.Sprintf("MIME nesting deeper than %d levels; deeper parts are skipped", MaxDepth))
		p.Notes = append(p.Notes, Note{Kind: NoteTooDeep})
	}
}

// walker visits a message's MIME tree and collects text and attachments.
type walker struct {
	p      *Parsed
	lim    *limits
	pieces []piece
	notes  []string
	deep   bool // parts were skipped for depth: the raw body may be all there is
}

func (w *walker) warn(msg string) { w.p.addWarning(msg) }

func (w *walker) note(n Note) { w.p.Notes = append(w.p.Notes, n) }

// message reads one whole message: its header and then its body.
func (w *walker) message(b []byte, depth int) {
	hs := splitHead(b, true)
	if hs.header.Len() == 0 && len(bytes.TrimSpace(b)) > 0 {
		w.warn("no header")
	}
	if hs.skipped > 0 {
		w.warn(fmt.Sprintf("%d malformed header lines skipped", hs.skipped))
	}
	w.p.readHeader(hs.header)
	w.walk(entity{header: hs.header, body: hs.body, whole: true}, depth, "text/plain")
	w.finish(hs.body)
}

func (w *walker) walk(e entity, depth int, defaultType string) {
	w.lim.parts++
	e.index = w.lim.parts
	if w.lim.parts > MaxParts {
		w.skip(e)
		return
	}
	if depth > MaxDepth {
		w.lim.tooDeep, w.deep = true, true
		return
	}
	mt, params := mediaType(e.header, defaultType)
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		w.multipart(e, mt, params, depth)
	case params["boundary"] != "" && hasDelimiter(e.body, params["boundary"]):
		w.multipart(e, "multipart/mixed", params, depth) // a multipart sent as another type, as spam tools do
	case mt == "message/rfc822" || mt == "message/global" || mt == "message/news":
		w.enclosed(e, depth)
	case mt == "message/external-body":
		w.external(e, params)
	case isBodyText(e.header, mt, e.whole):
		w.text(e, mt, params)
	default:
		w.attachment(e, mt)
	}
}

// skip counts a part past the limit and keeps its file name for the note.
func (w *walker) skip(e entity) {
	w.lim.skipped++
	if len(w.lim.skippedNames) >= maxSkippedNames {
		return
	}
	if name := partFilename(e.header); name != "" {
		w.lim.skippedNames = append(w.lim.skippedNames, name)
	}
}

func (w *walker) multipart(e entity, mt string, params map[string]string, depth int) {
	// parts past the limit are only counted and named: keep a few more
	// than can be read, for their names
	parts, more, ok := splitMultipartMax(e.body, params["boundary"], MaxParts+maxSkippedNames)
	w.lim.skipped += more
	if !ok {
		if len(bytes.TrimSpace(e.body)) > 0 {
			w.warn(fmt.Sprintf("part %d: %s without its boundary; read as text", e.index, mt))
			w.pieces = append(w.pieces, piece{text: bestEffortUTF8(e.body)})
		}
		return
	}
	child := "text/plain"
	if mt == "multipart/digest" {
		child = "message/rfc822"
	}
	start := len(w.pieces)
	for _, part := range parts {
		if w.lim.parts >= MaxParts && len(w.lim.skippedNames) >= maxSkippedNames {
			w.lim.parts++
			w.lim.skipped++
			continue
		}
		hs := splitHead(part, false)
		if hs.skipped > 0 {
			w.warn(fmt.Sprintf("part %d: %d malformed header lines skipped", w.lim.parts+1, hs.skipped))
		}
		w.walk(entity{header: hs.header, body: hs.body}, depth+1, child)
	}
	if mt == "multipart/alternative" {
		w.pickAlternative(start)
	}
}

// pickAlternative keeps only the plain-text pieces of an alternative when
// it has any, else its HTML pieces.
func (w *walker) pickAlternative(start int) {
	hasPlain := false
	for _, pc := range w.pieces[start:] {
		hasPlain = hasPlain || (!pc.html && strings.TrimSpace(pc.text) != "")
	}
	if !hasPlain {
		return
	}
	kept := w.pieces[:start]
	for _, pc := range w.pieces[start:] {
		if !pc.html {
			kept = append(kept, pc)
		}
	}
	w.pieces = kept
}

// finish turns the collected pieces into Text and Quoted. When parts were
// lost to the depth limit and no text came out, the raw body becomes the
// text.
func (w *walker) finish(body []byte) {
	var parts []string
	for _, pc := range w.pieces {
		t := pc.text
		if pc.html {
			t = htmlToText(t)
		}
		if t = cleanText(t); t != "" {
			parts = append(parts, t)
		}
	}
	text, quoted := splitQuoted(strings.Join(parts, "\n\n"))
	if text == "" && w.deep {
		text, quoted = cleanText(bestEffortUTF8(body)), ""
	}
	if len(w.notes) > 0 {
		text = strings.TrimSpace(text + "\n\n" + strings.Join(w.notes, "\n"))
	}
	w.p.Text, w.p.Quoted = text, quoted
}
