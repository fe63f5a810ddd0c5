package mail

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
)

// readHeader fills the header fields of p from h.
func (p *Parsed) readHeader(mh message.Header) {
	h := gomail.Header{Header: mh}
	p.MessageID = p.messageID(h)
	p.InReplyTo = firstOf(msgIDs(h, "In-Reply-To"))
	p.References = msgIDs(h, "References")
	_, ct := mediaType(mh, "text/plain")
	p.Subject = truncateRunes(oneLine(decodeWordsIn(h.Get("Subject"), ct["charset"])), maxSubjectRunes)
	p.Date, _ = h.Date() // a garbled Date is common and harmless: it is never trusted
	p.readFrom(h)
	if replyTo, ok := mailboxes(h.Get("Reply-To")); ok {
		p.ReplyTo = addrsOf(replyTo)
		if len(replyTo) == 1 {
			p.replyToName = replyTo[0].Name
		}
	}
	p.To = addrsOf(looseAddresses(h, "To"))
	p.Auto = AutoReason(&mh)
}

// readFrom reads the sender. Only an address the From field really gives is
// kept: one that parses strictly, or the one angle address of a field whose
// display name is malformed. Nothing is ever taken from the display name;
// when no address can be trusted, FromAddr stays empty and a Note says so.
func (p *Parsed) readFrom(h gomail.Header) {
	v := h.Get("From")
	list, ok := mailboxes(v)
	if ok && len(list) > 0 && utf8.ValidString(list[0].Address) {
		p.FromName, p.FromAddr = list[0].Name, list[0].Address
		return
	}
	if strings.TrimSpace(v) == "" {
		return
	}
	p.FromRaw = truncateRunes(oneLine(decodeWords(v)), 300)
	p.FromName = p.FromRaw
	p.addWarning("sender address unreadable")
	p.Notes = append(p.Notes, Note{Kind: NoteSender, Detail: p.FromRaw})
}

// mailboxes parses an address field. A field that does not parse strictly
// is accepted only when it is one display name and one angle address at its
// end, or one bare address; the display name is then decoded and cleaned.
func mailboxes(v string) ([]*gomail.Address, bool) {
	if strings.TrimSpace(v) == "" {
		return nil, false
	}
	for _, s := range []string{v, stripComments(v)} {
		if list, err := gomail.ParseAddressList(s); err == nil && len(list) > 0 {
			for _, a := range list {
				a.Name = oneLine(a.Name)
			}
			return list, true
		}
	}
	if a, ok := angleAddress(stripComments(v)); ok {
		return []*gomail.Address{a}, true
	}
	return nil, false
}

// angleAddressRE is a display name followed by exactly one angle address
// at the end of the field.
var angleAddressRE = regexp.MustCompile(`^([^<>]*)<([^<>]+)>\s*$`)

func angleAddress(v string) (*gomail.Address, bool) {
	m := angleAddressRE.FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return nil, false
	}
	addr := strings.Join(strings.Fields(m[2]), "") // obsolete syntax allows blanks around the dots
	if !validAddress(addr) {
		return nil, false
	}
	name := strings.Trim(strings.TrimSpace(oneLine(decodeWords(m[1]))), `"`)
	return &gomail.Address{Name: strings.TrimSpace(name), Address: addr}, true
}

// stripComments removes RFC 5322 comments, "(…)" outside quoted strings.
func stripComments(s string) string {
	var b strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			if depth == 0 {
				b.WriteString(s[i : i+2])
			}
			i++
			continue
		case quoted:
			quoted = c != '"'
		case c == '"' && depth == 0:
			quoted = true
		case c == '(':
			depth++
			continue
		case c == ')' && depth > 0:
			depth--
			continue
		}
		if depth == 0 {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// oneLine is a header value made fit to show on one line: decoded control
// and invisible characters removed, blanks collapsed.
func oneLine(s string) string {
	return strings.Join(strings.Fields(cleanLine(s)), " ")
}

func (p *Parsed) messageID(h gomail.Header) string {
	id, err := h.MessageID()
	if err == nil && id != "" {
		return cleanLine(id)
	}
	return firstOf(looseMsgIDs(h.Get("Message-Id")))
}

// looseAddresses parses a field of recipients, falling back to anything
// that looks like an address: they are kept for the record, never written
// to.
func looseAddresses(h gomail.Header, key string) []*gomail.Address {
	list, err := h.AddressList(key)
	if err == nil {
		return list
	}
	var loose []*gomail.Address
	for _, a := range looseAddrRE.FindAllString(h.Get(key), 50) {
		loose = append(loose, &gomail.Address{Address: a})
	}
	return loose
}

var (
	looseAddrRE  = regexp.MustCompile(`[^\s<>()",;:@\[\]]+@[^\s<>()",;:@\[\]]+\.[^\s<>()",;:@\[\]]+`)
	looseMsgIDRE = regexp.MustCompile(`<([^<>\s]+)>`)
)

// msgIDs parses In-Reply-To or References, tolerating malformed values.
func msgIDs(h gomail.Header, key string) []string {
	ids, err := h.MsgIDList(key)
	if err == nil {
		return ids
	}
	return looseMsgIDs(h.Get(key))
}

func looseMsgIDs(v string) []string {
	var ids []string
	for _, m := range looseMsgIDRE.FindAllStringSubmatch(v, 200) {
		ids = append(ids, cleanLine(m[1]))
	}
	if len(ids) == 0 {
		if f := strings.Fields(cleanLine(v)); len(f) == 1 {
			ids = append(ids, strings.Trim(f[0], "<>"))
		}
	}
	return ids
}

func addrsOf(list []*gomail.Address) []string {
	var out []string
	for _, a := range list {
		if addr := oneLine(a.Address); addr != "" {
			out = append(out, addr)
		}
	}
	return out
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
