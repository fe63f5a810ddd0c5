package storage

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Audit appends an entry to the audit log inside the transaction, so an
// erasure and its record commit together.
//
// Events and the audit log split the record: events are an enquiry's
// lifecycle (claimed, replied, noted, closed, filed — who did what in Slack,
// and what statistics count); the audit log is access to personal data
// outside the Slack thread and its erasure (gdpr.export, gdpr.erase,
// retention.erase, enquiry.file, stats_export). Neither repeats the other,
// and audit entries name enquiries by number and counts, never by address.
func (tx *Tx) Audit(ctx context.Context, actor, action, target, detail string) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)`),
		tx.Now(), actor, action, target, detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// AuditTarget names enquiries and messages by number only: "enquiries:12,15".
func AuditTarget(kind string, ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return kind + ":" + strings.Join(s, ",")
}

// UnlinkedMailBefore returns up to limit messages that belong to no enquiry,
// were received before t and still hold text or raw bytes.
func (db *DB) UnlinkedMailBefore(ctx context.Context, t time.Time, limit int) ([]int64, error) {
	var ids []int64
	err := db.SelectContext(ctx, &ids, db.Rebind(`SELECT id FROM messages WHERE enquiry_id IS NULL AND received_at < ?
		AND (raw IS NOT NULL OR body <> '' OR from_addr <> '') ORDER BY id LIMIT ?`), utc(t), limit)
	if err != nil {
		return nil, fmt.Errorf("unlinked mail before %s: %w", t.Format(time.DateOnly), err)
	}
	return ids, nil
}
