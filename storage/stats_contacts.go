package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// Contact is who made an enquiry and when, for repeat-contact checks.
type Contact struct {
	ID           int64
	Email, Phone string
	ReceivedAt   time.Time
}

// AdviserTally counts one adviser's claims and answers.
type AdviserTally struct {
	Claimed  int `json:"claimed"`
	Answered int `json:"answered"`
}

// ChannelStarts returns the receipt time of each channel's first enquiry
// ever; a channel without enquiries is missing from the map.
func (db *DB) ChannelStarts(ctx context.Context) (map[affaldsbot.Channel]time.Time, error) {
	out := map[affaldsbot.Channel]time.Time{}
	for _, ch := range []affaldsbot.Channel{affaldsbot.ChannelMail, affaldsbot.ChannelPhone} {
		var first []time.Time
		err := db.SelectContext(ctx, &first, db.Rebind(`SELECT received_at FROM enquiries WHERE channel = ?
			ORDER BY received_at LIMIT 1`), ch)
		if err != nil {
			return nil, fmt.Errorf("first %s enquiry: %w", ch, err)
		}
		if len(first) > 0 {
			out[ch] = first[0].UTC()
		}
	}
	return out, nil
}

// AdviserTallies counts the claimed and answered events of [from, to) per
// actor; the bot's own events are left out.
func (db *DB) AdviserTallies(ctx context.Context, from, to time.Time) (map[string]AdviserTally, error) {
	var rows []struct {
		Actor string `db:"actor"`
		Type  string `db:"type"`
		N     int    `db:"n"`
	}
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT actor, type, COUNT(*) AS n FROM events
		WHERE type IN ('claimed', 'answered') AND at >= ? AND at < ? AND actor <> ? GROUP BY actor, type`),
		utc(from), utc(to), affaldsbot.ActorSystem)
	if err != nil {
		return nil, fmt.Errorf("adviser tallies: %w", err)
	}
	out := map[string]AdviserTally{}
	for _, r := range rows {
		t := out[r.Actor]
		if r.Type == string(affaldsbot.EventClaimed) {
			t.Claimed += r.N
		} else {
			t.Answered += r.N
		}
		out[r.Actor] = t
	}
	return out, nil
}
