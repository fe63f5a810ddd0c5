package stats

import (
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// derive turns stored rows into report rows: first response in working
// minutes, deadline breach and call handling time.
func derive(in []storage.StatsRow, cal *workcal.Calendar, now time.Time, deadlineDays int) []Row {
	out := make([]Row, len(in))
	for i := range in {
		s := &in[i]
		r := Row{ID: s.ID, Channel: s.Channel, ReceivedAt: s.ReceivedAt, Topic: s.Topic, Status: s.Status,
			CitizenEmail: s.CitizenEmail, CitizenPhone: s.CitizenPhone, Holder: s.Holder}
		first := firstResponse(s)
		if first != nil {
			m := cal.WorkingDuration(s.ReceivedAt, *first).Minutes()
			r.FirstResponse = &m
		}
		if s.Channel == affaldsbot.ChannelMail {
			r.DeadlineAt = deadline(s, cal, deadlineDays)
			r.Breached = breached(*r.DeadlineAt, first, s.ClosedAt, now)
		}
		r.Handling = handling(s)
		out[i] = r
	}
	return out
}

// firstResponse is the first reply sent or answered event (mail), or the
// first logged call-back attempt (phone).
func firstResponse(s *storage.StatsRow) *time.Time {
	if s.Channel == affaldsbot.ChannelPhone {
		return s.FirstAttempt
	}
	switch {
	case s.FirstSent == nil:
		return s.FirstAnswered
	case s.FirstAnswered == nil || s.FirstSent.Before(*s.FirstAnswered):
		return s.FirstSent
	}
	return s.FirstAnswered
}

func deadline(s *storage.StatsRow, cal *workcal.Calendar, days int) *time.Time {
	if s.DeadlineAt != nil {
		return s.DeadlineAt
	}
	d := cal.AddWorkingDays(s.ReceivedAt, days)
	return &d
}

// breached: answered after the deadline, or not answered and past it (a
// mail closed unanswered counts from its closing).
func breached(deadline time.Time, answered, closed *time.Time, now time.Time) bool {
	switch {
	case answered != nil:
		return answered.After(deadline)
	case closed != nil:
		return closed.After(deadline)
	}
	return now.After(deadline)
}

// handling is an answered call's handling time: the minutes the adviser
// logged, else ended − answered.
func handling(s *storage.StatsRow) *float64 {
	if s.Channel != affaldsbot.ChannelPhone || s.CallAnsweredAt == nil {
		return nil
	}
	var m float64
	switch {
	case s.HandledSeconds != nil:
		m = float64(*s.HandledSeconds) / 60
	case s.CallEndedAt != nil && !s.CallEndedAt.Before(*s.CallAnsweredAt):
		m = s.CallEndedAt.Sub(*s.CallAnsweredAt).Minutes()
	default:
		return nil
	}
	return &m
}
