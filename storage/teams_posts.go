package storage

import (
	"context"
	"fmt"
)

// TeamsPosts is the record of the bot's posts in Microsoft Teams
// (migration 021), what the Teams surface finds again and erases by.
type TeamsPosts struct{ db *DB }

// TeamsPosts returns the record of the bot's posts in Teams.
func (db *DB) TeamsPosts() *TeamsPosts { return &TeamsPosts{db: db} }

// Record notes that activity id in the thread under root shows key ("" for
// a post no one looks for); the same post recorded again changes nothing.
func (p *TeamsPosts) Record(ctx context.Context, root, key, id string) error {
	_, err := p.db.ExecContext(ctx, p.db.Rebind(`INSERT INTO teams_posts (root_id, activity_id, post_key, created_at)
		VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`), root, id, key, p.db.Now())
	if err != nil {
		return fmt.Errorf("record teams post %s: %w", id, err)
	}
	return nil
}

// Find returns the activity recorded under key in the thread under root.
func (p *TeamsPosts) Find(ctx context.Context, root, key string) (string, bool, error) {
	var ids []string
	err := p.db.SelectContext(ctx, &ids, p.db.Rebind(`SELECT activity_id FROM teams_posts WHERE root_id = ? AND post_key = ?`), root, key)
	if err != nil || len(ids) == 0 {
		return "", false, wrapErr(err, "find teams post %s", key)
	}
	return ids[0], true, nil
}

// Root returns the thread an activity was recorded in.
func (p *TeamsPosts) Root(ctx context.Context, id string) (string, bool, error) {
	var roots []string
	err := p.db.SelectContext(ctx, &roots, p.db.Rebind(`SELECT root_id FROM teams_posts WHERE activity_id = ? ORDER BY created_at LIMIT 1`), id)
	if err != nil || len(roots) == 0 {
		return "", false, wrapErr(err, "find thread of teams post %s", id)
	}
	return roots[0], true, nil
}

// Thread lists the activities recorded in the thread under root, oldest
// first.
func (p *TeamsPosts) Thread(ctx context.Context, root string) ([]string, error) {
	var ids []string
	err := p.db.SelectContext(ctx, &ids, p.db.Rebind(`SELECT activity_id FROM teams_posts WHERE root_id = ? ORDER BY created_at, activity_id`), root)
	return ids, wrapErr(err, "list teams posts")
}

// Forget deletes the records of ids in the thread under root.
func (p *TeamsPosts) Forget(ctx context.Context, root string, ids []string) error {
	for _, id := range ids {
		if _, err := p.db.ExecContext(ctx, p.db.Rebind(`DELETE FROM teams_posts WHERE root_id = ? AND activity_id = ?`), root, id); err != nil {
			return fmt.Errorf("forget teams post %s: %w", id, err)
		}
	}
	return nil
}
