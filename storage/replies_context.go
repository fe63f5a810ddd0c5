package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// LastInbound returns the citizen's latest mail in an enquiry, which a reply
// answers; ok is false for an enquiry without one (a call).
func (tx *Tx) LastInbound(ctx context.Context, enquiryID int64) (m *affaldsbot.Message, ok bool, err error) {
	var out []*affaldsbot.Message
	err = tx.SelectContext(ctx, &out, tx.Rebind(`SELECT `+messageColumns+` FROM messages
		WHERE enquiry_id = ? AND kind = 'inbound' ORDER BY id DESC LIMIT 1`), enquiryID)
	if err != nil {
		return nil, false, fmt.Errorf("last mail of enquiry %d: %w", enquiryID, err)
	}
	if len(out) == 0 {
		return nil, false, nil
	}
	return out[0], true, nil
}

// LatestDraft returns the body of the newest ready draft that is not stale.
func (db *DB) LatestDraft(ctx context.Context, enquiryID int64) (body string, ok bool, err error) {
	var out []string
	err = db.SelectContext(ctx, &out, db.Rebind(`SELECT body FROM drafts
		WHERE enquiry_id = ? AND state = 'ready' AND NOT stale ORDER BY id DESC LIMIT 1`), enquiryID)
	if err != nil {
		return "", false, fmt.Errorf("latest draft of enquiry %d: %w", enquiryID, err)
	}
	if len(out) == 0 {
		return "", false, nil
	}
	return out[0], true, nil
}

// InsertNote stores an adviser's internal note. A note written in Slack keeps
// the ts of its message there, so it is never posted again.
func (tx *Tx) InsertNote(ctx context.Context, m *affaldsbot.Message, slackTS string) error {
	m.CreatedAt = tx.Now()
	m.Kind = affaldsbot.MessageNote
	err := tx.GetContext(ctx, &m.ID, tx.Rebind(`INSERT INTO messages (enquiry_id, kind, body, author, slack_ts, received_at, created_at)
		VALUES (?, 'note', ?, ?, ?, ?, ?) RETURNING id`), m.EnquiryID, m.Body, m.Author, slackTS, utc(m.ReceivedAt), m.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert note: %w", err)
	}
	return nil
}

// SlackMessageStored reports whether a message with this Slack ts is stored
// already (a redelivered event).
func (tx *Tx) SlackMessageStored(ctx context.Context, enquiryID int64, slackTS string) (bool, error) {
	var n int
	err := tx.GetContext(ctx, &n, tx.Rebind(`SELECT COUNT(*) FROM messages WHERE enquiry_id = ? AND slack_ts = ?`), enquiryID, slackTS)
	if err != nil {
		return false, fmt.Errorf("find slack message %s: %w", slackTS, err)
	}
	return n > 0, nil
}

// Week is this week's figures for the App Home.
type Week struct {
	Received map[affaldsbot.Channel]int // received since the start of the week, by channel
	Open     map[affaldsbot.Status]int  // open now, by status
}

// WeekFigures counts enquiries received since `since` by channel and the open
// ones by status.
func (db *DB) WeekFigures(ctx context.Context, since time.Time) (Week, error) {
	w := Week{Received: map[affaldsbot.Channel]int{}, Open: map[affaldsbot.Status]int{}}
	var rows []struct {
		Key string `db:"k"`
		N   int    `db:"n"`
	}
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT channel AS k, COUNT(*) AS n FROM enquiries WHERE merged_into IS NULL AND received_at >= ? GROUP BY channel`), utc(since))
	if err != nil {
		return w, fmt.Errorf("week figures: %w", err)
	}
	for _, r := range rows {
		w.Received[affaldsbot.Channel(r.Key)] = r.N
	}
	rows = rows[:0]
	if err := db.SelectContext(ctx, &rows, `SELECT status AS k, COUNT(*) AS n FROM enquiries WHERE status <> 'closed' GROUP BY status`); err != nil {
		return w, fmt.Errorf("open figures: %w", err)
	}
	for _, r := range rows {
		w.Open[affaldsbot.Status(r.Key)] = r.N
	}
	return w, nil
}
