package storage

import (
	"context"
	"fmt"
	"time"
)

// RatingNotice is one new or changed rating of a reply, to be shown once in
// the enquiry's thread.
type RatingNotice struct {
	ID        int64     `db:"id"`
	MessageID int64     `db:"message_id"`
	EnquiryID int64     `db:"enquiry_id"`
	Rating    int       `db:"rating"`
	Previous  int       `db:"previous"` // 0: the first rating
	Commented bool      `db:"commented"`
	At        time.Time `db:"at"`
	SlackTS   string    `db:"slack_ts"` // "", SlackPending or the post's ts
}

// InsertRatingNotice records a rating change in the transaction that
// stores it and sets n.ID.
func (tx *Tx) InsertRatingNotice(ctx context.Context, n *RatingNotice) error {
	err := tx.GetContext(ctx, &n.ID, tx.Rebind(`INSERT INTO csat_notices (message_id, enquiry_id, rating, previous, commented, at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`), n.MessageID, n.EnquiryID, n.Rating, n.Previous, n.Commented, utc(n.At))
	if err != nil {
		return fmt.Errorf("insert rating notice of reply %d: %w", n.MessageID, err)
	}
	tx.changedShown(n.EnquiryID)
	return nil
}

// GetRatingNotice reads a rating notice; ENOTFOUND when there is none (its
// enquiry was deleted).
func (db *DB) GetRatingNotice(ctx context.Context, id int64) (*RatingNotice, error) {
	var n RatingNotice
	err := db.GetContext(ctx, &n, db.Rebind(`SELECT id, message_id, enquiry_id, rating, previous, commented, at, slack_ts
		FROM csat_notices WHERE id = ?`), id)
	if isNoRows(err) {
		return nil, notFound("Rating notice", id)
	} else if err != nil {
		return nil, fmt.Errorf("get rating notice %d: %w", id, err)
	}
	n.At = n.At.UTC()
	return &n, nil
}

// MarkRatingNoticePending records that the notice's post is being made;
// false when it was begun or made already.
func (db *DB) MarkRatingNoticePending(ctx context.Context, id int64) (bool, error) {
	res, err := db.ExecContext(ctx, db.Rebind(`UPDATE csat_notices SET slack_ts = ? WHERE id = ? AND slack_ts = ''`), SlackPending, id)
	if err != nil {
		return false, fmt.Errorf("mark rating notice %d pending: %w", id, err)
	}
	return rowsChanged(res, fmt.Sprintf("mark rating notice %d pending", id))
}

// SetRatingNoticeTS records the notice's post.
func (db *DB) SetRatingNoticeTS(ctx context.Context, id int64, ts string) error {
	if _, err := db.ExecContext(ctx, db.Rebind(`UPDATE csat_notices SET slack_ts = ? WHERE id = ?`), ts, id); err != nil {
		return fmt.Errorf("set rating notice %d posted: %w", id, err)
	}
	return nil
}

// EnquiryRating is the latest rating of an enquiry's replies and the
// comment of that reply (redacted when stored; "" once erased).
type EnquiryRating struct {
	Rating  int    `db:"rating"` // 0: none rated
	Comment string `db:"comment"`
}

// LatestRating returns the most recently changed rating among an
// enquiry's replies; Rating is 0 when none is rated.
func (db *DB) LatestRating(ctx context.Context, enquiryID int64) (EnquiryRating, error) {
	var rows []EnquiryRating
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT rating, comment FROM csat_ratings
		WHERE enquiry_id = ? AND rating IS NOT NULL ORDER BY changed_at DESC, message_id DESC LIMIT 1`), enquiryID)
	if err != nil {
		return EnquiryRating{}, fmt.Errorf("latest rating of enquiry %d: %w", enquiryID, err)
	}
	if len(rows) == 0 {
		return EnquiryRating{}, nil
	}
	return rows[0], nil
}

// ReplyComment returns the citizen's comment on one reply ("" when none or
// erased).
func (db *DB) ReplyComment(ctx context.Context, messageID int64) (string, error) {
	var c []string
	err := db.SelectContext(ctx, &c, db.Rebind(`SELECT comment FROM csat_ratings WHERE message_id = ?`), messageID)
	if err != nil {
		return "", fmt.Errorf("comment on reply %d: %w", messageID, err)
	}
	if len(c) == 0 {
		return "", nil
	}
	return c[0], nil
}

// DayRatings are the ratings citizens gave or changed in a period.
type DayRatings struct {
	Rated     int `db:"rated"`
	Satisfied int `db:"satisfied"` // rated 4 or 5
	Comments  int `db:"comments"`
}

// RatingsBetween counts the ratings last given or changed in [from, to),
// for the daily digest.
func (db *DB) RatingsBetween(ctx context.Context, from, to time.Time) (DayRatings, error) {
	var d DayRatings
	err := db.GetContext(ctx, &d, db.Rebind(`SELECT COUNT(*) AS rated,
		COALESCE(SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END), 0) AS satisfied,
		COALESCE(SUM(CASE WHEN comment <> '' THEN 1 ELSE 0 END), 0) AS comments
		FROM csat_ratings WHERE rating IS NOT NULL AND changed_at >= ? AND changed_at < ?`), utc(from), utc(to))
	if err != nil {
		return d, fmt.Errorf("ratings between %s and %s: %w", from.Format(time.DateOnly), to.Format(time.DateOnly), err)
	}
	return d, nil
}

// ClaimInsights records that the weekly insights report of week ("2026-W49")
// is being sent to lead; false when it was recorded already, by this or
// another replica. One statement decides.
func (db *DB) ClaimInsights(ctx context.Context, week, lead string) (bool, error) {
	res, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO insights_reports (week, lead_id, posted_at) VALUES (?, ?, ?)
		ON CONFLICT (week, lead_id) DO NOTHING`), week, lead, db.Now())
	if err != nil {
		return false, fmt.Errorf("claim insights report %s: %w", week, err)
	}
	return rowsChanged(res, "claim insights report "+week)
}

// ReleaseInsights forgets a claimed report that could not be sent, so a
// later run tries again.
func (db *DB) ReleaseInsights(ctx context.Context, week, lead string) error {
	if _, err := db.ExecContext(ctx, db.Rebind(`DELETE FROM insights_reports WHERE week = ? AND lead_id = ?`), week, lead); err != nil {
		return fmt.Errorf("release insights report %s: %w", week, err)
	}
	return nil
}
