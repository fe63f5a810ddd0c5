package storage

import (
	"context"
	"fmt"
	"time"
)

// AcquireLease takes the lease name for holder until now+ttl when it is free,
// expired or already holder's (then it is extended), and reports whether
// holder has it now. The upsert is one statement, so of several replicas
// asking at once exactly one wins.
func (db *DB) AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	now := db.Now()
	var got string
	err := db.GetContext(ctx, &got, db.Rebind(`INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
		WHERE leases.holder = excluded.holder OR leases.expires_at <= ?
		RETURNING holder`), name, holder, now.Add(ttl), now)
	if isNoRows(err) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("acquire lease %s: %w", name, err)
	}
	return got == holder, nil
}

// ReleaseLease gives the lease up if holder has it, so the next replica need
// not wait for it to expire.
func (db *DB) ReleaseLease(ctx context.Context, name, holder string) error {
	_, err := db.ExecContext(ctx, db.Rebind(`DELETE FROM leases WHERE name = ? AND holder = ?`), name, holder)
	if err != nil {
		return fmt.Errorf("release lease %s: %w", name, err)
	}
	return nil
}

// LeaseHolder returns who holds the lease name and until when; "" when nobody
// does or it expired.
func (db *DB) LeaseHolder(ctx context.Context, name string) (string, time.Time, error) {
	var row struct {
		Holder    string    `db:"holder"`
		ExpiresAt time.Time `db:"expires_at"`
	}
	err := db.GetContext(ctx, &row, db.Rebind(`SELECT holder, expires_at FROM leases WHERE name = ? AND expires_at > ?`), name, db.Now())
	if isNoRows(err) {
		return "", time.Time{}, nil
	} else if err != nil {
		return "", time.Time{}, fmt.Errorf("lease %s: %w", name, err)
	}
	return row.Holder, row.ExpiresAt.UTC(), nil
}
