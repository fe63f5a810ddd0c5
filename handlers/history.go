package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
)

// Outcomes of RecordSentReply.
const (
	SentRecorded  = "recorded"  // a reply stored, with its answered event
	SentDuplicate = "duplicate" // recorded by an earlier import
	SentUnmatched = "unmatched" // answers no stored enquiry
)

// RecordSentReply recovers a first response from history: a copy of a reply
// from the Sent folder (or a sent mbox) that answers a stored enquiry, found
// through In-Reply-To and References, is stored as an outbound message sent
// at in.InternalDate, with an answered event at that time. Its Message-ID makes
// it idempotent: importing it again changes nothing. Nothing is posted.
func (s *Service) RecordSentReply(ctx context.Context, in mail.Incoming) (string, error) {
	outcomes, err := s.RecordSentReplies(ctx, []mail.Incoming{in})
	if err != nil {
		return "", err
	}
	return outcomes[0], nil
}

// RecordSentReplies records sent replies as RecordSentReply does, all in one
// transaction (an import of years commits a batch at a time), and returns
// each one's outcome.
func (s *Service) RecordSentReplies(ctx context.Context, ins []mail.Incoming) ([]string, error) {
	parsed := make([]*mail.Parsed, len(ins))
	sentAt := make([]time.Time, len(ins))
	for i, in := range ins {
		parsed[i] = mail.Parse(in.Raw, s.Settings.MaxAttachment)
		if sentAt[i] = in.InternalDate; sentAt[i].IsZero() {
			sentAt[i] = parsed[i].Date
		}
		if sentAt[i].IsZero() {
			return nil, affaldsbot.Errorf(affaldsbot.EINVALID, "sent mail %s has no date", parsed[i].MessageID)
		}
	}
	outcomes := make([]string, len(ins))
	keys := make([]string, len(ins))
	for i, p := range parsed {
		keys[i] = sentKey(p)
	}
	err := s.DB.InTx(ctx, func(tx *storage.Tx) error {
		seen, err := tx.SeenMails(ctx, keys) // one query for the batch: a second import finds them all
		if err != nil {
			return err
		}
		for i, p := range parsed {
			if seen[keys[i]] {
				outcomes[i] = SentDuplicate
				continue
			}
			if outcomes[i], err = s.recordSent(ctx, tx, p, ins[i].Raw, sentAt[i].UTC()); err != nil {
				return fmt.Errorf("record sent reply %s: %w", p.MessageID, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return outcomes, nil
}

func (s *Service) recordSent(ctx context.Context, tx *storage.Tx, p *mail.Parsed, raw []byte, sentAt time.Time) (string, error) {
	id, found, err := tx.EnquiryByMessageIDs(ctx, append([]string{p.InReplyTo}, p.References...))
	if err != nil || !found {
		return SentUnmatched, err
	}
	m := sentMessage(id, p, raw, sentAt)
	if inserted, err := tx.InsertMessage(ctx, m, nil, sentKey(p), storage.MailOrigin{}); err != nil || !inserted {
		return SentDuplicate, err
	}
	e, err := tx.LockEnquiry(ctx, id)
	if err != nil {
		return "", err
	}
	if e.Status != affaldsbot.StatusClosed {
		e.Status = affaldsbot.StatusAnswered
	}
	if e.FirstResponseAt == nil || sentAt.Before(*e.FirstResponseAt) {
		e.FirstResponseAt = &sentAt
	}
	ev := affaldsbot.Event{EnquiryID: id, Type: affaldsbot.EventAnswered, Actor: affaldsbot.ActorSystem, At: sentAt,
		Payload: map[string]string{"message_id": p.MessageID, "source": "history"}}
	return SentRecorded, tx.SaveEnquiry(ctx, e, ev)
}

// sentKey de-duplicates a sent reply imported again.
func sentKey(p *mail.Parsed) string { return "sent|" + p.MessageID }

func sentMessage(id int64, p *mail.Parsed, raw []byte, sentAt time.Time) *affaldsbot.Message {
	refs := strings.Join(p.References, " ")
	return &affaldsbot.Message{EnquiryID: &id, Kind: affaldsbot.MessageOutbound, MessageID: p.MessageID,
		InReplyTo: p.InReplyTo, References: refs, FromAddr: p.FromAddr, ToAddr: firstOr(p.To, ""),
		Subject: p.Subject, Body: p.Text, Quoted: p.Quoted, Raw: raw, ContentHash: p.ContentHash,
		SentAt: &sentAt, ReceivedAt: sentAt}
}

func firstOr(xs []string, def string) string {
	if len(xs) > 0 {
		return xs[0]
	}
	return def
}
