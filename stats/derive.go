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
			CitizenEmail: s.CitizenEmail, CitizenPhone: s.CitizenPhone, Holder: s.Holder, Repeat: s.Repeat}
		if s.ResponseNs != nil {
			m := time.Duration(*s.ResponseNs).Minutes()
			r.FirstResponse = &m
		}
		if s.Channel == affaldsbot.ChannelMail {
			r.DeadlineAt = deadline(s, cal, deadlineDays)
			r.Breached = breached(*r.DeadlineAt, s.ResponseAt, s.ClosedAt, now)
		}
		if s.Handling != nil {
			m := storage.HandlingMinutes(s.Handling.Ns, s.Handling.Logged)
			r.Handling = &m
		}
		out[i] = r
	}
	return out
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
