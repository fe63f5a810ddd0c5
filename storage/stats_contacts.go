package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

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
		err := db.SelectContext(ctx, &first, db.Rebind(`SELECT received_at FROM enquiries WHERE channel = ? AND merged_into IS NULL
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
// actor; the bot's own events are left out, and so are those of enquiries
// merged into another one (a merged enquiry counts once, as the one it was
// merged into). Whole UTC days are summed from their day counts
// (stats_event_days), the hours before the first and after the last whole
// day from the events themselves; the merged enquiries' events, few, are
// then taken off.
func (db *DB) AdviserTallies(ctx context.Context, from, to time.Time) (map[string]AdviserTally, error) {
	from, to = from.UTC(), to.UTC()
	first, last := from.Truncate(24*time.Hour), to.Truncate(24*time.Hour)
	if first.Before(from) {
		first = first.Add(24 * time.Hour)
	}
	out := map[string]AdviserTally{}
	if !first.Before(last) {
		if err := db.countTallies(ctx, out, from, to); err != nil {
			return nil, err
		}
		return out, db.takeMergedTallies(ctx, out, from, to)
	}
	if err := db.countTallies(ctx, out, from, first); err != nil {
		return nil, err
	}
	if err := db.sumTallies(ctx, out, first, last); err != nil {
		return nil, err
	}
	if err := db.countTallies(ctx, out, last, to); err != nil {
		return nil, err
	}
	return out, db.takeMergedTallies(ctx, out, from, to)
}

// takeMergedTallies takes off the claimed and answered events of [from, to)
// of the enquiries merged into another one.
func (db *DB) takeMergedTallies(ctx context.Context, out map[string]AdviserTally, from, to time.Time) error {
	var rows []tallyRow
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT ev.actor, ev.type, COUNT(*) AS n FROM enquiries e
		JOIN events ev ON ev.enquiry_id = e.id
		WHERE e.merged_into IS NOT NULL AND ev.type IN ('claimed', 'answered') AND ev.at >= ? AND ev.at < ? AND ev.actor <> ?
		GROUP BY ev.actor, ev.type`), from, to, affaldsbot.ActorSystem)
	if err != nil {
		return fmt.Errorf("merged enquiries' adviser tallies: %w", err)
	}
	for _, r := range rows {
		t := out[r.Actor]
		if r.Type == string(affaldsbot.EventClaimed) {
			t.Claimed = max(0, t.Claimed-r.N)
		} else {
			t.Answered = max(0, t.Answered-r.N)
		}
		out[r.Actor] = t
		if t == (AdviserTally{}) {
			delete(out, r.Actor)
		}
	}
	return nil
}

// tallyRow is one actor's count of one event type.
type tallyRow struct {
	Actor string `db:"actor"`
	Type  string `db:"type"`
	N     int    `db:"n"`
}

// countTallies adds the claimed and answered events of [from, to).
func (db *DB) countTallies(ctx context.Context, out map[string]AdviserTally, from, to time.Time) error {
	if !from.Before(to) {
		return nil
	}
	var rows []tallyRow
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT actor, type, COUNT(*) AS n FROM events
		WHERE type IN ('claimed', 'answered') AND at >= ? AND at < ? AND actor <> ? GROUP BY actor, type`),
		from, to, affaldsbot.ActorSystem)
	if err != nil {
		return fmt.Errorf("adviser tallies: %w", err)
	}
	addTallies(out, rows)
	return nil
}

// sumTallies adds the day counts of the UTC days [first, last).
func (db *DB) sumTallies(ctx context.Context, out map[string]AdviserTally, first, last time.Time) error {
	var rows []tallyRow
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT actor, type, SUM(n) AS n FROM stats_event_days
		WHERE day >= ? AND day < ? AND actor <> ? GROUP BY actor, type`),
		first.Format(time.DateOnly), last.Format(time.DateOnly), affaldsbot.ActorSystem)
	if err != nil {
		return fmt.Errorf("adviser day tallies: %w", err)
	}
	addTallies(out, rows)
	return nil
}

func addTallies(out map[string]AdviserTally, rows []tallyRow) {
	for _, r := range rows {
		if r.N <= 0 {
			continue
		}
		t := out[r.Actor]
		if r.Type == string(affaldsbot.EventClaimed) {
			t.Claimed += r.N
		} else {
			t.Answered += r.N
		}
		out[r.Actor] = t
	}
}
