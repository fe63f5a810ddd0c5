package storage

import (
	"context"
	"fmt"
)

// SlackRef is where an enquiry's root message lives in Slack.
type SlackRef struct {
	EnquiryID int64  `db:"enquiry_id"`
	Channel   string `db:"channel"`
	RootTS    string `db:"root_ts"`
}

// MarkRootPending records, before posting, that the root message of an
// enquiry is about to be posted to channel. A ref left pending (RootTS "")
// tells a retry to look in Slack before posting again.
func (db *DB) MarkRootPending(ctx context.Context, enquiryID int64, channel string) error {
	_, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO slack_refs (enquiry_id, channel, root_ts, posted_at)
		VALUES (?, ?, '', ?) ON CONFLICT (enquiry_id) DO NOTHING`), enquiryID, channel, db.Now())
	if err != nil {
		return fmt.Errorf("mark root of enquiry %d pending: %w", enquiryID, err)
	}
	return nil
}

// SetRootTS records where the root message of an enquiry was posted.
func (db *DB) SetRootTS(ctx context.Context, enquiryID int64, ts string) error {
	_, err := db.ExecContext(ctx, db.Rebind(`UPDATE slack_refs SET root_ts = ?, posted_at = ? WHERE enquiry_id = ?`), ts, db.Now(), enquiryID)
	if err != nil {
		return fmt.Errorf("set root of enquiry %d: %w", enquiryID, err)
	}
	return nil
}

// SlackRef returns the root message of an enquiry; ok is false before its
// post began, and RootTS is "" while it is pending.
func (db *DB) SlackRef(ctx context.Context, enquiryID int64) (ref SlackRef, ok bool, err error) {
	err = db.GetContext(ctx, &ref, db.Rebind(`SELECT enquiry_id, channel, root_ts FROM slack_refs WHERE enquiry_id = ?`), enquiryID)
	if isNoRows(err) {
		return ref, false, nil
	} else if err != nil {
		return ref, false, fmt.Errorf("slack ref of enquiry %d: %w", enquiryID, err)
	}
	return ref, true, nil
}

// EnquiryBySlackTS finds the enquiry whose root message is channel/ts.
func (db *DB) EnquiryBySlackTS(ctx context.Context, channel, ts string) (int64, bool, error) {
	var id int64
	err := db.GetContext(ctx, &id, db.Rebind(`SELECT enquiry_id FROM slack_refs WHERE channel = ? AND root_ts = ?`), channel, ts)
	if isNoRows(err) {
		return 0, false, nil
	} else if err != nil {
		return 0, false, fmt.Errorf("enquiry of slack message %s/%s: %w", channel, ts, err)
	}
	return id, true, nil
}
