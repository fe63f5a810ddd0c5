package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/redact"
	"github.com/affaldsbot/affaldsbot/storage"
)

// EventFiled records that an enquiry's conversation reached the
// case-management system's intake address.
const EventFiled affaldsbot.EventType = "filed"

// FileEnquiryArgs sends one recorded filing, at most once.
type FileEnquiryArgs struct {
	FilingID int64 `json:"filing_id"`
}

func (FileEnquiryArgs) Kind() string { return "file_enquiry" }

// FileClosedArgs files every enquiry closed in the last day that has not
// been filed since it was closed (JOURNAL_ADDR set).
type FileClosedArgs struct{}

func (FileClosedArgs) Kind() string { return "file_closed" }

// RequestFiling records that an adviser asked to file an enquiry and
// enqueues the sending; a filing already on its way is not doubled.
func (s *Service) RequestFiling(ctx context.Context, user string, id int64) error {
	if err := s.Authorize(ctx, user); err != nil {
		return err
	}
	if s.Settings.JournalAddr == "" || s.Mailer == nil {
		return affaldsbot.Errorf(affaldsbot.EINVALID, "%s", filingText(s.Settings.Lang, "off"))
	}
	return s.inTx(ctx, func(tx *storage.Tx) error {
		e, err := tx.LockEnquiry(ctx, id)
		if err != nil {
			return err
		} else if e.ErasedAt != nil {
			return erased(e)
		}
		_, err = s.newFiling(ctx, tx, id, user)
		return err
	})
}

// newFiling records a filing with its Message-ID unless one is pending.
func (s *Service) newFiling(ctx context.Context, tx *storage.Tx, id int64, actor string) (bool, error) {
	if open, err := tx.OpenFiling(ctx, id); err != nil || open {
		return false, err
	}
	f := &storage.Filing{EnquiryID: id, MessageID: newMessageID(s.Settings.MailFrom), ToAddr: s.Settings.JournalAddr, RequestedBy: actor}
	if err := tx.InsertFiling(ctx, f); err != nil {
		return false, err
	}
	tx.Enqueue(FileEnquiryArgs{FilingID: f.ID})
	return true, nil
}

// FileClosed files the enquiries closed since a day ago that have no filing
// made after their closing; the periodic job that runs it makes filing on
// close automatic.
func (s *Service) FileClosed(ctx context.Context, _ FileClosedArgs) error {
	if s.Settings.JournalAddr == "" || s.Mailer == nil {
		return nil
	}
	ids, err := s.DB.ClosedUnfiled(ctx, s.DB.Now().Add(-24*time.Hour), 100)
	if err != nil {
		return err
	}
	for _, id := range ids {
		err := s.inTx(ctx, func(tx *storage.Tx) error {
			_, err := s.newFiling(ctx, tx, id, affaldsbot.ActorSystem)
			return err
		})
		if err != nil {
			return fmt.Errorf("file closed enquiry %d: %w", id, err)
		}
	}
	return nil
}

// FileEnquiry sends one filing exactly once, like SendReply: a filing whose
// sending began in an attempt that did not finish is looked for in the Sent
// folder and only marked failed, never sent again, when it is not there.
func (s *Service) FileEnquiry(ctx context.Context, a FileEnquiryArgs) error {
	f, err := s.DB.GetFiling(ctx, a.FilingID)
	if err != nil {
		return err
	}
	switch f.State {
	case storage.FilingSent, storage.FilingFailed:
		return nil
	case storage.FilingSending:
		return s.resumeFiling(ctx, f)
	}
	if f.Attempts > 0 {
		if found, err := s.Mailer.FindSent(ctx, f.MessageID); err != nil || found {
			return s.filingFound(ctx, f, found, err)
		}
	}
	return s.sendFiling(ctx, f)
}

func (s *Service) resumeFiling(ctx context.Context, f *storage.Filing) error {
	found, err := s.Mailer.FindSent(ctx, f.MessageID)
	if err != nil || found {
		return s.filingFound(ctx, f, found, err)
	}
	return s.filingFailed(ctx, f, filingText(s.Settings.Lang, "uncertain"))
}

func (s *Service) filingFound(ctx context.Context, f *storage.Filing, found bool, err error) error {
	if err != nil {
		return fmt.Errorf("look for filing %d in Sent: %w", f.ID, err)
	}
	return s.filingSent(ctx, f)
}

func (s *Service) sendFiling(ctx context.Context, f *storage.Filing) error {
	raw, err := s.buildFiling(ctx, f)
	if err != nil {
		return s.filingFailed(ctx, f, affaldsbot.ErrorText(s.printer(), err))
	}
	err = s.Mailer.Send(ctx, s.Settings.MailFrom, f.ToAddr, raw, func() (bool, error) { return s.DB.BeginFiling(ctx, f.ID) })
	if errors.Is(err, mail.ErrNotConfirmed) {
		return nil // another attempt has it
	} else if err != nil {
		if permanent(err) || f.Attempts+1 >= MaxReplyAttempts {
			return s.filingFailed(ctx, f, err.Error())
		}
		if serr := s.DB.SetFilingState(ctx, f.ID, storage.FilingPending, err.Error()); serr != nil {
			return serr
		}
		return fmt.Errorf("send filing %d: %w", f.ID, err)
	}
	if err := s.Mailer.AppendSent(ctx, raw); err != nil {
		s.Log.LogAttrs(ctx, slog.LevelWarn, "filing sent but not copied to Sent", slog.Int64("filing", f.ID), slog.Int64("enquiry", f.EnquiryID),
			slog.String("error", redact.Scrub(err.Error())))
	}
	return s.filingSent(ctx, f)
}

// filingSent records the filing, adds the filed event and shows it on the
// root message.
func (s *Service) filingSent(ctx context.Context, f *storage.Filing) error {
	return s.inTx(ctx, func(tx *storage.Tx) error {
		now := tx.Now()
		if err := tx.MarkFilingSent(ctx, f, now); err != nil {
			return err
		}
		ev := affaldsbot.Event{EnquiryID: f.EnquiryID, Type: EventFiled, Actor: f.RequestedBy, At: now,
			Payload: map[string]string{"filing_id": fmt.Sprint(f.ID)}}
		if err := tx.AddEvents(ctx, ev); err != nil {
			return err
		}
		return tx.Audit(ctx, f.RequestedBy, "enquiry.file", storage.AuditTarget("enquiries", []int64{f.EnquiryID}), "to journal")
	})
}

func (s *Service) filingFailed(ctx context.Context, f *storage.Filing, reason string) error {
	if err := s.DB.SetFilingState(ctx, f.ID, storage.FilingFailed, reason); err != nil {
		return err
	}
	s.Log.LogAttrs(ctx, slog.LevelWarn, "filing not sent", slog.Int64("filing", f.ID), slog.Int64("enquiry", f.EnquiryID), slog.String("reason", redact.Scrub(reason)))
	return s.notifyFilingFailed(ctx, f)
}

// filedView adds the last filing time to a root view.
func (s *Service) filedView(ctx context.Context, v *RootView) error {
	at, err := s.DB.LastFiled(ctx, v.Enquiry.ID)
	v.FiledAt = at
	return err
}
