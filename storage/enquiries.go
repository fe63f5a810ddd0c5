package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/affaldsbot/affaldsbot"
)

const enquiryColumns = `id, channel, status, topic, subject, citizen_name, citizen_email, citizen_phone,
	mailbox, holder, received_at, deadline_at, first_response_at, closed_at, created_at, updated_at`

// enquirySelect is what reading an enquiry selects: its columns, when its
// texts were erased and what it was merged into.
const enquirySelect = enquiryColumns + `, erased_at, merged_into`

// CreateEnquiry inserts e, sets its ID and records the created event.
func (tx *Tx) CreateEnquiry(ctx context.Context, e *affaldsbot.Enquiry) error {
	now := tx.Now()
	e.CreatedAt, e.UpdatedAt = now, now
	err := tx.GetContext(ctx, &e.ID, tx.Rebind(`INSERT INTO enquiries
		(channel, status, topic, subject, citizen_name, citizen_email, citizen_phone, mailbox, holder,
		 received_at, deadline_at, first_response_at, closed_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		e.Channel, e.Status, e.Topic, e.Subject, e.CitizenName, e.CitizenEmail, e.CitizenPhone, e.Mailbox, e.Holder,
		utc(e.ReceivedAt), utcPtr(e.DeadlineAt), utcPtr(e.FirstResponseAt), utcPtr(e.ClosedAt), now, now)
	if err != nil {
		return fmt.Errorf("create enquiry: %w", err)
	}
	if tx.created == nil {
		tx.created = map[int64]bool{}
	}
	tx.created[e.ID] = true
	return tx.AddEvents(ctx, affaldsbot.Event{EnquiryID: e.ID, Type: affaldsbot.EventCreated,
		Actor: affaldsbot.ActorSystem, At: e.ReceivedAt, Payload: map[string]string{"channel": string(e.Channel)}})
}

// LockEnquiry reads an enquiry and holds it for this transaction, so two
// advisers acting at once take turns.
func (tx *Tx) LockEnquiry(ctx context.Context, id int64) (*affaldsbot.Enquiry, error) {
	var e affaldsbot.Enquiry
	err := tx.GetContext(ctx, &e, tx.Rebind(`SELECT `+enquirySelect+` FROM enquiries WHERE id = ?`+tx.db.forUpdate()), id)
	if isNoRows(err) {
		return nil, notFound("not_found_enquiry", id)
	} else if err != nil {
		return nil, fmt.Errorf("lock enquiry %d: %w", id, err)
	}
	return &e, nil
}

// SaveEnquiry writes e's mutable fields and the events that changed them.
func (tx *Tx) SaveEnquiry(ctx context.Context, e *affaldsbot.Enquiry, events ...affaldsbot.Event) error {
	e.UpdatedAt = tx.Now()
	_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE enquiries SET status = ?, topic = ?, subject = ?,
		citizen_name = ?, citizen_email = ?, citizen_phone = ?, holder = ?, deadline_at = ?,
		first_response_at = ?, closed_at = ?, merged_into = ?, updated_at = ? WHERE id = ?`),
		e.Status, e.Topic, e.Subject, e.CitizenName, e.CitizenEmail, e.CitizenPhone, e.Holder,
		utcPtr(e.DeadlineAt), utcPtr(e.FirstResponseAt), utcPtr(e.ClosedAt), e.MergedInto, e.UpdatedAt, e.ID)
	if err != nil {
		return fmt.Errorf("save enquiry %d: %w", e.ID, err)
	}
	tx.changedShown(e.ID)
	return tx.AddEvents(ctx, events...)
}

// AddEvents records events.
func (tx *Tx) AddEvents(ctx context.Context, events ...affaldsbot.Event) error {
	for _, ev := range events {
		_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO events (enquiry_id, type, actor, at, payload) VALUES (?, ?, ?, ?, ?)`),
			ev.EnquiryID, ev.Type, ev.Actor, utc(ev.At), eventPayload(ev))
		if err != nil {
			return fmt.Errorf("add %s event to enquiry %d: %w", ev.Type, ev.EnquiryID, err)
		}
	}
	return nil
}

// EventCount counts the events of an enquiry recorded so far: with its
// latest event, a number no earlier change of the enquiry had.
func (tx *Tx) EventCount(ctx context.Context, enquiryID int64) (int64, error) {
	var n int64
	err := tx.GetContext(ctx, &n, tx.Rebind(`SELECT COUNT(*) FROM events WHERE enquiry_id = ?`), enquiryID)
	return n, wrapErr(err, "events of enquiry %d", enquiryID)
}

// eventPayload is the JSON stored with an event: its payload, or {}.
func eventPayload(ev affaldsbot.Event) string {
	payload, err := json.Marshal(ev.Payload)
	if err != nil || ev.Payload == nil {
		return "{}"
	}
	return string(payload)
}

// GetEnquiry reads one enquiry.
func (db *DB) GetEnquiry(ctx context.Context, id int64) (*affaldsbot.Enquiry, error) {
	var e affaldsbot.Enquiry
	err := db.GetContext(ctx, &e, db.Rebind(`SELECT `+enquirySelect+` FROM enquiries WHERE id = ?`), id)
	if isNoRows(err) {
		return nil, notFound("not_found_enquiry", id)
	} else if err != nil {
		return nil, fmt.Errorf("get enquiry %d: %w", id, err)
	}
	return &e, nil
}

// EnquiryFilter selects enquiries for lists; zero fields do not filter.
type EnquiryFilter struct {
	Holder   string
	OpenOnly bool
	Status   affaldsbot.Status
	Text     string // matched case-insensitively against subject, citizen and body
	Limit    int
}

// ListEnquiries returns enquiries matching f, oldest receipt first.
func (db *DB) ListEnquiries(ctx context.Context, f EnquiryFilter) ([]*affaldsbot.Enquiry, error) {
	q, args := `SELECT `+enquirySelect+` FROM enquiries e WHERE 1=1`, []any{}
	if f.Holder != "" {
		q, args = q+` AND holder = ?`, append(args, f.Holder)
	}
	if f.OpenOnly {
		q += ` AND status <> 'closed'`
	}
	if f.Status != "" {
		q, args = q+` AND status = ?`, append(args, f.Status)
	}
	if f.Text != "" {
		cond, more := db.textCondition(f.Text)
		q, args = q+` AND `+cond, append(args, more...)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	q, args = q+` ORDER BY received_at, id LIMIT ?`, append(args, f.Limit)
	var out []*affaldsbot.Enquiry
	if err := db.SelectContext(ctx, &out, db.Rebind(q), args...); err != nil {
		return nil, fmt.Errorf("list enquiries: %w", err)
	}
	return out, nil
}

// Events returns an enquiry's events in order.
func (db *DB) Events(ctx context.Context, enquiryID int64) ([]affaldsbot.Event, error) {
	var rows []struct {
		affaldsbot.Event
		PayloadJSON string `db:"payload"`
	}
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT id, enquiry_id, type, actor, at, payload FROM events WHERE enquiry_id = ? ORDER BY id`), enquiryID)
	if err != nil {
		return nil, fmt.Errorf("events of enquiry %d: %w", enquiryID, err)
	}
	out := make([]affaldsbot.Event, len(rows))
	for i, r := range rows {
		out[i] = r.Event
		json.Unmarshal([]byte(r.PayloadJSON), &out[i].Payload)
	}
	return out, nil
}

// textCondition matches a search text (EnquiryFilter.Text): folded (Fold)
// in the subject, the citizen's name and address and the messages' text; as
// a phone number in any notation (12 34 56 78, +4512345678, 0045…) against
// the citizen's number; as #12 or 12 against the enquiry's number.
// On PostgreSQL the folded texts are stored columns (migration 017); SQLite
// folds them as it reads, with Fold registered as a function.
func (db *DB) textCondition(text string) (string, []any) {
	like := "%" + escapeLike(Fold(strings.TrimSpace(text))) + "%"
	cond := `(affald_fold(subject) LIKE ? ESCAPE '\' OR affald_fold(citizen_name) LIKE ? ESCAPE '\' OR affald_fold(citizen_email) LIKE ? ESCAPE '\'
		OR EXISTS (SELECT 1 FROM messages m WHERE m.enquiry_id = e.id AND affald_fold(m.body) LIKE ? ESCAPE '\')`
	args := []any{like, like, like, like}
	if db.Dialect == Postgres {
		cond = `(e.search_fold LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM messages m WHERE m.enquiry_id = e.id AND m.body_fold LIKE ? ESCAPE '\')`
		args = []any{like, like}
	}
	if phone := affaldsbot.PhoneE164(text); phone != "" {
		cond, args = cond+` OR citizen_phone = ?`, append(args, phone)
	}
	if n, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(text), "#"), 10, 64); err == nil && n > 0 {
		cond, args = cond+` OR e.id = ?`, append(args, n)
	}
	return cond + `)`, args
}

func escapeLike(s string) string {
	for _, c := range []string{`\`, `%`, `_`} {
		s = strings.ReplaceAll(s, c, `\`+c)
	}
	return s
}
