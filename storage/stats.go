package storage

import (
	"context"
	"fmt"
	"strings"
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

// inPeriod limits a count to the enquiries received in [?, ?) that count on
// their own: a merged enquiry counts as the one it was merged into. Every
// index a count reads ends in merged_into (migration 019), so the count
// still reads the index alone.
const inPeriod = ` merged_into IS NULL AND received_at >= ? AND received_at < ?`

// StatsSummary counts the enquiries received in [from, to) as they stand at
// now. Each count reads one range of an index (migration 011), partial
// where it counts a condition, rather than every enquiry of the period.
// The facts must be fresh (RefreshStatsFacts).
func (db *DB) StatsSummary(ctx context.Context, from, to, now time.Time) (*StatsSummary, error) {
	s := &StatsSummary{}
	counts := []struct {
		dst   *int
		where string
	}{
		{&s.Total, ``},
		{&s.Phone, `channel = 'phone' AND`},
		{&s.Repeats, `(repeat_email = 1 OR repeat_phone = 1) AND`},
		{&s.Breaches, `channel <> 'phone' AND response_at > deadline_at AND`},
		{&s.MailWithoutDeadline, `channel <> 'phone' AND deadline_at IS NULL AND`},
		{&s.Responses, `response_ns IS NOT NULL AND`},
	}
	period := []any{utc(from), utc(to)}
	for _, c := range counts {
		if err := db.GetContext(ctx, c.dst, db.Rebind(`SELECT COUNT(*) FROM enquiries WHERE `+c.where+inPeriod), period...); err != nil {
			return nil, fmt.Errorf("stats summary: %w", err)
		}
	}
	if err := db.summaryRest(ctx, s, utc(now), period); err != nil {
		return nil, fmt.Errorf("stats summary: %w", err)
	}
	return s, nil
}

// summaryRest adds the breaches of unanswered mail, the handling times and
// the counts per status and topic.
func (db *DB) summaryRest(ctx context.Context, s *StatsSummary, now time.Time, period []any) error {
	var unanswered int
	err := db.GetContext(ctx, &unanswered, db.Rebind(`SELECT COALESCE(SUM(CASE WHEN closed_at > deadline_at
		OR (closed_at IS NULL AND deadline_at < ?) THEN 1 ELSE 0 END), 0) FROM enquiries
		WHERE channel <> 'phone' AND deadline_at IS NOT NULL AND response_at IS NULL AND`+inPeriod), append([]any{now}, period...)...)
	if err != nil {
		return err
	}
	s.Breaches += unanswered
	err = db.QueryRowContext(ctx, db.Rebind(`SELECT COUNT(*), COALESCE(SUM(handling_ns), 0) FROM enquiries
		WHERE handling_ns IS NOT NULL AND`+inPeriod), period...).Scan(&s.Handled, &s.HandlingNs)
	if err != nil {
		return err
	}
	if err := db.summaryStatuses(ctx, s, period); err != nil {
		return err
	}
	return db.summaryTopics(ctx, s, period)
}

// summaryStatuses counts the open enquiries per status.
func (db *DB) summaryStatuses(ctx context.Context, s *StatsSummary, period []any) error {
	for _, st := range []struct {
		status affaldsbot.Status
		dst    *int
	}{{affaldsbot.StatusNew, &s.New}, {affaldsbot.StatusClaimed, &s.Claimed}, {affaldsbot.StatusAnswered, &s.Answered}} {
		err := db.GetContext(ctx, st.dst, db.Rebind(`SELECT COUNT(*) FROM enquiries
			WHERE status = ? AND status <> 'closed' AND`+inPeriod), append([]any{st.status}, period...)...)
		if err != nil {
			return err
		}
	}
	return nil
}

// summaryTopics counts the enquiries per topic: the known topics one index
// range each, all topics again only when some enquiry has another.
func (db *DB) summaryTopics(ctx context.Context, s *StatsSummary, period []any) error {
	args := make([]any, 0, len(affaldsbot.Topics)+2)
	for _, t := range affaldsbot.Topics {
		args = append(args, t)
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(affaldsbot.Topics)), ", ")
	byTopic, err := db.topicCounts(ctx, `topic IN (`+in+`) AND`, append(args, period...))
	if err != nil {
		return err
	}
	n := 0
	for _, c := range byTopic {
		n += c
	}
	if n < s.Total {
		byTopic, err = db.topicCounts(ctx, ``, period)
	}
	s.ByTopic = byTopic
	return err
}

func (db *DB) topicCounts(ctx context.Context, where string, args []any) (map[affaldsbot.Topic]int, error) {
	var rows []struct {
		Topic affaldsbot.Topic `db:"topic"`
		N     int              `db:"n"`
	}
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT topic, COUNT(*) AS n FROM enquiries
		WHERE `+where+inPeriod+` GROUP BY topic`), args...)
	out := make(map[affaldsbot.Topic]int, len(rows))
	for _, r := range rows {
		out[r.Topic] += r.N
	}
	return out, err
}
