package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
)

// SetCitizenAddress records the address an adviser typed for an enquiry
// whose mail gave no sender address that could be trusted (a malformed
// From field): replies then go there, and never to a guess from the mail.
func (s *Service) SetCitizenAddress(ctx context.Context, user string, id int64, addr string) error {
	addr = strings.TrimSpace(addr)
	if err := s.CheckAddress(addr); err != nil {
		return err
	}
	if err := s.Authorize(ctx, user); err != nil {
		return err
	}
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		e, err := tx.LockEnquiry(ctx, id)
		if err != nil || strings.EqualFold(e.CitizenEmail, addr) {
			return err // the same address again: done already
		} else if e.ErasedAt != nil {
			return erased(e) // no address goes into an erased enquiry
		}
		ev, err := e.SetCitizenEmail(user, addr, tx.Now())
		if err != nil {
			return err
		}
		if err := tx.SaveEnquiry(ctx, e, ev); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("set citizen address of enquiry %d: %w", id, err)
	}
	return nil
}

// CheckAddress says what is wrong with an address an adviser typed, nil
// when nothing.
func (s *Service) CheckAddress(addr string) error {
	if !mail.ValidAddress(strings.TrimSpace(addr)) {
		return affaldsbot.NewError(affaldsbot.EINVALID, "address_invalid", addr)
	}
	return nil
}
