// Package mail reads citizens' mail: it parses raw RFC 5322 messages into
// readable text and attachments, recognises auto-replies, bounces and list
// mail, and reads mbox files for imports. It is the only importer of
// go-message in the project.
package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"

	_ "github.com/emersion/go-message/charset" // registers ISO-8859-*, Windows-125x and friends
)

// SyntheticIDDomain is the domain of Message-IDs made up for mail without one.
const SyntheticIDDomain = "affaldsbot.invalid"

// maxSubjectRunes caps a subject; longer ones are cut and end in "…".
const maxSubjectRunes = 1000

// Parsed is one mail message made readable.
type Parsed struct {
	MessageID   string // without <>; synthetic "sha256-<hex>@affaldsbot.invalid" when missing
	InReplyTo   string
	References  []string
	FromName    string
	FromAddr    string   // "" when the From field names no address that can be trusted
	FromRaw     string   // the From field as written, cleaned to one line, when FromAddr is ""
	ReplyTo     []string // addresses
	To          []string // addresses
	Subject     string
	Date        time.Time // the sender's Date header: kept, never trusted as receipt time
	Text        string    // readable body: text/plain preferred, else HTML turned to text
	Quoted      string    // quoted history and signature folded away from Text
	Attachments []ParsedAttachment
	Forwarded   []*Parsed // messages enclosed whole (message/rfc822, digests), in order
	Notes       []Note    // what the reader must be told: parts damaged, skipped or not fetched
	Auto        string    // non-empty reason when an auto-reply, bounce or list mail
	Warning     string    // non-empty when parsing failed partly or wholly; holds no text of the mail
	ContentHash string    // sha256 hex of the raw bytes

	replyToName string
}

// ParsedAttachment is one non-text part of a message.
type ParsedAttachment struct {
	Filename    string
	ContentType string // media type without parameters, lower case
	Size        int64  // decoded size in bytes
	SHA256      string // hex of the decoded bytes
	Data        []byte // nil when Truncated
	Truncated   bool   // larger than the limit given to Parse
}

// Parse reads one raw message. It never returns nil and never panics. Parts
// it cannot decode leave a Warning and a Note; when nothing readable could
// be found beyond a warning, Text holds the raw text, decoded as well as
// possible. Attachments larger than maxAttachment keep their name, size and
// hash but no Data.
func Parse(raw []byte, maxAttachment int64) (p *Parsed) {
	sum := sha256.Sum256(raw)
	p = &Parsed{ContentHash: hex.EncodeToString(sum[:])}
	defer func() {
		if r := recover(); r != nil {
			*p = Parsed{ContentHash: p.ContentHash}
			p.fallback(raw, fmt.Sprintf("unreadable message: %v", r))
		}
		p.finish(raw)
	}()
	w := &walker{p: p, lim: &limits{maxAttachment: maxAttachment}}
	w.message(normaliseLineEnds(raw), 0)
	w.lim.note(p)
	return p
}

// normaliseLineEnds turns the lone CRs of old Macintosh mail into LFs; mail
// with any LF is left as it is.
func normaliseLineEnds(raw []byte) []byte {
	if bytes.IndexByte(raw, '\n') >= 0 || bytes.IndexByte(raw, '\r') < 0 {
		return raw
	}
	return bytes.ReplaceAll(raw, []byte("\r"), []byte("\n"))
}

// fallback makes the whole raw message the text.
func (p *Parsed) fallback(raw []byte, warning string) {
	p.addWarning(warning)
	p.Text = cleanText(bestEffortUTF8(raw))
}

// finish fills what every result must have, whatever happened before.
func (p *Parsed) finish(raw []byte) {
	if p.MessageID == "" {
		p.MessageID = "sha256-" + p.ContentHash + "@" + SyntheticIDDomain
	}
}

// HasText reports whether the message has anything to read: its own text or
// a forwarded message's.
func (p *Parsed) HasText() bool {
	if p.Text != "" {
		return true
	}
	for _, f := range p.Forwarded {
		if f.HasText() {
			return true
		}
	}
	return false
}

func (p *Parsed) addWarning(w string) {
	w = strings.TrimSpace(cleanLine(w))
	if w == "" || strings.Contains(p.Warning, w) {
		return
	}
	if p.Warning != "" {
		p.Warning += "; "
	}
	p.Warning += w
}

// ContentKey is a digest of what the mail says: sender, subject, text,
// enclosed messages and attachments, but none of the trace fields a server
// adds. Two deliveries of one mail share it; a mail that reuses another's
// Message-ID with different content does not.
func (p *Parsed) ContentKey() string {
	h := sha256.New()
	p.writeContent(h)
	return hex.EncodeToString(h.Sum(nil))[:32]
}

func (p *Parsed) writeContent(w io.Writer) {
	for _, s := range []string{p.FromAddr, p.FromRaw, p.Subject, p.Text, p.Quoted} {
		fmt.Fprintf(w, "%d:%s", len(s), s)
	}
	for _, a := range p.Attachments {
		fmt.Fprintf(w, "a:%s", a.SHA256)
	}
	for _, f := range p.Forwarded {
		io.WriteString(w, "f:")
		f.writeContent(w)
	}
}
