package storage

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/affaldsbot/affaldsbot"
)

// NewCall is a call not stored yet: its phone enquiry, its calls row and the
// call_log message with the contact centre's note. CreateCalls sets the IDs.
type NewCall struct {
	Enquiry *affaldsbot.Enquiry
	Call    *Call
	Message *affaldsbot.Message // its EnquiryID points at Enquiry.ID
	Events  []affaldsbot.Event  // recorded after the created event, in order (history: claimed, closed)
}

// LockCalls reads the calls with these call_ids and holds them for the
// transaction, keyed by call_id; call_ids not stored are absent.
func (tx *Tx) LockCalls(ctx context.Context, callIDs []string) (map[string]*Call, error) {
	if len(callIDs) == 0 {
		return map[string]*Call{}, nil
	}
	args := make([]any, len(callIDs))
	for i, id := range callIDs {
		args[i] = id
	}
	var rows []*Call
	q := `SELECT ` + callColumns + ` FROM calls WHERE call_id IN (` + placeholders(len(args)) + `)` + tx.db.forUpdate()
	if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), args...); err != nil {
		return nil, fmt.Errorf("lock %d calls: %w", len(callIDs), err)
	}
	found := make(map[string]*Call, len(rows))
	for _, c := range rows {
		found[c.CallID] = c
	}
	return found, nil
}

// CreateCalls stores new calls, each with its enquiry, created event, calls
// row and message, in a few statements whatever their number. It returns how
// many calls rows were stored: fewer than len(calls) when another
// transaction stored one of the call_ids first (the caller then rolls back).
func (tx *Tx) CreateCalls(ctx context.Context, calls []NewCall) (int, error) {
	if len(calls) == 0 {
		return 0, nil
	}
	ids, err := tx.enquiryIDs(ctx, len(calls))
	if err != nil {
		return 0, err
	}
	now := tx.Now()
	for i, nc := range calls {
		nc.Enquiry.ID, nc.Enquiry.CreatedAt, nc.Enquiry.UpdatedAt = ids[i], now, now
		nc.Call.EnquiryID = ids[i]
		nc.Message.CreatedAt = now
		for k := range nc.Events {
			nc.Events[k].EnquiryID = ids[i]
		}
	}
	if tx.db.Dialect == Postgres {
		return tx.insertCallsAtOnce(ctx, calls)
	}
	ins := callInserts(calls)
	for _, part := range ins[:3] {
		if _, err := tx.ExecContext(ctx, tx.Rebind(part.sql), part.args...); err != nil {
			return 0, fmt.Errorf("insert %d new calls: %w", len(calls), err)
		}
	}
	return tx.insertCallRows(ctx, ins[3])
}

// enquiryIDs reserves n new enquiry IDs: from the sequence on PostgreSQL; on
// SQLite, whose single writer this transaction holds, after the highest ID
// ever given.
func (tx *Tx) enquiryIDs(ctx context.Context, n int) ([]int64, error) {
	var ids []int64
	var err error
	if tx.db.Dialect == Postgres {
		err = tx.SelectContext(ctx, &ids, `SELECT nextval(pg_get_serial_sequence('enquiries', 'id')) FROM generate_series(1, $1)`, n)
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	} else {
		var last int64
		err = tx.GetContext(ctx, &last, `SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'enquiries'), 0),
			COALESCE((SELECT MAX(id) FROM enquiries), 0))`)
		for i := range n {
			ids = append(ids, last+1+int64(i))
		}
	}
	if err != nil || len(ids) != n {
		return nil, fmt.Errorf("reserve %d enquiry ids: got %d: %w", n, len(ids), err)
	}
	return ids, nil
}

// callInsert is one multi-row INSERT and its arguments.
type callInsert struct {
	sql  string
	args []any
}

// callInserts are the INSERTs of new calls' enquiries, created events,
// messages and (last) calls rows, which report the call_ids they stored.
func callInserts(calls []NewCall) []callInsert {
	var e, ev, m, c []any
	events := 0
	for _, nc := range calls {
		q, msg, call := nc.Enquiry, nc.Message, nc.Call
		e = append(e, q.ID, q.Channel, q.Status, q.Topic, q.Subject, q.CitizenName, q.CitizenEmail, q.CitizenPhone,
			q.Mailbox, q.Holder, utc(q.ReceivedAt), utcPtr(q.DeadlineAt), utcPtr(q.FirstResponseAt), utcPtr(q.ClosedAt),
			q.CreatedAt, q.UpdatedAt)
		ev = append(ev, q.ID, affaldsbot.EventCreated, affaldsbot.ActorSystem, utc(q.ReceivedAt),
			`{"channel":"`+string(q.Channel)+`"}`)
		for _, x := range nc.Events {
			ev = append(ev, x.EnquiryID, x.Type, x.Actor, utc(x.At), eventPayload(x))
		}
		events += 1 + len(nc.Events)
		m = append(m, msg.EnquiryID, msg.Kind, msg.MessageID, msg.InReplyTo, msg.References, msg.FromAddr, msg.ToAddr,
			msg.Subject, msg.Body, msg.Quoted, msg.Author, msg.Reason, msg.Raw, msg.ContentHash, utcPtr(msg.SentAt),
			utc(msg.ReceivedAt), msg.CreatedAt)
		c = append(c, call.EnquiryID, call.CallID, call.Queue, call.Note, call.TransferredBy, utc(call.TransferredAt),
			utcPtr(call.AnsweredAt), utcPtr(call.EndedAt), call.HandledSeconds, call.Attempts, call.NoAnswers, call.NudgedWindow)
	}
	n := len(calls)
	return []callInsert{
		{`INSERT INTO enquiries (` + enquiryColumns + `) VALUES ` + rowPlaceholders(16, n), e},
		{`INSERT INTO events (enquiry_id, type, actor, at, payload) VALUES ` + rowPlaceholders(5, events), ev},
		{`INSERT INTO messages (enquiry_id, kind, message_id, in_reply_to, refs, from_addr, to_addr, subject, body,
			quoted, author, reason, raw, content_hash, sent_at, received_at, created_at) VALUES ` + rowPlaceholders(17, n), m},
		{`INSERT INTO calls (` + callColumns + `) VALUES ` + rowPlaceholders(12, n) +
			` ON CONFLICT (call_id) DO NOTHING RETURNING call_id`, c},
	}
}

// insertCallRows runs the calls rows' INSERT and returns how many it stored.
func (tx *Tx) insertCallRows(ctx context.Context, ins callInsert) (int, error) {
	var stored []string
	if err := tx.SelectContext(ctx, &stored, tx.Rebind(ins.sql), ins.args...); err != nil {
		return 0, fmt.Errorf("insert calls: %w", err)
	}
	return len(stored), nil
}

// insertCallsAtOnce runs the four INSERTs as one PostgreSQL statement (the
// first three as WITH clauses), so a group costs one round trip, not four.
func (tx *Tx) insertCallsAtOnce(ctx context.Context, calls []NewCall) (int, error) {
	ins := callInserts(calls)
	q, args := "WITH ", []any{}
	for i, part := range ins[:3] {
		q += fmt.Sprintf("new%d AS (%s), ", i, part.sql)
		args = append(args, part.args...)
	}
	q = strings.TrimSuffix(q, ", ") + " " + ins[3].sql
	return tx.insertCallRows(ctx, callInsert{q, append(args, ins[3].args...)})
}

// rowPlaceholders is "(?, …), (?, …)": rows groups of width placeholders.
func rowPlaceholders(width, rows int) string {
	one := "(" + placeholders(width) + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

// placeholders is n "?" separated by commas.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
