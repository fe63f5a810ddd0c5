package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// Citizen names one citizen for a right-of-access or erasure request: by
// e-mail address (any case) or by phone number (E.164, +45 by default).
type Citizen struct {
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Check refuses a request naming neither or both, or a number that is not one.
func (c *Citizen) Check() error {
	c.Email, c.Phone = strings.TrimSpace(c.Email), strings.TrimSpace(c.Phone)
	switch {
	case (c.Email == "") == (c.Phone == ""):
		return affaldsbot.Errorf(affaldsbot.EINVALID, "give exactly one of --email and --phone")
	case c.Email != "" && !strings.Contains(c.Email, "@"):
		return affaldsbot.Errorf(affaldsbot.EINVALID, "--email %q is not an e-mail address", c.Email)
	case c.Phone != "" && affaldsbot.PhoneE164(c.Phone) == "":
		return affaldsbot.Errorf(affaldsbot.EINVALID, "--phone %q is not a phone number", c.Phone)
	}
	return nil
}

func (c Citizen) phoneMatch() func(string) bool {
	if c.Phone == "" {
		return nil
	}
	want := affaldsbot.PhoneE164(c.Phone)
	return func(stored string) bool { return affaldsbot.PhoneE164(stored) == want }
}

// CitizenExport is the right-of-access document: everything stored about
// one citizen, raw mails and attachment data included (base64 in JSON).
type CitizenExport struct {
	Citizen     Citizen   `json:"citizen"`
	GeneratedAt time.Time `json:"generated_at"`
	*storage.CitizenData
}

// citizenIDs finds the citizen's enquiries and the mail of theirs that
// opened none.
func (s *Service) citizenIDs(ctx context.Context, c Citizen) (enquiries, unlinked []int64, err error) {
	if enquiries, err = s.DB.CitizenEnquiryIDs(ctx, c.Email, c.phoneMatch()); err != nil {
		return nil, nil, err
	}
	unlinked, err = s.DB.UnlinkedMessageIDs(ctx, c.Email)
	return enquiries, unlinked, err
}

// ExportCitizen gathers everything about a citizen and records in the audit
// log who read it (by enquiry number, without the address or number).
func (s *Service) ExportCitizen(ctx context.Context, actor string, c Citizen) (*CitizenExport, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	ids, unlinked, err := s.citizenIDs(ctx, c)
	if err != nil {
		return nil, err
	}
	data, err := s.DB.CitizenRecord(ctx, ids, unlinked)
	if err != nil {
		return nil, err
	}
	detail := fmt.Sprintf("%d enquiries, %d messages", len(data.Enquiries), countMessages(data))
	if err := s.DB.Audit(ctx, actor, "gdpr.export", storage.AuditTarget("enquiries", ids), detail); err != nil {
		return nil, err
	}
	return &CitizenExport{Citizen: c, GeneratedAt: s.DB.Now(), CitizenData: data}, nil
}

func countMessages(d *storage.CitizenData) int {
	n := len(d.Unlinked)
	for _, e := range d.Enquiries {
		n += len(e.Messages)
	}
	return n
}

// EraseCitizen removes a citizen's personal data from every enquiry of
// theirs and from their mail that opened none; the enquiries stay with what
// statistics need. The audit record names enquiry numbers and counts only.
// Then it scrubs the database's files (storage.ScrubRewrite), and jobs take
// the citizen's texts out of Slack and the shared mailbox.
func (s *Service) EraseCitizen(ctx context.Context, actor string, c Citizen) (storage.Erasure, error) {
	if err := c.Check(); err != nil {
		return storage.Erasure{}, err
	}
	ids, unlinked, err := s.citizenIDs(ctx, c)
	if err != nil {
		return storage.Erasure{}, err
	}
	var n storage.Erasure
	err = s.inTx(ctx, func(tx *storage.Tx) error {
		if n, err = tx.EraseEnquiries(ctx, ids, storage.EraseOptions{Contacts: true}); err != nil {
			return err
		}
		m, err := tx.EraseMessages(ctx, unlinked)
		if err != nil {
			return err
		}
		n = n.Add(m)
		for _, id := range ids {
			tx.Enqueue(EraseSlackArgs{EnquiryID: id})
		}
		if len(ids)+len(unlinked) > 0 {
			tx.Enqueue(EraseMailboxArgs{EnquiryIDs: ids, MessageIDs: unlinked})
		}
		return tx.Audit(ctx, actor, "gdpr.erase", storage.AuditTarget("enquiries", ids), n.String())
	})
	if err != nil {
		return storage.Erasure{}, fmt.Errorf("erase citizen: %w", err)
	}
	// The rows are clean; the files may still hold the old row versions.
	// A second erase of the same citizen finds nothing new and scrubs again.
	if err := s.DB.Scrub(ctx, storage.ScrubRewrite); err != nil {
		return n, fmt.Errorf("erase citizen: the rows are erased, but %w", err)
	}
	return n, nil
}
