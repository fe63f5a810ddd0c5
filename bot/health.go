package bot

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// authCheck remembers the last successful auth.test, for /readyz in HTTP mode.
type authCheck struct {
	mu sync.Mutex
	ok time.Time
}

// CheckAuth succeeds when auth.test succeeded within the last five minutes,
// calling it again when that is older.
func (b *Bot) CheckAuth(ctx context.Context) error {
	c := &b.auth
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.ok) < 5*time.Minute {
		return nil
	}
	if _, err := b.api.AuthTestContext(ctx); err != nil {
		return fmt.Errorf("slack auth.test: %w", err)
	}
	c.ok = time.Now()
	return nil
}
