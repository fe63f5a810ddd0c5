package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// MailboxEraser takes mail out of the shared mailbox: every folder the bot
// reads or writes (the watched mailboxes, IMAP_DONE_MAILBOX and
// MAIL_SENT_MAILBOX), deleted and expunged.
type MailboxEraser interface {
	// EraseMail deletes the messages with these Message-IDs and says how
	// many went from each folder.
	EraseMail(ctx context.Context, messageIDs []string) (perFolder map[string]int, err error)
}

// EraseMailboxArgs takes erased enquiries' mail out of the shared mailbox:
// the citizen's mails, our replies and filed copies. Enqueue it in the same
// transaction as the erasure.
type EraseMailboxArgs struct {
	EnquiryIDs []int64 `json:"enquiry_ids"`
	MessageIDs []int64 `json:"message_ids,omitempty"` // mail that opened no enquiry
}

func (EraseMailboxArgs) Kind() string { return "erase_mailbox" }

// EraseMailbox deletes the enquiries' mail from the shared mailbox and
// records in the audit log how many messages went from each folder. Without
// a mailbox (intake off) there is nothing to delete. A second run finds
// nothing left and records nothing.
func (s *Service) EraseMailbox(ctx context.Context, a EraseMailboxArgs) error {
	if s.Mailbox == nil {
		return nil
	}
	ids, err := s.DB.MailMessageIDs(ctx, a.EnquiryIDs, a.MessageIDs)
	if err != nil || len(ids) == 0 {
		return err
	}
	n, err := s.Mailbox.EraseMail(ctx, ids)
	if err != nil {
		return fmt.Errorf("erase mail of enquiries %v: %w", a.EnquiryIDs, err)
	}
	detail, total := folderCounts(n)
	if total == 0 {
		return nil
	}
	s.Log.LogAttrs(ctx, slog.LevelInfo, "erased mail in the shared mailbox", slog.Any("enquiries", a.EnquiryIDs), slog.Int("messages", total))
	return s.DB.Audit(ctx, affaldsbot.ActorSystem, "mailbox.erase", storage.AuditTarget("enquiries", a.EnquiryIDs), detail)
}

// folderCounts is "INBOX: 2, Sent: 1" in folder order, and the sum.
func folderCounts(n map[string]int) (string, int) {
	folders := make([]string, 0, len(n))
	for f := range n {
		folders = append(folders, f)
	}
	slices.Sort(folders)
	parts, total := make([]string, len(folders)), 0
	for i, f := range folders {
		parts[i] = fmt.Sprintf("%s: %d", f, n[f])
		total += n[f]
	}
	return strings.Join(parts, ", "), total
}
