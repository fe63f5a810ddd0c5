package bot

import (
	"context"
	"strings"
	"sync"
	"time"
)

// UserNameTTL is how long a user's name from users.info is kept.
const UserNameTTL = time.Hour

// userNames caches the names users.info gives, for texts that name
// advisers rather than mention them.
type userNames struct {
	mu    sync.Mutex
	names map[string]cachedName
}

type cachedName struct {
	name    string
	fetched time.Time
}

// UserName is the name Slack shows for a user: the display name, else the
// real name, else the user name; "" when Slack does not know the user or
// cannot be asked (the caller then shows the ID). Answers are cached for
// UserNameTTL, failures for a minute.
func (b *Bot) UserName(ctx context.Context, user string) string {
	now := time.Now()
	b.names.mu.Lock()
	c, ok := b.names.names[user]
	b.names.mu.Unlock()
	if ok && (now.Sub(c.fetched) < UserNameTTL && c.name != "" || now.Sub(c.fetched) < time.Minute) {
		return c.name
	}
	name := ""
	if u, err := b.api.GetUserInfoContext(ctx, user); err == nil {
		for _, n := range []string{u.Profile.DisplayName, u.Profile.RealName, u.RealName, u.Name} {
			if n = strings.TrimSpace(n); n != "" {
				name = n
				break
			}
		}
	} else {
		b.log.WarnContext(ctx, "users.info", "user", user, "error", err.Error())
	}
	b.names.mu.Lock()
	if b.names.names == nil {
		b.names.names = map[string]cachedName{}
	}
	b.names.names[user] = cachedName{name: name, fetched: now}
	b.names.mu.Unlock()
	return name
}

// userNamesOf looks up the names of users, at most limit of them.
func (b *Bot) userNamesOf(ctx context.Context, users []string, limit int) map[string]string {
	out := map[string]string{}
	for i, u := range users {
		if i == limit {
			break
		}
		if n := b.UserName(ctx, u); n != "" {
			out[u] = n
		}
	}
	return out
}
