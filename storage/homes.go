package storage

import (
	"context"
	"fmt"
)

// SetHomeItems records the enquiries a user's App Home shows now, in place
// of those it showed before.
func (db *DB) SetHomeItems(ctx context.Context, user string, enquiryIDs []int64) error {
	return db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM app_home_items WHERE user_id = ?`), user); err != nil {
			return fmt.Errorf("home items of %s: %w", user, err)
		}
		for _, id := range enquiryIDs {
			_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO app_home_items (user_id, enquiry_id) VALUES (?, ?)
				ON CONFLICT (user_id, enquiry_id) DO NOTHING`), user, id)
			if err != nil {
				return fmt.Errorf("home items of %s: %w", user, err)
			}
		}
		return nil
	})
}

// HomesShowing returns the users whose App Home shows the enquiry.
func (db *DB) HomesShowing(ctx context.Context, enquiryID int64) ([]string, error) {
	var users []string
	err := db.SelectContext(ctx, &users, db.Rebind(`SELECT user_id FROM app_home_items WHERE enquiry_id = ? ORDER BY user_id`), enquiryID)
	if err != nil {
		return nil, fmt.Errorf("homes showing enquiry %d: %w", enquiryID, err)
	}
	return users, nil
}

// HomeUsers returns every user whose App Home the bot has published.
func (db *DB) HomeUsers(ctx context.Context) ([]string, error) {
	var users []string
	if err := db.SelectContext(ctx, &users, `SELECT DISTINCT user_id FROM app_home_items ORDER BY user_id`); err != nil {
		return nil, fmt.Errorf("home users: %w", err)
	}
	return users, nil
}
