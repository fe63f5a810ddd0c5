package storage

import (
	"context"
	"fmt"
	"time"
)

// StoredAnswer is a standard answer as the team lead saved it; it overrides
// the answer of the same name in the folder, and Retired hides it.
type StoredAnswer struct {
	Name      string    `db:"name"`
	Title     string    `db:"title"`
	Body      string    `db:"body"`
	BodyEN    string    `db:"body_en"`
	Retired   bool      `db:"retired"`
	UpdatedBy string    `db:"updated_by"`
	UpdatedAt time.Time `db:"updated_at"`
}

// StoredAnswers returns every saved standard answer, retired ones included,
// by name.
func (db *DB) StoredAnswers(ctx context.Context) ([]StoredAnswer, error) {
	var out []StoredAnswer
	err := db.SelectContext(ctx, &out, `SELECT name, title, body, body_en, retired, updated_by, updated_at
		FROM standard_answers ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("standard answers: %w", err)
	}
	return out, nil
}

// SaveAnswer stores a standard answer, replacing the saved one of its name.
func (tx *Tx) SaveAnswer(ctx context.Context, a StoredAnswer) error {
	a.UpdatedAt = tx.Now()
	_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO standard_answers (name, title, body, body_en, retired, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body,
		body_en = EXCLUDED.body_en, retired = EXCLUDED.retired, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`),
		a.Name, a.Title, a.Body, a.BodyEN, a.Retired, a.UpdatedBy, utc(a.UpdatedAt))
	if err != nil {
		return fmt.Errorf("save standard answer %s: %w", a.Name, err)
	}
	return nil
}

// RecordAnswerUse records that the reply messageID began from the standard
// answer name.
func (tx *Tx) RecordAnswerUse(ctx context.Context, messageID, enquiryID int64, name, user string) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO standard_answer_uses (message_id, enquiry_id, name, used_by, used_at)
		VALUES (?, ?, ?, ?, ?)`), messageID, enquiryID, name, user, tx.Now())
	if err != nil {
		return fmt.Errorf("record use of standard answer %s: %w", name, err)
	}
	return nil
}

// AnswerUses counts the standard answers used in replies to the enquiries
// received in [from, to), by name.
func (db *DB) AnswerUses(ctx context.Context, from, to time.Time) (map[string]int, error) {
	var rows []struct {
		Name string `db:"name"`
		N    int    `db:"n"`
	}
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT u.name, COUNT(*) AS n FROM standard_answer_uses u
		JOIN enquiries e ON e.id = u.enquiry_id WHERE e.received_at >= ? AND e.received_at < ? GROUP BY u.name`), utc(from), utc(to))
	if err != nil {
		return nil, fmt.Errorf("standard answers used: %w", err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Name] = r.N
	}
	return out, nil
}
