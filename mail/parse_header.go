package mail

import (
	"regexp"
	"strings"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
)

// readHeader fills the header fields of p from h.
func (p *Parsed) readHeader(mh message.Header) {
	h := gomail.Header{Header: mh}
	p.MessageID = p.messageID(h)
	p.InReplyTo = firstOf(msgIDs(h, "In-Reply-To"))
	p.References = msgIDs(h, "References")
	p.Subject = p.subject(h)
	p.Date, _ = h.Date() // a garbled Date is common and harmless: it is never trusted
	from := p.addresses(h, "From")
	if len(from) > 0 {
		p.FromName, p.FromAddr = from[0].Name, from[0].Address
	}
	replyTo := p.addresses(h, "Reply-To")
	p.ReplyTo = addrsOf(replyTo)
	if len(replyTo) == 1 {
		p.replyToName = replyTo[0].Name
	}
	p.To = addrsOf(p.addresses(h, "To"))
	p.Auto = AutoReason(&mh)
}

func (p *Parsed) messageID(h gomail.Header) string {
	id, err := h.MessageID()
	if err == nil && id != "" {
		return cleanLine(id)
	}
	return firstOf(looseMsgIDs(h.Get("Message-Id")))
}

func (p *Parsed) subject(h gomail.Header) string {
	s, err := h.Subject()
	if err != nil && !message.IsUnknownCharset(err) {
		p.addWarning("subject: " + err.Error())
	}
	s = strings.Join(strings.Fields(cleanLine(bestEffortUTF8([]byte(s)))), " ")
	return truncateRunes(s, maxSubjectRunes)
}

// addresses parses an address header, falling back to anything that looks
// like an address when the header is malformed.
func (p *Parsed) addresses(h gomail.Header, key string) []*gomail.Address {
	list, err := h.AddressList(key)
	if err == nil {
		return list
	}
	var loose []*gomail.Address
	for _, a := range looseAddrRE.FindAllString(h.Get(key), 50) {
		loose = append(loose, &gomail.Address{Address: a})
	}
	if len(loose) == 0 && key == "From" {
		p.addWarning("from: " + err.Error())
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
		if a.Address != "" {
			out = append(out, a.Address)
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
