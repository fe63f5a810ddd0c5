package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/mail"
)

// mailImport is one run of `import mail`.
type mailImport struct {
	svc          *handlers.Service
	imap         mail.IMAPSettings
	f            importMailFlags
	since        time.Time
	stderr       io.Writer
	tty          bool
	mails        int
	sentOutcomes map[string]int
}

func (im *mailImport) run(ctx context.Context) error {
	im.sentOutcomes = map[string]int{}
	inbound := &mailBatch{flush: im.inbound}
	switch {
	case im.f.mbox != "":
		if err := im.checkMboxDates(ctx, im.f.mbox); err != nil {
			return err
		}
		if err := im.readMbox(ctx, im.f.mbox, "mail", inbound); err != nil {
			return err
		}
	case im.f.mailbox != "":
		if err := im.readIMAP(ctx, im.f.mailbox, "mail", inbound); err != nil {
			return err
		}
	}
	sent := &mailBatch{flush: im.sentReplies}
	if im.f.sentMbox != "" {
		return im.readMbox(ctx, im.f.sentMbox, "sent", sent)
	}
	if im.f.sent != "" {
		return im.readIMAP(ctx, im.f.sent, "sent", sent)
	}
	return nil
}

// mailbox is the name mbox mail is stored under: the watched mailbox, so
// that the live intake knows these mails when it meets them.
func (im *mailImport) mailbox() string {
	if im.imap.Mailbox != "" {
		return im.imap.Mailbox
	}
	return "INBOX"
}

func (im *mailImport) inbound(ctx context.Context, ms []mail.Incoming) error {
	if err := im.svc.HandleMails(ctx, ms, handlers.IntakeOptions{NoSlack: true}); err != nil {
		return err
	}
	im.mails += len(ms)
	return nil
}

func (im *mailImport) sentReplies(ctx context.Context, ms []mail.Incoming) error {
	outcomes, err := im.svc.RecordSentReplies(ctx, ms)
	for _, o := range outcomes {
		im.sentOutcomes[o]++
	}
	return err
}

// Mails are committed in batches of at most this many mails or bytes.
const (
	importBatchMails = 200
	importBatchBytes = 8 << 20
)

// mailBatch collects mails for one transaction: a history of years commits
// a batch at a time, not each mail on its own. Importing again changes
// nothing, so a batch cut short by a failure is simply imported again.
type mailBatch struct {
	mails []mail.Incoming
	bytes int
	flush func(context.Context, []mail.Incoming) error
}

func (b *mailBatch) add(ctx context.Context, m mail.Incoming) error {
	b.mails = append(b.mails, m)
	if b.bytes += len(m.Raw); len(b.mails) >= importBatchMails || b.bytes >= importBatchBytes {
		return b.done(ctx)
	}
	return nil
}

// done commits what is collected.
func (b *mailBatch) done(ctx context.Context) error {
	if len(b.mails) == 0 {
		return nil
	}
	err := b.flush(ctx, b.mails)
	b.mails, b.bytes = nil, 0
	return err
}

func (im *mailImport) readMbox(ctx context.Context, path, what string, batch *mailBatch) error {
	file, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("--mbox: %w", err)
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return fmt.Errorf("--mbox: %w", err)
	}
	counted := &countingReader{r: file}
	r := mail.NewMboxReader(counted)
	if im.f.mboxo {
		r.Format = mail.MboxO
	}
	pr := newProgress(im.stderr, im.tty, what, st.Size())
	defer pr.done()
	for ctx.Err() == nil {
		raw, received, err := r.Next()
		if err == io.EOF {
			return batch.done(ctx)
		} else if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := batch.add(ctx, mail.Incoming{Mailbox: im.mailbox(), InternalDate: received, Raw: raw}); err != nil {
			return err
		}
		pr.step(counted.n)
	}
	return ctx.Err()
}

// checkMboxDates reads the citizens' mbox once before anything is stored:
// a mail's receipt time is its From_ line's date (docs/lifecycle.md), so a From_ line
// without a date that can be read, or text before the first From_ line,
// refuses the whole file by line number rather than storing a mail as
// received in year 1.
func (im *mailImport) checkMboxDates(ctx context.Context, path string) error {
	file, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("--mbox: %w", err)
	}
	defer file.Close()
	r := mail.NewMboxReader(file)
	for ctx.Err() == nil {
		_, received, err := r.Next()
		switch {
		case err == io.EOF:
			return nil
		case err != nil:
			return fmt.Errorf("%s: %w", path, err)
		case received.IsZero() && r.Line() == 0:
			return fmt.Errorf("%s line 1: the file does not start with a From_ line; nothing was imported", path)
		case received.IsZero():
			return fmt.Errorf("%s line %d: the From_ line has no date that can be read; nothing was imported", path, r.Line())
		}
	}
	return ctx.Err()
}

func (im *mailImport) readIMAP(ctx context.Context, mailbox, what string, batch *mailBatch) error {
	pr := newProgress(im.stderr, im.tty, what, 0)
	defer pr.done()
	err := mail.FetchSince(ctx, im.imap, mailbox, im.since, func(in mail.Incoming) error {
		// No UID: the import leaves the live intake's cursor alone.
		err := batch.add(ctx, mail.Incoming{Mailbox: mailbox, InternalDate: in.InternalDate, Raw: in.Raw})
		pr.step(0)
		return err
	})
	if err != nil {
		return err
	}
	return batch.done(ctx)
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
