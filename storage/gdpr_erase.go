package storage

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"
)

// Erasure says what an erase removed, in counts only: the audit log records
// it without the personal data itself.
type Erasure struct {
	Enquiries   int
	Messages    int
	Attachments int
	Drafts      int
}

// String is the audit detail: "3 enquiries, 7 messages, 1 attachments, 0 drafts".
func (e Erasure) String() string {
	return fmt.Sprintf("%d enquiries, %d messages, %d attachments, %d drafts", e.Enquiries, e.Messages, e.Attachments, e.Drafts)
}

// Add sums two erasures.
func (e Erasure) Add(o Erasure) Erasure {
	return Erasure{e.Enquiries + o.Enquiries, e.Messages + o.Messages, e.Attachments + o.Attachments, e.Drafts + o.Drafts}
}

// EraseOptions chooses how far an erase goes.
type EraseOptions struct {
	// Contacts also replaces the citizen's e-mail address and phone number
	// by pseudonyms, one per address or number, not derived from it: the
	// erased enquiries of one citizen still count as repeat contacts of each
	// other, but nobody can tell whose they were. Without it (retention) the
	// address and number stay for the repeat-contact figure.
	Contacts bool
}

// EraseEnquiries removes the personal data of the enquiries: subject, name,
// every message's addresses, texts and raw mail, attachments, drafts and the
// contact centre's note. What statistics read stays: channel, topic, status,
// holder, times, events, message kinds and send times, call times.
func (tx *Tx) EraseEnquiries(ctx context.Context, ids []int64, opt EraseOptions) (Erasure, error) {
	var out Erasure
	pseudo := map[string]string{}
	for _, id := range ids {
		n, err := tx.eraseEnquiry(ctx, id, opt, pseudo)
		if err != nil {
			return out, fmt.Errorf("erase enquiry %d: %w", id, err)
		}
		out = out.Add(n)
		tx.changedShown(id)
	}
	return out, nil
}

func (tx *Tx) eraseEnquiry(ctx context.Context, id int64, opt EraseOptions, pseudo map[string]string) (Erasure, error) {
	e, err := tx.LockEnquiry(ctx, id)
	if err != nil {
		return Erasure{}, err
	}
	email, phone := e.CitizenEmail, e.CitizenPhone
	if opt.Contacts {
		email, phone = pseudonym(pseudo, "e", email), pseudonym(pseudo, "p", phone)
	}
	if err := tx.eraseEnquiryRow(ctx, id, email, phone, opt.Contacts); err != nil {
		return Erasure{}, err
	}
	n, err := tx.eraseMessages(ctx, `enquiry_id = ?`, id)
	if err != nil {
		return n, err
	}
	n.Enquiries = 1
	if n.Drafts, err = tx.exec(ctx, `UPDATE drafts SET body = '', error = '' WHERE enquiry_id = ?`, id); err != nil {
		return n, err
	}
	_, err = tx.exec(ctx, `UPDATE calls SET note = '' WHERE enquiry_id = ?`, id)
	return n, err
}

// eraseEnquiryRow blanks the enquiry's texts. With contacts it also writes
// the pseudonyms into the statistics' citizen keys (migration 007), which
// would otherwise hold the address until statistics next refresh them.
func (tx *Tx) eraseEnquiryRow(ctx context.Context, id int64, email, phone string, contacts bool) error {
	q := `UPDATE enquiries SET subject = '', citizen_name = '', erased_at = ?, updated_at = ?`
	args := []any{tx.Now(), tx.Now()}
	if contacts {
		q += `, citizen_email = ?, citizen_phone = ?, key_email = ?, key_phone = ?`
		args = append(args, email, phone, strings.ToLower(email), phone)
	}
	_, err := tx.ExecContext(ctx, tx.Rebind(q+` WHERE id = ?`), append(args, id)...)
	return err
}

// EraseMessages erases messages that belong to no enquiry.
func (tx *Tx) EraseMessages(ctx context.Context, ids []int64) (Erasure, error) {
	var out Erasure
	for _, id := range ids {
		n, err := tx.eraseMessages(ctx, `id = ? AND enquiry_id IS NULL`, id)
		if err != nil {
			return out, fmt.Errorf("erase message %d: %w", id, err)
		}
		out = out.Add(n)
	}
	return out, nil
}

// eraseMessages blanks the texts, addresses and raw bytes of the messages
// where cond holds and deletes their attachments. Message-IDs stay, so a
// later mail in the same conversation still finds its enquiry.
func (tx *Tx) eraseMessages(ctx context.Context, cond string, arg any) (Erasure, error) {
	var n Erasure
	var err error
	n.Attachments, err = tx.exec(ctx, `DELETE FROM attachments WHERE message_id IN (SELECT id FROM messages WHERE `+cond+`)`, arg)
	if err != nil {
		return n, err
	}
	n.Messages, err = tx.exec(ctx, `UPDATE messages SET from_addr = '', to_addr = '', subject = '', body = '', quoted = '',
		reason = '', raw = NULL, content_hash = '', send_error = '' WHERE `+cond, arg)
	return n, err
}

func (tx *Tx) exec(ctx context.Context, q string, args ...any) (int, error) {
	res, err := tx.ExecContext(ctx, tx.Rebind(q), args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// pseudonym returns the stand-in of an address or number, the same one for
// the same value within one erase; "" stays "".
func pseudonym(seen map[string]string, kind, v string) string {
	key := kind + ":" + strings.ToLower(strings.TrimSpace(v))
	if v == "" || strings.HasSuffix(key, ".invalid") || strings.HasPrefix(v, "+999") {
		return v
	}
	if p, ok := seen[key]; ok {
		return p
	}
	p := randomDigits(10)
	if kind == "e" {
		p = "erased-" + p + "@erased.invalid"
	} else {
		p = "+999" + p // +999 is no country's code
	}
	seen[key] = p
	return p
}

func randomDigits(n int) string {
	var b strings.Builder
	for range n {
		d, _ := rand.Int(rand.Reader, big.NewInt(10))
		b.WriteByte(byte('0' + d.Int64()))
	}
	return b.String()
}
