package stats_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
)

var benchStart = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)

// benchLoader builds multi-row INSERTs for enquiries [from, to).
type benchLoader struct {
	tx                       *storage.Tx
	rng                      *rand.Rand
	enq, ev, msg, call, csat rows
}

// rows is the VALUES of one multi-row INSERT.
type rows struct {
	groups []string
	args   []any
}

func (r *rows) add(args ...any) {
	r.groups = append(r.groups, "("+strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")+")")
	r.args = append(r.args, args...)
}

func (r *rows) exec(ctx context.Context, tx *storage.Tx, head string) error {
	if len(r.groups) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, tx.Rebind(head+" VALUES "+strings.Join(r.groups, ", ")), r.args...)
	r.groups, r.args = r.groups[:0], r.args[:0]
	return err
}

var topicsBench = []string{"sortering", "afhentning", "stort_indbo", "farligt_affald", "genbrugsstation", "beholdere", "erhverv", "klage", "andet"}

func (l *benchLoader) batch(ctx context.Context, from, to int64) error {
	span := float64(benchYears*365*24) * float64(time.Hour)
	for id := from; id < to; id++ {
		at := benchStart.Add(time.Duration(span * float64(id-1) / benchEnquiries)).Truncate(time.Second)
		l.enquiry(id, at)
	}
	steps := []struct {
		r    *rows
		head string
	}{
		{&l.enq, `INSERT INTO enquiries (id, channel, status, topic, citizen_email, citizen_phone, holder, received_at, deadline_at, created_at, updated_at)`},
		{&l.ev, `INSERT INTO events (enquiry_id, type, actor, at)`},
		{&l.msg, `INSERT INTO messages (id, enquiry_id, kind, send_state, sent_at, received_at, created_at)`},
		{&l.call, `INSERT INTO calls (enquiry_id, call_id, transferred_at, answered_at, ended_at)`},
		{&l.csat, `INSERT INTO csat_ratings (token_hash, message_id, enquiry_id, received_at, topic, channel, sent, rating, created_at, changed_at)`},
	}
	for _, s := range steps {
		if err := s.r.exec(ctx, l.tx, s.head); err != nil {
			return err
		}
	}
	return nil
}

func (l *benchLoader) enquiry(id int64, at time.Time) {
	phone := l.rng.IntN(3) == 0
	adviser := fmt.Sprintf("U%d", 1+l.rng.IntN(3))
	status := []string{"closed", "closed", "closed", "answered", "new"}[l.rng.IntN(5)]
	email, number, channel := fmt.Sprintf("b%d@example.dk", l.rng.IntN(200_000)), "", "mail"
	var deadline any = at.Add(14 * 24 * time.Hour)
	if phone {
		email, number, channel, deadline = "", fmt.Sprintf("+45%08d", l.rng.IntN(100_000)), "phone", nil
	}
	topic := topicsBench[l.rng.IntN(len(topicsBench))]
	l.enq.add(id, channel, status, topic, email, number, adviser, at, deadline, at, at)
	l.ev.add(id, "created", "system", at)
	l.ev.add(id, "claimed", adviser, at.Add(10*time.Minute))
	reply := at.Add(time.Duration(30+l.rng.IntN(3000)) * time.Minute)
	if status == "new" {
		return
	}
	if phone {
		l.ev.add(id, "call_attempt", adviser, reply)
		ended := reply.Add(time.Duration(17+l.rng.IntN(5)) * time.Minute)
		l.call.add(id, fmt.Sprintf("c%d", id), at, reply, ended)
		return
	}
	l.ev.add(id, "answered", adviser, reply)
	l.msg.add(id, id, "outbound", "sent", reply, reply, reply) // one reply each: its id is the enquiry's
	l.rating(id, at, topic, reply)
}

// rating gives every reply rating links; about a third of the citizens
// click one, most of them satisfied.
func (l *benchLoader) rating(id int64, received time.Time, topic string, sent time.Time) {
	head := []any{fmt.Sprintf("h%d", id), id, id, received, topic, "mail", true}
	if l.rng.IntN(3) != 0 {
		l.csat.add(append(head, nil, sent, nil)...)
		return
	}
	at := sent.Add(time.Duration(1+l.rng.IntN(72)) * time.Hour)
	l.csat.add(append(head, []int{5, 5, 4, 4, 4, 3, 2, 1}[l.rng.IntN(8)], sent, at)...)
}
