package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
)

// Directory answers who is an adviser or a lead: SLACK_ADVISERS and
// SLACK_LEADS list user IDs and user-group IDs (S…); a group's members are
// asked of Slack (usergroups.users.list) and kept for TTL.
type Directory struct {
	bot      *Bot
	advisers []string
	leads    []string
	ttl      time.Duration
	now      func() time.Time

	mu     sync.Mutex
	groups map[string]groupMembers
}

type groupMembers struct {
	users   []string
	fetched time.Time
}

var _ handlers.Directory = (*Directory)(nil)

// DirectoryTTL is how long a user group's members are trusted.
const DirectoryTTL = 5 * time.Minute

// NewDirectory returns the directory of the configured advisers and leads.
func NewDirectory(b *Bot, advisers, leads []string) *Directory {
	return &Directory{bot: b, advisers: advisers, leads: leads, ttl: DirectoryTTL, now: time.Now, groups: map[string]groupMembers{}}
}

// IsAdviser reports whether user is in SLACK_ADVISERS.
func (d *Directory) IsAdviser(ctx context.Context, user string) (bool, error) {
	return d.member(ctx, d.advisers, user)
}

// IsLead reports whether user is in SLACK_LEADS.
func (d *Directory) IsLead(ctx context.Context, user string) (bool, error) {
	return d.member(ctx, d.leads, user)
}

func (d *Directory) member(ctx context.Context, ids []string, user string) (bool, error) {
	if user == "" {
		return false, nil
	}
	if slices.Contains(ids, user) {
		return true, nil
	}
	for _, id := range ids {
		if !strings.HasPrefix(id, "S") {
			continue
		}
		users, err := d.groupUsers(ctx, id)
		if err != nil {
			return false, err
		}
		if slices.Contains(users, user) {
			return true, nil
		}
	}
	return false, nil
}

func (d *Directory) groupUsers(ctx context.Context, group string) ([]string, error) {
	d.mu.Lock()
	g, ok := d.groups[group]
	d.mu.Unlock()
	if ok && d.now().Sub(g.fetched) < d.ttl {
		return g.users, nil
	}
	users, err := d.bot.api.GetUserGroupMembersContext(ctx, group)
	if err != nil {
		if ok {
			return g.users, nil // Slack is unreachable: the last known members still hold
		}
		return nil, fmt.Errorf("members of user group %s: %w", group, err)
	}
	d.mu.Lock()
	d.groups[group] = groupMembers{users: users, fetched: d.now()}
	d.mu.Unlock()
	return users, nil
}
