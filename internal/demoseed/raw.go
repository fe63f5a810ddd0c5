package demoseed

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// Header is what makes a sample mail a message: who it goes to, when, and
// which conversation it belongs to.
type Header struct {
	To         string
	Date       time.Time
	MessageID  string // without brackets; NewMessageID when empty
	InReplyTo  string // without brackets
	References []string
}

// NewMessageID returns a fresh Message-ID (without brackets) in the domain
// of addr.
func NewMessageID(addr string) string {
	b := make([]byte, 8)
	rand.Read(b)
	domain := addr[strings.LastIndex(addr, "@")+1:]
	return fmt.Sprintf("%d.%s@%s", time.Now().UnixNano(), hex.EncodeToString(b), domain)
}

// Raw renders m as an RFC 5322 message with CRLF line ends: UTF-8 text in
// quoted-printable, and the attachment (if any) in a multipart/mixed.
func (m Mail) Raw(h Header) []byte {
	if h.MessageID == "" {
		h.MessageID = NewMessageID(m.FromAddr)
	}
	var b bytes.Buffer
	from := mail.Address{Name: m.FromName, Address: m.FromAddr}
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\n", from.String(), h.To, mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\n", h.Date.Format(time.RFC1123Z), h.MessageID)
	if h.InReplyTo != "" {
		fmt.Fprintf(&b, "In-Reply-To: <%s>\r\n", h.InReplyTo)
	}
	if len(h.References) > 0 {
		fmt.Fprintf(&b, "References: <%s>\r\n", strings.Join(h.References, "> <"))
	}
	if m.Attachment == nil {
		writeText(&b, m.Body)
		return b.Bytes()
	}
	const boundary = "affaldsbot-demo-boundary"
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=%q\r\n\r\n--%s\r\n", boundary, boundary)
	writeText(&b, m.Body)
	fmt.Fprintf(&b, "\r\n--%s\r\n", boundary)
	writeFile(&b, m.Attachment)
	fmt.Fprintf(&b, "\r\n--%s--\r\n", boundary)
	return b.Bytes()
}

func writeText(b *bytes.Buffer, body string) {
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	w := quotedprintable.NewWriter(b)
	w.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n")))
	w.Close()
	b.WriteString("\r\n")
}

func writeFile(b *bytes.Buffer, f *File) {
	fmt.Fprintf(b, "Content-Type: %s; name=%q\r\nContent-Disposition: attachment; filename=%q\r\nContent-Transfer-Encoding: base64\r\n\r\n",
		f.ContentType, f.Name, f.Name)
	enc := base64.StdEncoding.EncodeToString(f.Data)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
}
