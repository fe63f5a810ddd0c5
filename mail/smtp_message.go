package mail

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	gomail "github.com/emersion/go-message/mail"
)

// OutgoingMail is a plain-text reply to one citizen.
type OutgoingMail struct {
	From, To, Subject    string
	MessageID, InReplyTo string // with or without angle brackets
	References           []string
	Body                 string
	Date                 time.Time // now when zero
}

// BuildMessage renders m as an RFC 5322 message: UTF-8 text/plain in
// quoted-printable, the subject RFC 2047-encoded when it is not ASCII. It
// refuses (affaldsbot.EINVALID) CR, LF or NUL in any single-line field, a
// From or To that is not exactly one valid address, and a missing or
// malformed Message-ID: nothing the citizen or the adviser typed can add a
// header or a recipient.
func BuildMessage(m OutgoingMail) ([]byte, error) {
	h, err := outgoingHeader(m)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w, err := gomail.CreateSingleInlineWriter(&buf, h)
	if err != nil {
		return nil, fmt.Errorf("build message: %w", err)
	}
	if _, err := w.Write([]byte(m.Body)); err != nil {
		return nil, fmt.Errorf("build message: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("build message: %w", err)
	}
	return buf.Bytes(), nil
}

func outgoingHeader(m OutgoingMail) (gomail.Header, error) {
	var h gomail.Header
	from, err := singleAddress("From", m.From)
	if err != nil {
		return h, err
	}
	to, err := singleAddress("To", m.To)
	if err != nil {
		return h, err
	}
	if err := singleLine("Subject", m.Subject); err != nil {
		return h, err
	}
	ids, err := messageIDs(m)
	if err != nil {
		return h, err
	}
	date := m.Date
	if date.IsZero() {
		date = time.Now()
	}
	h.SetAddressList("From", []*gomail.Address{from})
	h.SetAddressList("To", []*gomail.Address{to})
	h.SetSubject(m.Subject)
	h.SetDate(date)
	h.SetMessageID(ids.id)
	h.SetMsgIDList("In-Reply-To", ids.inReplyTo)
	h.SetMsgIDList("References", ids.references)
	h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	return h, nil
}

// singleLine refuses CR, LF and NUL.
func singleLine(field, v string) error {
	if strings.ContainsAny(v, "\r\n\x00") {
		return affaldsbot.Errorf(affaldsbot.EINVALID, "%s must be a single line", field)
	}
	return nil
}

// singleAddress parses exactly one mailbox address.
func singleAddress(field, v string) (*gomail.Address, error) {
	if err := singleLine(field, v); err != nil {
		return nil, err
	}
	list, err := gomail.ParseAddressList(v)
	if err != nil || len(list) != 1 {
		return nil, affaldsbot.Errorf(affaldsbot.EINVALID, "%s must be exactly one valid address, not %q", field, v)
	}
	return list[0], nil
}

type outgoingIDs struct {
	id         string
	inReplyTo  []string
	references []string
}

func messageIDs(m OutgoingMail) (outgoingIDs, error) {
	var ids outgoingIDs
	var err error
	if ids.id, err = parseMsgID("Message-ID", m.MessageID); err != nil {
		return ids, err
	}
	if ids.id == "" {
		return ids, affaldsbot.Errorf(affaldsbot.EINVALID, "Message-ID is required")
	}
	if m.InReplyTo != "" {
		id, err := parseMsgID("In-Reply-To", m.InReplyTo)
		if err != nil {
			return ids, err
		}
		ids.inReplyTo = []string{id}
	}
	for _, r := range m.References {
		id, err := parseMsgID("References", r)
		if err != nil {
			return ids, err
		}
		ids.references = append(ids.references, id)
	}
	return ids, nil
}

// parseMsgID strips one pair of angle brackets and refuses anything that is
// not a single left@right token.
func parseMsgID(field, v string) (string, error) {
	id := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(v), "<"), ">")
	if id == "" {
		return "", nil
	}
	if strings.ContainsAny(id, "<>\"\\(),;: \t\r\n\x00") || strings.Count(id, "@") != 1 ||
		strings.HasPrefix(id, "@") || strings.HasSuffix(id, "@") {
		return "", affaldsbot.Errorf(affaldsbot.EINVALID, "%s is not a valid message identifier: %q", field, v)
	}
	return id, nil
}
