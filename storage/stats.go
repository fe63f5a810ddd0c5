package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// StatsSummary counts a period's enquiries from their stored facts.
type StatsSummary struct {
	Total, Phone           int
	New, Claimed, Answered int
	Repeats                int
	Breaches               int // mail with a deadline stored, answered after it or unanswered past it
	MailWithoutDeadline    int // mail whose deadline must be computed
	Responses              int // enquiries with a first response
	Handled                int // answered calls with a handling time
	HandlingNs             int64
	ByTopic                map[affaldsbot.Topic]int
}

const statsSummaryQuery = `SELECT topic, COUNT(*),
	COALESCE(SUM(CASE WHEN channel = 'phone' THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN status = 'new' THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN status = 'claimed' THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN status = 'answered' THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN repeat_email = 1 OR repeat_phone = 1 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN channel = 'mail' AND deadline_at IS NOT NULL AND (
		(response_at IS NOT NULL AND response_at > deadline_at)
		OR (response_at IS NULL AND closed_at IS NOT NULL AND closed_at > deadline_at)
		OR (response_at IS NULL AND closed_at IS NULL AND deadline_at < ?)) THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN channel = 'mail' AND deadline_at IS NULL THEN 1 ELSE 0 END), 0),
	COUNT(response_ns), COUNT(handling_ns), COALESCE(SUM(handling_ns), 0)
	FROM enquiries WHERE received_at >= ? AND received_at < ? GROUP BY topic`

// StatsSummary counts the enquiries received in [from, to) as they stand at
// now, in one pass over the period. The facts must be fresh
// (RefreshStatsFacts).
func (db *DB) StatsSummary(ctx context.Context, from, to, now time.Time) (*StatsSummary, error) {
	rs, err := db.QueryContext(ctx, db.Rebind(statsSummaryQuery), utc(now), utc(from), utc(to))
	if err != nil {
		return nil, fmt.Errorf("stats summary: %w", err)
	}
	defer rs.Close()
	s := &StatsSummary{ByTopic: map[affaldsbot.Topic]int{}}
	for rs.Next() {
		var t StatsSummary
		var topic affaldsbot.Topic
		if err := rs.Scan(&topic, &t.Total, &t.Phone, &t.New, &t.Claimed, &t.Answered, &t.Repeats, &t.Breaches,
			&t.MailWithoutDeadline, &t.Responses, &t.Handled, &t.HandlingNs); err != nil {
			return nil, fmt.Errorf("stats summary: %w", err)
		}
		s.ByTopic[topic] += t.Total
		s.add(&t)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("stats summary: %w", err)
	}
	return s, nil
}

func (s *StatsSummary) add(t *StatsSummary) {
	s.Total += t.Total
	s.Phone += t.Phone
	s.New += t.New
	s.Claimed += t.Claimed
	s.Answered += t.Answered
	s.Repeats += t.Repeats
	s.Breaches += t.Breaches
	s.MailWithoutDeadline += t.MailWithoutDeadline
	s.Responses += t.Responses
	s.Handled += t.Handled
	s.HandlingNs += t.HandlingNs
}
