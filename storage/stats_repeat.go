package storage

import (
	"context"
	"strings"
	"time"
)

// RepeatWindow is how far back another enquiry of the same citizen makes a
// repeat contact (docs/statistics.md: 14 × 24 hours).
const RepeatWindow = 14 * 24 * time.Hour

// CitizenPhoneKey writes a phone number in E.164, with +45 (Denmark) when it
// has no country code: "22 33 44 55" and "0045 22334455" are "+4522334455".
// It returns "" when there are no digits. It is the citizen's identity for
// repeat contacts, so it is more forgiving than affaldsbot.PhoneE164
// (which decides what may become a tel: link): "(+45) 2233-4455" and
// "4522334455" still name the same citizen.
func CitizenPhoneKey(s string) string {
	var b strings.Builder
	plus := false
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			plus = true
		}
	}
	d := b.String()
	switch {
	case d == "":
		return ""
	case plus:
		return "+" + d
	case strings.HasPrefix(d, "00"):
		return "+" + d[2:]
	case len(d) == 8:
		return "+45" + d
	}
	return "+" + d
}

// repeatScope collects the citizens ("e:" e-mail or "p:" phone keys) whose
// enquiries' repeat flags may have changed, and when.
type repeatScope struct {
	keys     map[string]bool
	stale    map[int64]bool
	from, to time.Time
}

func newRepeatScope() *repeatScope {
	return &repeatScope{keys: map[string]bool{}, stale: map[int64]bool{}}
}

func (r *repeatScope) add(id int64, at time.Time, keys ...string) {
	for _, k := range keys {
		if len(k) > 2 {
			r.keys[k] = true
		}
	}
	r.stale[id] = true
	if r.from.IsZero() || at.Before(r.from) {
		r.from = at
	}
	if at.After(r.to) {
		r.to = at
	}
}

// contactFlags is one enquiry's identities and repeat flags.
type contactFlags struct {
	id                 int64
	at                 time.Time
	email, phone       string
	repEmail, repPhone int
}

// refreshRepeats sets the repeat flags again for the enquiries of the
// scope's citizens received from its first to 14 days after its last one,
// reading the 14 days before too.
func (tx *Tx) refreshRepeats(ctx context.Context, r *repeatScope) error {
	if len(r.stale) == 0 {
		return nil
	}
	rows, err := tx.contactFlags(ctx, r.from.Add(-RepeatWindow), r.to.Add(RepeatWindow))
	if err != nil {
		return err
	}
	st, err := tx.PreparexContext(ctx, tx.Rebind(`UPDATE enquiries SET repeat_email = ?, repeat_phone = ? WHERE id = ?`))
	if err != nil {
		return err
	}
	defer st.Close()
	last := map[string]time.Time{}
	for _, c := range rows {
		e := r.flag(last, "e:"+c.email, c, c.repEmail)
		p := r.flag(last, "p:"+c.phone, c, c.repPhone)
		if c.at.Before(r.from) || (e == c.repEmail && p == c.repPhone) {
			continue
		}
		if _, err := st.ExecContext(ctx, e, p, c.id); err != nil {
			return err
		}
	}
	return nil
}

// flag is whether the citizen key had another enquiry in the window before
// c; it keeps cur for keys outside the scope.
func (r *repeatScope) flag(last map[string]time.Time, key string, c contactFlags, cur int) int {
	if len(key) <= 2 {
		return 0
	}
	if !r.keys[key] && !r.stale[c.id] {
		return cur
	}
	prev, seen := last[key]
	last[key] = c.at
	if seen && c.at.Sub(prev) <= RepeatWindow {
		return 1
	}
	return 0
}

func (tx *Tx) contactFlags(ctx context.Context, from, to time.Time) ([]contactFlags, error) {
	rs, err := tx.QueryContext(ctx, tx.Rebind(`SELECT id, received_at, key_email, key_phone, repeat_email, repeat_phone
		FROM enquiries WHERE received_at >= ? AND received_at <= ? ORDER BY received_at, id`), utc(from), utc(to))
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []contactFlags
	for rs.Next() {
		var c contactFlags
		if err := rs.Scan(&c.id, &c.at, &c.email, &c.phone, &c.repEmail, &c.repPhone); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rs.Err()
}
