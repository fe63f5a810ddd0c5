package historygen

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"time"
)

// Shared is the shared mailbox's address in the generated mail.
const Shared = "affald@kk.example"

// WriteMbox writes the citizens' mail as an mboxrd, with each From_ line
// dated at receipt (UTC).
func (h *History) WriteMbox(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, m := range h.Mails {
		fmt.Fprintf(bw, "From %s %s\n", m.From, m.Received.UTC().Format(time.ANSIC))
		fmt.Fprintf(bw, "From: %s\nTo: %s\nSubject: %s\nDate: %s\nMessage-ID: <%s>\nContent-Type: text/plain; charset=utf-8\n\n%s\n\n",
			m.From, Shared, m.Subject, m.Received.Format(time.RFC1123Z), m.MessageID, m.Body)
	}
	return bw.Flush()
}

// WriteSentMbox writes the replies as an mboxrd, each answering its mail.
func (h *History) WriteSentMbox(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, m := range h.Mails {
		if m.Reply == nil {
			continue
		}
		fmt.Fprintf(bw, "From %s %s\n", Shared, m.Reply.Sent.UTC().Format(time.ANSIC))
		fmt.Fprintf(bw, "From: %s\nTo: %s\nSubject: Re: %s\nDate: %s\nMessage-ID: <%s>\nIn-Reply-To: <%s>\nReferences: <%s>\nContent-Type: text/plain; charset=utf-8\n\nTak for din henvendelse.\n\n",
			Shared, m.From, m.Subject, m.Reply.Sent.Format(time.RFC1123Z), m.Reply.MessageID, m.MessageID, m.MessageID)
	}
	return bw.Flush()
}

// WriteCallsCSV writes the calls in the columns of docs/commands.md.
func (h *History) WriteCallsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"call_id", "transferred_at", "answered_at", "ended_at", "caller_number", "caller_name", "note", "adviser"})
	for _, c := range h.Calls {
		note := c.Note
		if note == "" {
			note = "Spørger om storskrald"
		}
		cw.Write([]string{c.ID, c.TransferredAt.Format(time.RFC3339), rfc3339(c.AnsweredAt), rfc3339(c.EndedAt),
			c.Number, "", note, ""})
	}
	cw.Flush()
	return cw.Error()
}

func rfc3339(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339)
}
