package storage

import (
	"context"
	"fmt"
	"time"
)

// InsightRow is one enquiry as the analysis of what citizens struggle with
// reads it: what was asked, the draft the team was offered and the reply
// that left, and the citizen's rating.
type InsightRow struct {
	ID           int64     `db:"id"`
	Channel      string    `db:"channel"`
	Topic        string    `db:"topic"`
	Subject      string    `db:"subject"`
	ReceivedAt   time.Time `db:"received_at"`
	CitizenEmail string    `db:"citizen_email"`
	CitizenPhone string    `db:"citizen_phone"`
	Erased       bool      `db:"erased"`
	Text         string    `db:"text"`  // the first mail's text, or the call's note
	Reply        string    `db:"reply"` // the first reply sent; "" when none
	Drafts       int       `db:"drafts"`
	Discarded    int       `db:"discarded"`
	Draft        string    `db:"draft"` // the latest ready draft; "" when none
	Rating       *int      `db:"rating"`
	Answer       string    `db:"answer"` // the standard answer a reply began from; "" when none
}

// InsightRows returns the enquiries received in [from, to), oldest first.
// Erased enquiries come without their texts.
func (db *DB) InsightRows(ctx context.Context, from, to time.Time) ([]InsightRow, error) {
	var out []InsightRow
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT e.id, e.channel, e.topic, e.subject, e.received_at,
		e.citizen_email, e.citizen_phone, CASE WHEN e.erased_at IS NULL THEN FALSE ELSE TRUE END AS erased,
		COALESCE((SELECT m.body FROM messages m WHERE m.enquiry_id = e.id AND m.kind = 'inbound' ORDER BY m.id LIMIT 1),
			(SELECT c.note FROM calls c WHERE c.enquiry_id = e.id), '') AS text,
		COALESCE((SELECT m.body FROM messages m WHERE m.enquiry_id = e.id AND m.kind = 'outbound' AND m.sent_at IS NOT NULL
			ORDER BY m.sent_at, m.id LIMIT 1), '') AS reply,
		(SELECT COUNT(*) FROM drafts d WHERE d.enquiry_id = e.id AND d.state IN ('ready', 'discarded')) AS drafts,
		(SELECT COUNT(*) FROM drafts d WHERE d.enquiry_id = e.id AND d.state = 'discarded') AS discarded,
		COALESCE((SELECT d.body FROM drafts d WHERE d.enquiry_id = e.id AND d.state = 'ready' ORDER BY d.id DESC LIMIT 1), '') AS draft,
		(SELECT c.rating FROM csat_ratings c WHERE c.enquiry_id = e.id AND c.rating IS NOT NULL
			ORDER BY c.changed_at DESC LIMIT 1) AS rating,
		COALESCE((SELECT u.name FROM standard_answer_uses u WHERE u.enquiry_id = e.id ORDER BY u.used_at, u.message_id LIMIT 1), '') AS answer
		FROM enquiries e WHERE e.merged_into IS NULL AND e.received_at >= ? AND e.received_at < ? ORDER BY e.received_at, e.id`), utc(from), utc(to))
	if err != nil {
		return nil, fmt.Errorf("insight rows: %w", err)
	}
	for i := range out {
		out[i].ReceivedAt = out[i].ReceivedAt.UTC()
	}
	return out, nil
}
