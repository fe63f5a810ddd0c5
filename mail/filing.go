package mail

import (
	"bytes"
	"fmt"
	"io"
	"time"

	gomail "github.com/emersion/go-message/mail"
)

// FilingMail is an enquiry's whole conversation for the case-management
// system's intake address: a text of every item in order and the original
// mails attached as they arrived.
type FilingMail struct {
	From, To, Subject, MessageID string
	Date                         time.Time // now when zero
	Body                         string
	Originals                    []Original
}

// Original is one mail as it arrived, attached as message/rfc822.
type Original struct {
	Filename string
	Raw      []byte
}

// BuildFilingMessage renders f as multipart/mixed: the text in UTF-8 first,
// then each original mail as a message/rfc822 attachment. Like BuildMessage
// it refuses header injection and more than one recipient.
func BuildFilingMessage(f FilingMail) ([]byte, error) {
	h, err := outgoingHeader(OutgoingMail{From: f.From, To: f.To, Subject: f.Subject, MessageID: f.MessageID, Date: f.Date})
	if err != nil {
		return nil, err
	}
	h.Del("Content-Type")
	var buf bytes.Buffer
	w, err := gomail.CreateWriter(&buf, h)
	if err != nil {
		return nil, fmt.Errorf("build filing: %w", err)
	}
	if err := writeFilingText(w, f.Body); err != nil {
		return nil, err
	}
	for _, o := range f.Originals {
		if err := writeOriginal(w, o); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("build filing: %w", err)
	}
	return buf.Bytes(), nil
}

func writeFilingText(w *gomail.Writer, body string) error {
	var ih gomail.InlineHeader
	ih.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	pw, err := w.CreateSingleInline(ih)
	if err != nil {
		return fmt.Errorf("build filing text: %w", err)
	}
	return closeAfter(pw, []byte(body))
}

// writeOriginal attaches one raw mail unencoded (RFC 2046 §5.2.1 allows only
// 7bit, 8bit or binary for message/rfc822).
func writeOriginal(w *gomail.Writer, o Original) error {
	var ah gomail.AttachmentHeader
	ah.SetContentType("message/rfc822", nil)
	name := sanitizeFilename(o.Filename)
	if name == "" {
		name = "mail.eml"
	}
	ah.SetFilename(name)
	ah.Set("Content-Transfer-Encoding", transferEncoding(o.Raw))
	aw, err := w.CreateAttachment(ah)
	if err != nil {
		return fmt.Errorf("attach original: %w", err)
	}
	return closeAfter(aw, o.Raw)
}

func closeAfter(wc io.WriteCloser, data []byte) error {
	if _, err := wc.Write(data); err != nil {
		wc.Close()
		return fmt.Errorf("build filing: %w", err)
	}
	if err := wc.Close(); err != nil {
		return fmt.Errorf("build filing: %w", err)
	}
	return nil
}

func transferEncoding(raw []byte) string {
	for _, b := range raw {
		if b >= 0x80 || b == 0 {
			return "8bit"
		}
	}
	return "7bit"
}
