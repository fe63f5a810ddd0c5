package storage

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// GuidanceGap is a recurring question the team lead marked as one the
// sorting guidance does not answer well.
type GuidanceGap struct {
	ID         int64
	Question   string
	EnquiryIDs []int64
	MarkedBy   string
	MarkedAt   time.Time
	Note       string
}

type gapRow struct {
	ID         int64     `db:"id"`
	Question   string    `db:"question"`
	EnquiryIDs string    `db:"enquiry_ids"`
	MarkedBy   string    `db:"marked_by"`
	MarkedAt   time.Time `db:"marked_at"`
	Note       string    `db:"note"`
}

// InsertGuidanceGap records a gap, marked now.
func (db *DB) InsertGuidanceGap(ctx context.Context, g *GuidanceGap) error {
	return insertGap(ctx, db.DB, db.Now(), g)
}

// InsertGuidanceGap is DB.InsertGuidanceGap inside a transaction.
func (tx *Tx) InsertGuidanceGap(ctx context.Context, g *GuidanceGap) error {
	return insertGap(ctx, tx.Tx, tx.Now(), g)
}

func insertGap(ctx context.Context, q keyStore, now time.Time, g *GuidanceGap) error {
	g.MarkedAt = now
	err := q.GetContext(ctx, &g.ID, q.Rebind(`INSERT INTO guidance_gaps (question, enquiry_ids, marked_by, marked_at, note)
		VALUES (?, ?, ?, ?, ?) RETURNING id`), g.Question, joinIDs(g.EnquiryIDs), g.MarkedBy, g.MarkedAt, g.Note)
	if err != nil {
		return fmt.Errorf("insert guidance gap: %w", err)
	}
	return nil
}

// GuidanceGaps lists the marked gaps, newest first.
func (db *DB) GuidanceGaps(ctx context.Context) ([]GuidanceGap, error) {
	var rows []gapRow
	err := db.SelectContext(ctx, &rows, `SELECT id, question, enquiry_ids, marked_by, marked_at, note
		FROM guidance_gaps ORDER BY marked_at DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("guidance gaps: %w", err)
	}
	out := make([]GuidanceGap, len(rows))
	for i, r := range rows {
		ids, err := splitIDs(r.EnquiryIDs)
		if err != nil {
			return nil, fmt.Errorf("guidance gap %d: %w", r.ID, err)
		}
		out[i] = GuidanceGap{ID: r.ID, Question: r.Question, EnquiryIDs: ids, MarkedBy: r.MarkedBy, MarkedAt: r.MarkedAt.UTC(), Note: r.Note}
	}
	return out, nil
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

func splitIDs(s string) ([]int64, error) {
	var out []int64
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' }) {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("enquiry id %q: %w", p, err)
		}
		out = append(out, id)
	}
	return out, nil
}
