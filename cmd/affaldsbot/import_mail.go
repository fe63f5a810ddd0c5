package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/mail"
)

// importMailFlags are the arguments of `affaldsbot import mail`.
type importMailFlags struct {
	mbox, sentMbox, mailbox, since, sent string
	mboxo                                bool
}

// runImportMail backfills history without posting to Slack: the citizens'
// mail from an mbox file or an IMAP mailbox, then the sent replies that
// recover first-response times. Running it again changes nothing.
func runImportMail(ctx context.Context, svc *handlers.Service, imap mail.IMAPSettings, args []string, stdout, stderr io.Writer) int {
	f, since, err := parseImportMailFlags(args, stderr)
	if err != nil {
		return exitUsage
	}
	if f.mailbox != "" || f.sent != "" {
		if err := imap.Validate(); err != nil {
			return fail(stderr, err)
		}
	}
	im := &mailImport{svc: svc, imap: imap, f: f, since: since, stderr: stderr, tty: isTerminal(stderr)}
	if err := im.run(ctx); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "imported %d mails; %d sent replies recorded, %d already recorded, %d matched no enquiry\n",
		im.mails, im.sentOutcomes[handlers.SentRecorded], im.sentOutcomes[handlers.SentDuplicate], im.sentOutcomes[handlers.SentUnmatched])
	return exitOK
}

func parseImportMailFlags(args []string, stderr io.Writer) (importMailFlags, time.Time, error) {
	var f importMailFlags
	fs := flag.NewFlagSet("affaldsbot import mail", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.mbox, "mbox", "", "an mbox file of the citizens' mail")
	fs.StringVar(&f.sentMbox, "sent-mbox", "", "an mbox file of the sent replies")
	fs.StringVar(&f.mailbox, "mailbox", "", "an IMAP mailbox of the citizens' mail (with --since)")
	fs.StringVar(&f.since, "since", "", "first day to read from IMAP, YYYY-MM-DD")
	fs.StringVar(&f.sent, "sent", "", "an IMAP mailbox of the sent replies (with --since)")
	fs.BoolVar(&f.mboxo, "mboxo", false, "the mbox files are mboxo, not mboxrd")
	if err := fs.Parse(args); err != nil {
		return f, time.Time{}, err
	}
	since, err := checkImportMailFlags(f, fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "affaldsbot: import mail: %v\n", err)
	}
	return f, since, err
}

func checkImportMailFlags(f importMailFlags, rest []string) (time.Time, error) {
	switch {
	case len(rest) > 0:
		return time.Time{}, fmt.Errorf("unexpected argument %q", rest[0])
	case (f.mbox == "") == (f.mailbox == "") && f.sentMbox == "" && f.sent == "":
		return time.Time{}, errors.New("give --mbox FILE or --mailbox NAME --since DATE")
	case f.mbox != "" && f.mailbox != "":
		return time.Time{}, errors.New("give --mbox or --mailbox, not both")
	case (f.mailbox != "" || f.sent != "") && f.since == "":
		return time.Time{}, errors.New("--mailbox and --sent need --since DATE")
	case f.since == "":
		return time.Time{}, nil
	}
	since, err := time.Parse(time.DateOnly, f.since)
	if err != nil {
		return time.Time{}, fmt.Errorf("--since must be YYYY-MM-DD, not %q", f.since)
	}
	return since, nil
}

// isTerminal reports whether w is a terminal, where progress is shown.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
