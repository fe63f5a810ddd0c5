package mail

import (
	"io"
	"strings"

	"github.com/emersion/go-message"
)

// Bounds that keep hostile mail from costing more than ordinary mail.
const (
	maxDepth     = 20       // multipart nesting levels read
	maxParts     = 500      // MIME parts read in one message
	maxTextBytes = 10 << 20 // decoded bytes read from one text part
)

// piece is one text part of the body, in message order.
type piece struct {
	html bool
	text string
}

// walker visits a message's MIME tree and collects text and attachments.
type walker struct {
	p             *Parsed
	maxAttachment int64
	parts         int
	pieces        []piece
	notes         []string
	broken        bool // the MIME structure could not be read to the end
}

func (w *walker) warn(msg string) { w.p.addWarning(msg) }

// breakOff records a structural failure: the rest of the tree is lost.
func (w *walker) breakOff(msg string) {
	w.broken = true
	w.warn(msg)
}

func (w *walker) walk(e *message.Entity, depth int) {
	w.parts++
	if w.parts > maxParts {
		w.breakOff("more than 500 MIME parts; the rest is skipped")
		return
	}
	if depth > maxDepth {
		w.breakOff("MIME nesting deeper than 20 levels; deeper parts are skipped")
		return
	}
	mt, _, _ := e.Header.ContentType()
	mt = strings.ToLower(strings.TrimSpace(mt))
	if mr := e.MultipartReader(); mr != nil {
		w.walkMultipart(mr, mt, depth)
		return
	}
	disp, _, _ := e.Header.ContentDisposition()
	isText := mt == "" || mt == "text/plain" || mt == "text/html"
	if isText && !strings.EqualFold(disp, "attachment") {
		w.bodyPart(e, mt == "text/html")
		return
	}
	w.attachment(e, mt)
}

func (w *walker) walkMultipart(mr message.MultipartReader, mt string, depth int) {
	start := len(w.pieces)
	for w.parts <= maxParts {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil && !decodable(err) {
			w.breakOff("broken MIME structure: " + err.Error())
			break
		}
		if err != nil {
			w.warn(decodeWarning(err))
		}
		w.walk(part, depth+1)
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

func (w *walker) bodyPart(e *message.Entity, html bool) {
	b, err := io.ReadAll(io.LimitReader(e.Body, maxTextBytes))
	if err != nil {
		w.breakOff("unreadable text part: " + err.Error())
	}
	w.pieces = append(w.pieces, piece{html: html, text: bestEffortUTF8(b)})
}

// finish turns the collected pieces into Text and Quoted. When the MIME
// structure broke and no text came out, the raw body becomes the text.
func (w *walker) finish(raw []byte) {
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
	if text == "" && w.broken {
		text, quoted = cleanText(bestEffortUTF8(rawBody(raw))), ""
	}
	if len(w.notes) > 0 {
		text = strings.TrimSpace(text + "\n\n" + strings.Join(w.notes, "\n"))
	}
	w.p.Text, w.p.Quoted = text, quoted
}
