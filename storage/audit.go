package storage

import (
	"context"
	"fmt"
	"time"
)

// AuditEntry records who read or changed what.
type AuditEntry struct {
	ID     int64     `db:"id"`
	At     time.Time `db:"at"`
	Actor  string    `db:"actor"`
	Action string    `db:"action"`
	Target string    `db:"target"`
	Detail string    `db:"detail"`
}

// Audit appends an entry to the audit log.
func (db *DB) Audit(ctx context.Context, actor, action, target, detail string) error {
	_, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)`),
		db.Now(), actor, action, target, detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// AuditLog returns the newest entries first.
func (db *DB) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	var out []AuditEntry
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return out, nil
}
