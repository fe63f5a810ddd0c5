// Package mail reads citizens' mail: it parses raw RFC 5322 messages into
// readable text and attachments, recognises auto-replies, bounces and list
// mail, and reads mbox files for imports. It is the only importer of
// go-message in the project.
package mail

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // registers ISO-8859-*, Windows-125x and friends
	"github.com/emersion/go-message/textproto"
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
	FromAddr    string
	ReplyTo     []string // addresses
	To          []string // addresses
	Subject     string
	Date        time.Time // the sender's Date header: kept, never trusted as receipt time
	Text        string    // readable body: text/plain preferred, else HTML turned to text
	Quoted      string    // quoted history and signature folded away from Text
	Attachments []ParsedAttachment
	Auto        string // non-empty reason when an auto-reply, bounce or list mail
	Warning     string // non-empty when parsing failed partly or wholly
	ContentHash string // sha256 hex of the raw bytes

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
// it cannot decode leave a Warning; when nothing readable could be found
// beyond a warning, Text holds the raw text, decoded as well as possible.
// Attachments larger than maxAttachment keep their name, size and hash but
// no Data.
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
	e, err := message.Read(bytes.NewReader(raw))
	if err != nil && !decodable(err) {
		p.readHeader(partialHeader(raw))
		p.fallback(raw, "unreadable header: "+err.Error())
		return p
	}
	p.readHeader(e.Header)
	w := &walker{p: p, maxAttachment: maxAttachment}
	if err != nil {
		w.warn(decodeWarning(err))
	}
	w.walk(e, 0)
	w.finish(raw)
	return p
}

// decodable reports whether err still left a readable entity behind.
func decodable(err error) bool {
	return message.IsUnknownCharset(err) || message.IsUnknownEncoding(err)
}

// decodeWarning describes an error that left a part readable.
func decodeWarning(err error) string {
	if message.IsUnknownCharset(err) {
		return "unknown charset; text decoded as well as possible"
	}
	return "unknown transfer encoding; part kept undecoded"
}

// partialHeader is the header fields that could be read before the first
// malformed one.
func partialHeader(raw []byte) message.Header {
	h, _ := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw)))
	return message.Header{Header: h}
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
	if len(raw) > 0 && p.Text == "" && p.Warning == "" {
		p.addWarning("no readable text")
	}
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
