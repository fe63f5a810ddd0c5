package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// RetentionArgs erases the texts of enquiries received more than Days days
// ago (RETENTION_DAYS); 0 keeps everything.
type RetentionArgs struct {
	Days int `json:"days"`
}

func (RetentionArgs) Kind() string { return "retention" }

// retentionBatch is how many enquiries one transaction erases; maxBatches
// bounds one run (the next day's run goes on where it stopped).
const (
	retentionBatch = 200
	maxBatches     = 500
)

// Retention erases, by age, what EraseCitizen erases by citizen: subjects,
// names, texts, raw mail, attachments, drafts and call notes, the bot's
// messages and files in the enquiries' Slack threads, and their mail in the
// shared mailbox. It keeps the e-mail address and phone number, which the
// repeat-contact figure compares, and everything else statistics read, so
// every figure stays as it was.
func (s *Service) Retention(ctx context.Context, a RetentionArgs) error {
	if a.Days <= 0 {
		return nil
	}
	cutoff := s.DB.Now().AddDate(0, 0, -a.Days)
	var total storage.Erasure
	for range maxBatches {
		n, err := s.retentionBatch(ctx, cutoff)
		if err != nil {
			return fmt.Errorf("retention: %w", err)
		}
		total = total.Add(n)
		if n.Enquiries+n.Messages == 0 {
			break
		}
	}
	if total != (storage.Erasure{}) {
		s.Log.LogAttrs(ctx, slog.LevelInfo, "retention erased old texts", slog.Int("enquiries", total.Enquiries), slog.Int("messages", total.Messages))
		err := s.DB.Audit(ctx, affaldsbot.ActorSystem, "retention.erase", "received before "+cutoff.Format(time.DateOnly), total.String())
		if err != nil {
			return err
		}
	}
	// Every run scrubs, so one that an older transaction held up is
	// finished by the next.
	if err := s.DB.Scrub(ctx, storage.ScrubVacuum); err != nil {
		return fmt.Errorf("retention: %w", err)
	}
	return nil
}

func (s *Service) retentionBatch(ctx context.Context, cutoff time.Time) (storage.Erasure, error) {
	ids, err := s.DB.EnquiriesReceivedBefore(ctx, cutoff, retentionBatch)
	if err != nil {
		return storage.Erasure{}, err
	}
	unlinked, err := s.DB.UnlinkedMailBefore(ctx, cutoff, retentionBatch)
	if err != nil || len(ids)+len(unlinked) == 0 {
		return storage.Erasure{}, err
	}
	var n storage.Erasure
	err = s.inTx(ctx, func(tx *storage.Tx) error {
		if n, err = tx.EraseEnquiries(ctx, ids, storage.EraseOptions{}); err != nil {
			return err
		}
		for _, id := range ids {
			tx.Enqueue(EraseSlackArgs{EnquiryID: id})
		}
		tx.Enqueue(EraseMailboxArgs{EnquiryIDs: ids, MessageIDs: unlinked})
		m, err := tx.EraseMessages(ctx, unlinked)
		n = n.Add(m)
		return err
	})
	return n, err
}
