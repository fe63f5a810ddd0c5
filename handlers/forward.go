package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"os"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/answers"
	"github.com/affaldsbot/affaldsbot/locale"
	amail "github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/redact"
	"github.com/affaldsbot/affaldsbot/storage"
)

// EventForwarded records that an enquiry was sent on to another authority;
// its payload names the destination. The enquiry is closed with it.
const EventForwarded affaldsbot.EventType = "forwarded"

// Destination is an authority or department enquiries can be forwarded to.
type Destination struct {
	Key     string // what an adviser types: "borgerservice"
	Name    string // "Borgerservice"
	Address string // "borgerservice@kk.dk"
}

// ParseDestinations reads FORWARD_DESTINATIONS: the path of a file, or the
// list itself; one destination a line (or separated by ";"), written as an
// address with its name, "Borgerservice <borgerservice@kk.dk>". Lines that
// start with "#" are comments.
func ParseDestinations(value string) ([]Destination, error) {
	if value == "" {
		return nil, nil
	}
	text := value
	if !strings.ContainsAny(value, "<@;\n") {
		raw, err := os.ReadFile(value)
		if err != nil {
			return nil, fmt.Errorf("FORWARD_DESTINATIONS: %w", err)
		}
		text = string(raw)
	}
	var out []Destination
	seen := map[string]bool{}
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' }) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		a, err := mail.ParseAddress(line)
		if err != nil || strings.TrimSpace(a.Name) == "" {
			return nil, fmt.Errorf("FORWARD_DESTINATIONS: %q is not written as Name <address>", line)
		}
		d := Destination{Key: destinationKey(a.Name), Name: strings.TrimSpace(a.Name), Address: a.Address}
		if d.Key == "" || len(d.Key) > 60 || seen[d.Key] {
			return nil, fmt.Errorf("FORWARD_DESTINATIONS: the name %q is empty, longer than 60 characters or used twice", a.Name)
		}
		seen[d.Key] = true
		out = append(out, d)
	}
	if len(out) > 100 {
		return nil, fmt.Errorf("FORWARD_DESTINATIONS: %d destinations, at most 100", len(out))
	}
	return out, nil
}

// destinationKey is a name in lower case with its letters folded to ASCII
// and anything else made a hyphen: "Teknik- og Miljø" → "teknik-og-miljo".
func destinationKey(name string) string {
	fold := strings.NewReplacer("æ", "ae", "ø", "o", "å", "aa", "é", "e", "ü", "u", "ö", "o", "ä", "a")
	var b strings.Builder
	for _, r := range fold.Replace(strings.ToLower(name)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// destination finds a destination by key or by name, case-insensitively.
func (s *Service) destination(key string) (Destination, error) {
	k := destinationKey(key)
	for _, d := range s.Destinations {
		if d.Key == k {
			return d, nil
		}
	}
	if len(s.Destinations) == 0 {
		return Destination{}, affaldsbot.NewError(affaldsbot.EINVALID, "forward_off")
	}
	keys := make([]string, len(s.Destinations))
	for i, d := range s.Destinations {
		keys[i] = d.Key
	}
	return Destination{}, affaldsbot.NewError(affaldsbot.ENOTFOUND, "forward_unknown", key, strings.Join(keys, ", "))
}

// Forwarded is what a forward did: where the enquiry went and whether the
// citizen is told by mail (Notice false: they have no address; tell them by
// phone).
type Forwarded struct {
	Enquiry     *affaldsbot.Enquiry
	Destination Destination
	Notice      bool
}

// Forward sends an enquiry on to another authority (forvaltningsloven § 7,
// stk. 2): the citizen's mails and the adviser's note to the destination, a
// standard notice to the citizen saying where it went and why, and the
// enquiry closed as forwarded. Both mails, the close and the keys of origin
// are recorded in one transaction, and each mail is sent once by the jobs it
// enqueues; the same input again records nothing and returns what it did the
// first time. Advisers only.
func (s *Service) Forward(ctx context.Context, user string, id int64, key, note string, origin Origin) (*Forwarded, error) {
	if err := s.Authorize(ctx, user); err != nil {
		return nil, err
	}
	d, err := s.destination(key)
	if err != nil {
		return nil, err
	}
	if s.Settings.MailFrom == "" || s.Mailer == nil {
		return nil, affaldsbot.NewError(affaldsbot.EINVALID, "reply_off")
	}
	// the notice's language, read before the transaction: SQLite has one writer
	lang, err := s.citizenLang(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &Forwarded{Destination: d}
	err = s.inTx(ctx, func(tx *storage.Tx) error {
		e, err := tx.LockEnquiry(ctx, id)
		if err != nil {
			return err
		}
		if _, err := repeated(ctx, tx, origin); err != nil {
			return err
		}
		out.Enquiry = e
		return s.recordForward(ctx, tx, e, user, d, note, lang, origin, out)
	})
	if errors.Is(err, errRepeat) {
		return s.earlierForward(ctx, id)
	} else if err != nil {
		return nil, fmt.Errorf("forward enquiry %d: %w", id, err)
	}
	return out, nil
}

func (s *Service) recordForward(ctx context.Context, tx *storage.Tx, e *affaldsbot.Enquiry, user string, d Destination, note, lang string, origin Origin, out *Forwarded) error {
	switch {
	case e.ErasedAt != nil:
		return erased(e)
	case e.Status == affaldsbot.StatusClosed:
		return affaldsbot.NewError(affaldsbot.ECONFLICT, "already_closed", e.Ref())
	}
	f := &storage.Forward{EnquiryID: e.ID, Destination: d.Name, ToAddr: d.Address, Note: strings.TrimSpace(note),
		MessageID: newMessageID(s.Settings.MailFrom), RequestedBy: user}
	var noticeID int64
	if e.CitizenEmail != "" {
		m, err := s.forwardNotice(ctx, tx, e, user, d, lang)
		if err != nil {
			return err
		}
		noticeID, f.NoticeID, out.Notice = m.ID, &m.ID, true
		tx.Enqueue(SendReplyArgs{MessageID: m.ID})
	}
	if err := tx.InsertForward(ctx, f); err != nil {
		return err
	}
	if first, err := tx.RecordInput(ctx, origin, noticeID); err != nil {
		return err
	} else if !first {
		return errRepeat
	}
	return s.closeForwarded(ctx, tx, e, user, f)
}

// closeForwarded closes the enquiry with the forward's event.
func (s *Service) closeForwarded(ctx context.Context, tx *storage.Tx, e *affaldsbot.Enquiry, user string, f *storage.Forward) error {
	now := tx.Now()
	closed, err := e.Close(user, now)
	if err != nil {
		return err
	}
	closed.Payload = map[string]string{"forwarded_to": f.Destination}
	fwd := affaldsbot.Event{EnquiryID: e.ID, Type: EventForwarded, Actor: user, At: now,
		Payload: map[string]string{"destination": f.Destination, "forward_id": fmt.Sprint(f.ID)}}
	if err := tx.SaveEnquiry(ctx, e, fwd, closed); err != nil {
		return err
	}
	tx.Enqueue(SendForwardArgs{ForwardID: f.ID})
	return tx.Audit(ctx, user, "enquiry.forward", storage.AuditTarget("enquiries", []int64{e.ID}), "to "+f.Destination)
}

// forwardNotice records the standard notice to the citizen, in their
// language, threaded like a reply.
func (s *Service) forwardNotice(ctx context.Context, tx *storage.Tx, e *affaldsbot.Enquiry, user string, d Destination, lang string) (*affaldsbot.Message, error) {
	text := answers.Fill(lt(lang, "forward_notice", d.Name, d.Address), s.answerVars(ctx, e, user, lang))
	m, err := s.newReply(ctx, tx, e, user, text)
	if err != nil {
		return nil, err
	}
	return m, tx.InsertReply(ctx, m)
}

// earlierForward is what an input did the first time it was acted on.
func (s *Service) earlierForward(ctx context.Context, id int64) (*Forwarded, error) {
	f, err := s.DB.LastForward(ctx, id)
	if err != nil || f == nil {
		return nil, err
	}
	e, err := s.DB.GetEnquiry(ctx, id)
	if err != nil {
		return nil, err
	}
	d := Destination{Key: destinationKey(f.Destination), Name: f.Destination, Address: f.ToAddr}
	return &Forwarded{Enquiry: e, Destination: d, Notice: f.NoticeID != nil}, nil
}

// SendForwardArgs sends one recorded forward, at most once.
type SendForwardArgs struct {
	ForwardID int64 `json:"forward_id"`
}

func (SendForwardArgs) Kind() string { return "send_forward" }

// SendForward sends a forward exactly once, like a filing: one whose sending
// began in an attempt that did not finish is looked for in the Sent folder
// and only marked failed, never sent again, when it is not there.
func (s *Service) SendForward(ctx context.Context, a SendForwardArgs) error {
	f, err := s.DB.GetForward(ctx, a.ForwardID)
	if err != nil {
		return err
	}
	switch f.State {
	case storage.FilingSent, storage.FilingFailed:
		return nil
	case storage.FilingSending:
		return s.forwardInDoubt(ctx, f)
	}
	if f.Attempts > 0 {
		if found, err := s.Mailer.FindSent(ctx, f.MessageID); err != nil {
			return fmt.Errorf("look for forward %d in Sent: %w", f.ID, err)
		} else if found {
			return s.forwardSent(ctx, f)
		}
	}
	return s.sendForward(ctx, f)
}

func (s *Service) forwardInDoubt(ctx context.Context, f *storage.Forward) error {
	found, err := s.Mailer.FindSent(ctx, f.MessageID)
	if err != nil {
		return fmt.Errorf("look for forward %d in Sent: %w", f.ID, err)
	} else if found {
		return s.forwardSent(ctx, f)
	}
	return s.forwardFailed(ctx, f, s.T("reply_uncertain"))
}

func (s *Service) sendForward(ctx context.Context, f *storage.Forward) error {
	raw, err := s.buildForward(ctx, f)
	if err != nil {
		return s.forwardFailed(ctx, f, affaldsbot.ErrorText(s.printer(), err))
	}
	err = s.Mailer.Send(ctx, s.Settings.MailFrom, f.ToAddr, raw, func() (bool, error) { return s.DB.BeginForward(ctx, f.ID) })
	if errors.Is(err, amail.ErrNotConfirmed) {
		return nil // another attempt has it
	} else if err != nil {
		if permanent(err) || f.Attempts+1 >= MaxReplyAttempts {
			return s.forwardFailed(ctx, f, err.Error())
		}
		if serr := s.DB.SetForwardState(ctx, f.ID, storage.FilingPending, err.Error()); serr != nil {
			return serr
		}
		return fmt.Errorf("send forward %d: %w", f.ID, redact.ScrubError(err))
	}
	if err := s.Mailer.AppendSent(ctx, raw); err != nil {
		s.Log.LogAttrs(ctx, slog.LevelWarn, "forward sent but not copied to Sent", slog.Int64("forward", f.ID), slog.Int64("enquiry", f.EnquiryID),
			slog.String("error", redact.Scrub(err.Error())))
	}
	return s.forwardSent(ctx, f)
}

func (s *Service) forwardSent(ctx context.Context, f *storage.Forward) error {
	if err := s.DB.MarkForwardSent(ctx, f.ID); err != nil {
		return err
	}
	return s.forwardNoticeInThread(ctx, f, s.L("forward_sent", f.Destination, f.ToAddr, f.RequestedBy))
}

func (s *Service) forwardFailed(ctx context.Context, f *storage.Forward, reason string) error {
	if err := s.DB.SetForwardState(ctx, f.ID, storage.FilingFailed, reason); err != nil {
		return err
	}
	s.Log.LogAttrs(ctx, slog.LevelWarn, "forward not sent", slog.Int64("forward", f.ID), slog.Int64("enquiry", f.EnquiryID), slog.String("reason", redact.Scrub(reason)))
	return s.forwardNoticeInThread(ctx, f, s.L("forward_failed", "#"+fmt.Sprint(f.EnquiryID), f.Destination, reason))
}

// forwardNoticeInThread tells the advisers in the enquiry's thread.
func (s *Service) forwardNoticeInThread(ctx context.Context, f *storage.Forward, text string) error {
	ref, ok, err := s.DB.SlackRef(ctx, f.EnquiryID)
	if err != nil || !ok || ref.RootTS == "" || s.Slack == nil {
		return err
	}
	return s.Slack.PostNotice(ctx, ref.Channel, ref.RootTS, text)
}

// buildForward renders the forward: the adviser's note, the enquiry's facts
// and the citizen's own texts (no internal notes, no replies), the original
// mails attached as message/rfc822.
func (s *Service) buildForward(ctx context.Context, f *storage.Forward) ([]byte, error) {
	e, err := s.DB.GetEnquiry(ctx, f.EnquiryID)
	if err != nil {
		return nil, err
	} else if e.ErasedAt != nil {
		return nil, erased(e)
	}
	all, err := s.DB.Messages(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	var msgs []*affaldsbot.Message
	for _, m := range all {
		if m.Kind == affaldsbot.MessageInbound || m.Kind == affaldsbot.MessageCallLog {
			msgs = append(msgs, m)
		}
	}
	body, err := s.forwardBody(ctx, e, f, msgs)
	if err != nil {
		return nil, err
	}
	originals, err := s.originals(ctx, msgs)
	if err != nil {
		return nil, err
	}
	return amail.BuildFilingMessage(amail.FilingMail{From: s.Settings.MailFrom, To: f.ToAddr, MessageID: f.MessageID,
		Subject: s.L("forward_subject", e.Ref(), e.Subject), Date: s.DB.Now(), Body: body, Originals: originals})
}

func (s *Service) forwardBody(ctx context.Context, e *affaldsbot.Enquiry, f *storage.Forward, msgs []*affaldsbot.Message) (string, error) {
	var b strings.Builder
	b.WriteString(s.L("forward_intro", e.Ref()) + "\n\n")
	if f.Note != "" {
		fmt.Fprintf(&b, "%s\n%s\n\n", s.L("forward_note"), f.Note)
	}
	fmt.Fprintf(&b, "%s: %s\n", filingText(s.Settings.Lang, "citizen"), citizenLine(e))
	fmt.Fprintf(&b, "%s: %s\n", filingText(s.Settings.Lang, "received"), s.localTime(e.ReceivedAt))
	if e.Channel == affaldsbot.ChannelPhone {
		note, _, err := s.DB.CallNote(ctx, e.ID)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "%s: %s\n", filingText(s.Settings.Lang, "call_note"), note)
	}
	told := "forward_citizen_told"
	if f.NoticeID == nil {
		told = "forward_citizen_not_told"
	}
	b.WriteString(s.L(told) + "\n")
	for _, m := range msgs {
		fmt.Fprintf(&b, "\n--- %s · %s ---\n%s\n", s.localTime(m.ReceivedAt), s.filingWho(m), strings.TrimRight(m.Body, "\n"))
	}
	return b.String(), nil
}

// ForwardedTo is where an enquiry was last forwarded, "" when nowhere.
func (s *Service) forwardedTo(ctx context.Context, id int64) (string, error) {
	f, err := s.DB.LastForward(ctx, id)
	if err != nil || f == nil {
		return "", err
	}
	return f.Destination, nil
}

// lt is the catalogue's text (package locale) for key in lang.
func lt(lang, key string, args ...any) string { return locale.NewPrinter(lang).Printf(key, args...) }

// L is the catalogue's text for key in the service's language.
func (s *Service) L(key string, args ...any) string { return lt(s.Settings.Lang, key, args...) }
