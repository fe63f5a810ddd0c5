package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
)

// IntakeOptions change what intake does besides storing.
type IntakeOptions struct {
	NoSlack bool // history import: store, but post nothing
}

// HandleMail stores one mail exactly once: it opens an enquiry, joins the
// conversation it answers, or is kept as ignored with its reason. The Slack
// posts are enqueued in the same transaction. It returns nil only when the
// mail is committed, so the mailbox may then mark it.
func (s *Service) HandleMail(ctx context.Context, in mail.Incoming) error {
	return s.HandleMails(ctx, []mail.Incoming{in}, IntakeOptions{})
}

// HandleMails stores mails as HandleMail does, all in one transaction: an
// import of years commits a batch at a time instead of each mail on its own.
func (s *Service) HandleMails(ctx context.Context, ins []mail.Incoming, opt IntakeOptions) error {
	parsed := make([]*mail.Parsed, len(ins))
	for i, in := range ins {
		parsed[i] = mail.Parse(in.Raw, s.Settings.MaxAttachment)
	}
	outcomes := make([]string, len(ins))
	keys := make([]string, len(ins))
	for i, in := range ins {
		keys[i] = mailKey(in, parsed[i])
	}
	commit := s.inTx
	if opt.NoSlack {
		commit = s.DB.InTx // an import posts nothing, so it updates no root
	}
	err := commit(ctx, func(tx *storage.Tx) error {
		seen, err := tx.SeenMails(ctx, keys) // one query for the batch: a second import finds them all
		if err != nil {
			return err
		}
		for i, in := range ins {
			if outcomes[i], err = s.storeOne(ctx, tx, in, parsed[i], opt, seen[keys[i]]); err != nil {
				return fmt.Errorf("store mail uid %d of %s: %w", in.UID, in.Mailbox, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, in := range ins {
		s.count(outcomes[i], parsed[i])
		s.logMail(ctx, in, parsed[i], outcomes[i])
	}
	return nil
}

// storeOne stores one mail (unless it was seen before) and moves the
// mailbox's cursor past it.
func (s *Service) storeOne(ctx context.Context, tx *storage.Tx, in mail.Incoming, p *mail.Parsed, opt IntakeOptions, seen bool) (string, error) {
	outcome, err := "duplicate", error(nil)
	if !seen {
		outcome, err = s.storeMail(ctx, tx, in, p, opt)
	}
	if err != nil || in.UID == 0 {
		return outcome, err
	}
	return outcome, tx.AdvanceCursor(ctx, in.Mailbox, in.UIDValidity, in.UID)
}

// logMail logs one stored mail: what became of it and, when it could not be
// read in full, why, as the parser put it (part numbers and kinds only,
// never the mail's words, names or addresses).
func (s *Service) logMail(ctx context.Context, in mail.Incoming, p *mail.Parsed, outcome string) {
	attrs := []slog.Attr{slog.String("mailbox", in.Mailbox), slog.Any("uid", in.UID),
		slog.String("outcome", outcome), slog.Int("bytes", len(in.Raw))}
	level := slog.LevelInfo
	if outcome == "duplicate" {
		attrs = append(attrs, slog.String("reason", "same Message-ID and content as a stored mail"))
	} else if p.Warning != "" || len(p.Notes) > 0 {
		level = slog.LevelWarn
		attrs = append(attrs, slog.String("warning", p.Warning), slog.Any("notes", noteKinds(p.Notes)))
	}
	s.Log.LogAttrs(ctx, level, "mail", attrs...)
}

func noteKinds(notes []mail.Note) []string {
	kinds := make([]string, len(notes))
	for i, n := range notes {
		kinds[i] = string(n.Kind)
	}
	return kinds
}

func (s *Service) count(outcome string, p *mail.Parsed) {
	m := s.metrics()
	switch outcome {
	case "enquiry":
		m.MailEnquiries.Inc()
	case "follow-up":
		m.MailFollowUps.Inc()
	case "ignored":
		m.MailIgnored.Inc()
	case "duplicate":
		m.MailDuplicates.Inc()
	}
	if p.Warning != "" && outcome != "duplicate" {
		m.MailUnparsable.Inc()
	}
}

func (s *Service) metrics() *Metrics {
	if s.Metrics == nil {
		return NopMetrics()
	}
	return s.Metrics
}

// arrival is one mail on its way into the database.
type arrival struct {
	in   mail.Incoming
	p    *mail.Parsed
	m    *affaldsbot.Message
	atts []affaldsbot.Attachment
	body string // what the thread shows (mailBody)
	key  string // de-duplicates redelivery and UIDVALIDITY rescans
	opt  IntakeOptions
}

func (a *arrival) insert(ctx context.Context, tx *storage.Tx) error {
	_, err := tx.InsertMessage(ctx, a.m, a.atts, a.key, storage.MailOrigin{Mailbox: a.in.Mailbox, UIDValidity: a.in.UIDValidity, UID: a.in.UID})
	return err
}

func (s *Service) storeMail(ctx context.Context, tx *storage.Tx, in mail.Incoming, p *mail.Parsed, opt IntakeOptions) (string, error) {
	// A duplicate is the same Message-ID with the same content: a mail that
	// reuses an ID for another text is a mail of its own.
	a := &arrival{in: in, p: p, body: s.mailBody(p), key: mailKey(in, p), opt: opt}
	if seen, err := tx.SeenMail(ctx, a.key, legacyMailKey(in, p), p.ContentHash); err != nil || seen {
		return "duplicate", err
	}
	enquiryID, found, err := s.conversationOf(ctx, tx, p)
	if err != nil {
		return "", err
	}
	a.m, a.atts = messageFrom(in, p, a.body)
	switch {
	case s.fromUs(p):
		a.m.Kind, a.m.Reason = affaldsbot.MessageIgnored, "from our own address (loop)"
		return "ignored", a.insert(ctx, tx)
	case p.Auto != "" && found:
		a.m.EnquiryID, a.m.Kind, a.m.Reason = &enquiryID, affaldsbot.MessageIgnored, p.Auto
		s.enqueueSlack(tx, enquiryID, opt)
		return "ignored", a.insert(ctx, tx)
	case p.Auto != "":
		a.m.Kind, a.m.Reason = affaldsbot.MessageIgnored, p.Auto
		return "ignored", a.insert(ctx, tx)
	case found:
		return "follow-up", s.followUp(ctx, tx, enquiryID, a)
	}
	return "enquiry", s.openEnquiry(ctx, tx, a)
}

// mailKey de-duplicates redelivery and UIDVALIDITY rescans of one mail.
// mailKey de-duplicates redelivery and UIDVALIDITY rescans: the mailbox, the
// Message-ID and the content, so a reused Message-ID with another text is a
// mail of its own.
func mailKey(in mail.Incoming, p *mail.Parsed) string {
	return legacyMailKey(in, p) + "|" + p.ContentKey()
}

// legacyMailKey is the key of mails stored before the content was part of it.
func legacyMailKey(in mail.Incoming, p *mail.Parsed) string { return in.Mailbox + "|" + p.MessageID }

// conversationOf finds the enquiry a mail answers: through In-Reply-To and
// References against every Message-ID stored or sent, else the subject tag.
func (s *Service) conversationOf(ctx context.Context, tx *storage.Tx, p *mail.Parsed) (int64, bool, error) {
	ids := append([]string{p.InReplyTo}, p.References...)
	if id, ok, err := tx.EnquiryByMessageIDs(ctx, ids); err != nil || ok {
		return id, ok, err
	}
	tag, ok := mail.SubjectTag(p.Subject)
	if !ok {
		return 0, false, nil
	}
	if _, err := tx.LockEnquiry(ctx, tag); affaldsbot.ErrorCode(err) == affaldsbot.ENOTFOUND {
		return 0, false, nil
	} else if err != nil {
		return 0, false, err
	}
	return tag, true, nil
}

func (s *Service) fromUs(p *mail.Parsed) bool {
	return s.Settings.MailFrom != "" && strings.EqualFold(p.FromAddr, s.Settings.MailFrom)
}

func (s *Service) openEnquiry(ctx context.Context, tx *storage.Tx, a *arrival) error {
	name, addr := a.p.Citizen()
	e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew,
		Topic: affaldsbot.ClassifyTopic(a.p.Subject, a.body), Subject: a.p.Subject, CitizenName: name,
		CitizenEmail: addr, Mailbox: a.in.Mailbox, ReceivedAt: a.in.InternalDate}
	if s.Calendar != nil {
		d := s.Calendar.AddWorkingDays(a.in.InternalDate, s.Settings.DeadlineDays)
		e.DeadlineAt = &d
	}
	if err := tx.CreateEnquiry(ctx, e); err != nil {
		return err
	}
	a.m.EnquiryID = &e.ID
	s.enqueueSlack(tx, e.ID, a.opt)
	if err := a.insert(ctx, tx); err != nil || a.opt.NoSlack {
		return err
	}
	return suggestMerge(ctx, tx, e)
}

func (s *Service) followUp(ctx context.Context, tx *storage.Tx, id int64, a *arrival) error {
	e, err := tx.LockEnquiry(ctx, id)
	if err != nil {
		return err
	}
	if e.MergedInto != nil { // the citizen answered in a merged conversation: it goes on in the older one
		id = *e.MergedInto
		if e, err = tx.LockEnquiry(ctx, id); err != nil {
			return err
		}
	}
	a.m.EnquiryID = &id
	if err := a.insert(ctx, tx); err != nil {
		return err
	}
	if err := tx.SaveEnquiry(ctx, e, e.CitizenWrote(a.in.InternalDate)); err != nil {
		return err
	}
	if err := tx.MarkDraftsStale(ctx, id); err != nil {
		return err
	}
	s.enqueueSlack(tx, id, a.opt)
	if a.opt.NoSlack {
		return nil
	}
	drafts, err := tx.LiveDraftIDs(ctx, id)
	for _, d := range drafts {
		tx.Enqueue(RenderDraftArgs{DraftID: d}) // now shown as stale
	}
	return err
}

func (s *Service) enqueueSlack(tx *storage.Tx, id int64, opt IntakeOptions) {
	if !opt.NoSlack {
		tx.Enqueue(SyncSlackArgs{EnquiryID: id})
	}
}

func messageFrom(in mail.Incoming, p *mail.Parsed, body string) (*affaldsbot.Message, []affaldsbot.Attachment) {
	m := &affaldsbot.Message{Kind: affaldsbot.MessageInbound, MessageID: p.MessageID, InReplyTo: p.InReplyTo,
		References: strings.Join(p.References, " "), FromAddr: p.FromAddr, ToAddr: strings.Join(p.To, ", "),
		Subject: p.Subject, Body: body, Quoted: p.Quoted, Reason: p.Warning, Raw: in.Raw,
		ContentHash: p.ContentHash, ReceivedAt: in.InternalDate}
	atts := make([]affaldsbot.Attachment, len(p.Attachments))
	for i, a := range p.Attachments {
		atts[i] = affaldsbot.Attachment{Filename: a.Filename, ContentType: a.ContentType, Size: a.Size,
			SHA256: a.SHA256, Data: a.Data, Truncated: a.Truncated}
	}
	return m, atts
}
