package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"sort"
	"time"
)

// CSATRating is one reply sent with rating links and what the citizen said
// about it. Rating is nil until the citizen clicks a link.
type CSATRating struct {
	TokenHash   string     `db:"token_hash"`
	MessageID   int64      `db:"message_id"`
	EnquiryID   int64      `db:"enquiry_id"`
	Lang        string     `db:"lang"`
	Rating      *int       `db:"rating"`
	Comment     string     `db:"comment"`
	NonceHash   string     `db:"nonce_hash"`
	CreatedAt   time.Time  `db:"created_at"`
	RatedAt     *time.Time `db:"rated_at"`
	ChangedAt   *time.Time `db:"changed_at"`
	CommentedAt *time.Time `db:"commented_at"`
}

const csatColumns = `token_hash, message_id, enquiry_id, lang, rating, comment, nonce_hash, created_at, rated_at, changed_at, commented_at`

// CSATKey returns the key rating links are signed with, making it on first
// use. Replicas that start together agree: the first insert wins.
func (db *DB) CSATKey(ctx context.Context) ([]byte, error) { return csatKey(ctx, db.DB, db.Now()) }

// CSATKey is DB.CSATKey inside a transaction (SQLite has one connection).
func (tx *Tx) CSATKey(ctx context.Context) ([]byte, error) { return csatKey(ctx, tx.Tx, tx.Now()) }

// keyStore is what csatKey needs of a database or a transaction.
type keyStore interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	GetContext(ctx context.Context, dest any, query string, args ...any) error
	Rebind(query string) string
}

func csatKey(ctx context.Context, q keyStore, now time.Time) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("csat key: %w", err)
	}
	_, err := q.ExecContext(ctx, q.Rebind(`INSERT INTO csat_keys (id, secret, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING`),
		hex.EncodeToString(fresh), now)
	if err != nil {
		return nil, fmt.Errorf("csat key: %w", err)
	}
	var secret string
	if err := q.GetContext(ctx, &secret, `SELECT secret FROM csat_keys WHERE id = 1`); err != nil {
		return nil, fmt.Errorf("csat key: %w", err)
	}
	key, err := hex.DecodeString(secret)
	if err != nil || len(key) < 32 {
		return nil, fmt.Errorf("csat key: the stored key is malformed")
	}
	return key, nil
}

// InsertCSATRating records that a reply to its enquiry carries rating
// links. It is idempotent on the reply: a second call for the same message
// changes nothing.
func (tx *Tx) InsertCSATRating(ctx context.Context, r *CSATRating) error {
	r.CreatedAt = tx.Now()
	_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO csat_ratings
		(token_hash, message_id, enquiry_id, received_at, topic, channel, sent, lang, created_at)
		SELECT ?, m.id, e.id, e.received_at, e.topic, e.channel, m.send_state = 'sent', ?, ?
		FROM messages m JOIN enquiries e ON e.id = m.enquiry_id WHERE m.id = ? AND e.id = ?
		ON CONFLICT (message_id) DO NOTHING`), r.TokenHash, r.Lang, r.CreatedAt, r.MessageID, r.EnquiryID)
	if err != nil {
		return fmt.Errorf("insert rating link of reply %d: %w", r.MessageID, err)
	}
	var n int
	if err := tx.GetContext(ctx, &n, tx.Rebind(`SELECT COUNT(*) FROM csat_ratings WHERE message_id = ?`), r.MessageID); err != nil {
		return fmt.Errorf("insert rating link of reply %d: %w", r.MessageID, err)
	}
	if n == 0 {
		return notFound("Reply of enquiry "+fmt.Sprint(r.EnquiryID), r.MessageID)
	}
	return nil
}

// GetCSATRating reads the rating of a token; ENOTFOUND when there is none.
func (db *DB) GetCSATRating(ctx context.Context, tokenHash string) (*CSATRating, error) {
	var r CSATRating
	err := db.GetContext(ctx, &r, db.Rebind(`SELECT `+csatColumns+` FROM csat_ratings WHERE token_hash = ?`), tokenHash)
	if isNoRows(err) {
		return nil, notFound("Rating", "link")
	} else if err != nil {
		return nil, fmt.Errorf("get rating: %w", err)
	}
	return &r, nil
}

// CSATRatingOfReply reads the rating row of a reply; ok is false when the
// reply carries no rating links.
func (db *DB) CSATRatingOfReply(ctx context.Context, messageID int64) (r CSATRating, ok bool, err error) {
	var rows []CSATRating
	err = db.SelectContext(ctx, &rows, db.Rebind(`SELECT `+csatColumns+` FROM csat_ratings WHERE message_id = ?`), messageID)
	if err != nil {
		return r, false, fmt.Errorf("rating of reply %d: %w", messageID, err)
	}
	if len(rows) == 0 {
		return r, false, nil
	}
	return rows[0], true, nil
}

// LockCSATRating reads a rating for change inside a transaction.
func (tx *Tx) LockCSATRating(ctx context.Context, tokenHash string) (*CSATRating, error) {
	var r CSATRating
	err := tx.GetContext(ctx, &r, tx.Rebind(`SELECT `+csatColumns+` FROM csat_ratings WHERE token_hash = ?`+tx.db.forUpdate()), tokenHash)
	if isNoRows(err) {
		return nil, notFound("Rating", "link")
	} else if err != nil {
		return nil, fmt.Errorf("lock rating: %w", err)
	}
	return &r, nil
}

// SaveCSATRating writes back a rating read with LockCSATRating.
func (tx *Tx) SaveCSATRating(ctx context.Context, r *CSATRating) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE csat_ratings SET rating = ?, comment = ?, nonce_hash = ?,
		rated_at = ?, changed_at = ?, commented_at = ? WHERE token_hash = ?`),
		r.Rating, r.Comment, r.NonceHash, utcPtr(r.RatedAt), utcPtr(r.ChangedAt), utcPtr(r.CommentedAt), r.TokenHash)
	if err != nil {
		return fmt.Errorf("save rating: %w", err)
	}
	return nil
}

// CSATTally counts the rating links of replies that were sent, among the
// enquiries of one topic and channel.
type CSATTally struct {
	Topic     string `db:"topic"`
	Channel   string `db:"channel"`
	Responses int    `db:"responses"` // replies sent with rating links
	Rated     int    `db:"rated"`
	Satisfied int    `db:"satisfied"` // rated 4 or 5
}

// CSATTallies counts, by topic and channel, the rating links of sent
// replies to the enquiries received in [from, to): whole UTC days from the
// day counts, the ragged ends from the ratings themselves.
func (db *DB) CSATTallies(ctx context.Context, from, to time.Time) ([]CSATTally, error) {
	from, to = from.UTC(), to.UTC()
	first, last := from.Truncate(24*time.Hour), to.Truncate(24*time.Hour)
	if first.Before(from) {
		first = first.Add(24 * time.Hour)
	}
	sum := map[[2]string]CSATTally{}
	if !first.Before(last) {
		err := db.countCSAT(ctx, sum, from, to)
		return tallies(sum), err
	}
	if err := db.countCSAT(ctx, sum, from, first); err != nil {
		return nil, err
	}
	if err := db.addCSAT(ctx, sum, `SELECT topic, channel, SUM(responses) AS responses, SUM(rated) AS rated,
		SUM(satisfied) AS satisfied FROM csat_days WHERE day >= ? AND day < ? GROUP BY topic, channel`,
		first.Format(time.DateOnly), last.Format(time.DateOnly)); err != nil {
		return nil, err
	}
	if err := db.countCSAT(ctx, sum, last, to); err != nil {
		return nil, err
	}
	return tallies(sum), nil
}

// countCSAT adds the rating links of sent replies of [from, to), counted
// one by one.
func (db *DB) countCSAT(ctx context.Context, sum map[[2]string]CSATTally, from, to time.Time) error {
	if !from.Before(to) {
		return nil
	}
	return db.addCSAT(ctx, sum, `SELECT topic, channel, COUNT(*) AS responses, COUNT(rating) AS rated,
		COALESCE(SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END), 0) AS satisfied
		FROM csat_ratings WHERE received_at >= ? AND received_at < ? AND sent GROUP BY topic, channel`, from, to)
}

func (db *DB) addCSAT(ctx context.Context, sum map[[2]string]CSATTally, query string, args ...any) error {
	var rows []CSATTally
	if err := db.SelectContext(ctx, &rows, db.Rebind(query), args...); err != nil {
		return fmt.Errorf("rating tallies: %w", err)
	}
	for _, r := range rows {
		k := [2]string{r.Topic, r.Channel}
		t := sum[k]
		t.Topic, t.Channel = r.Topic, r.Channel
		t.Responses, t.Rated, t.Satisfied = t.Responses+r.Responses, t.Rated+r.Rated, t.Satisfied+r.Satisfied
		sum[k] = t
	}
	return nil
}

// tallies lists the non-empty tallies by topic, then channel.
func tallies(sum map[[2]string]CSATTally) []CSATTally {
	out := []CSATTally{}
	for _, t := range sum {
		if t.Responses > 0 {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Topic != out[j].Topic {
			return out[i].Topic < out[j].Topic
		}
		return out[i].Channel < out[j].Channel
	})
	return out
}

// CSATRatings returns the latest rating of each rated enquiry received in
// [from, to).
func (db *DB) CSATRatings(ctx context.Context, from, to time.Time) (map[int64]int, error) {
	var rows []struct {
		EnquiryID int64 `db:"enquiry_id"`
		Rating    int   `db:"rating"`
	}
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT enquiry_id, rating FROM csat_ratings
		WHERE received_at >= ? AND received_at < ? AND rating IS NOT NULL ORDER BY changed_at, message_id`), utc(from), utc(to))
	if err != nil {
		return nil, fmt.Errorf("ratings: %w", err)
	}
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.EnquiryID] = r.Rating // the latest change wins
	}
	return out, nil
}
