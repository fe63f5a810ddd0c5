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
	return tx.insertCallsEach(ctx, calls)
}

// callRow is what one new call writes: a row of each table, and as many
// events as it has (created first).
type callRow struct {
	enquiry, message, call []any
	events                 [][]any
}

func newCallRow(nc NewCall) callRow {
	q, msg, call := nc.Enquiry, nc.Message, nc.Call
	r := callRow{
		enquiry: []any{q.ID, q.Channel, q.Status, q.Topic, q.Subject, q.CitizenName, q.CitizenEmail, q.CitizenPhone,
			q.Mailbox, q.Holder, utc(q.ReceivedAt), utcPtr(q.DeadlineAt), utcPtr(q.FirstResponseAt), utcPtr(q.ClosedAt),
			q.CreatedAt, q.UpdatedAt},
		message: []any{msg.EnquiryID, msg.Kind, msg.MessageID, msg.InReplyTo, msg.References, msg.FromAddr, msg.ToAddr,
			msg.Subject, msg.Body, msg.Quoted, msg.Author, msg.Reason, msg.Raw, msg.ContentHash, utcPtr(msg.SentAt),
			utc(msg.ReceivedAt), msg.CreatedAt},
		call: []any{call.EnquiryID, call.CallID, call.Queue, call.Note, call.TransferredBy, utc(call.TransferredAt),
			utcPtr(call.AnsweredAt), utcPtr(call.EndedAt), call.HandledSeconds, call.Attempts, call.NoAnswers, call.NudgedWindow},
		events: [][]any{{q.ID, affaldsbot.EventCreated, affaldsbot.ActorSystem, utc(q.ReceivedAt), `{"channel":"` + string(q.Channel) + `"}`}},
	}
	for _, x := range nc.Events {
		r.events = append(r.events, []any{x.EnquiryID, x.Type, x.Actor, utc(x.At), eventPayload(x)})
	}
	return r
}

// The INSERTs of new calls, up to their VALUES.
const (
	insertEnquiries = `INSERT INTO enquiries (` + enquiryColumns + `) VALUES `
	insertEvents    = `INSERT INTO events (enquiry_id, type, actor, at, payload) VALUES `
	insertMessages  = `INSERT INTO messages (enquiry_id, kind, message_id, in_reply_to, refs, from_addr, to_addr, subject, body,
			quoted, author, reason, raw, content_hash, sent_at, received_at, created_at) VALUES `
	insertCalls = `INSERT INTO calls (` + callColumns + `) VALUES `
)

// callInsert is one multi-row INSERT and its arguments.
type callInsert struct {
	sql  string
	args []any
}

// callInserts are the multi-row INSERTs of new calls' enquiries, events,
// messages and (last) calls rows, which report the call_ids they stored.
func callInserts(calls []NewCall) []callInsert {
	var e, ev, m, c []any
	events := 0
	for _, nc := range calls {
		r := newCallRow(nc)
		e, m, c = append(e, r.enquiry...), append(m, r.message...), append(c, r.call...)
		for _, x := range r.events {
			ev = append(ev, x...)
		}
		events += len(r.events)
	}
	n := len(calls)
	return []callInsert{
		{insertEnquiries + rowPlaceholders(16, n), e},
		{insertEvents + rowPlaceholders(5, events), ev},
		{insertMessages + rowPlaceholders(17, n), m},
		{insertCalls + rowPlaceholders(12, n) + ` ON CONFLICT (call_id) DO NOTHING RETURNING call_id`, c},
	}
}

// oneCallInserts are the one-row INSERTs of a new call's enquiry, event,
// message and calls row.
var oneCallInserts = [4]string{insertEnquiries + rowPlaceholders(16, 1), insertEvents + rowPlaceholders(5, 1),
	insertMessages + rowPlaceholders(17, 1), insertCalls + rowPlaceholders(12, 1) + ` ON CONFLICT (call_id) DO NOTHING`}

// insertCallsEach stores the calls row by row through four one-row
// statements (SQLite: parsing a statement of thousands of placeholders costs
// more than running a prepared one a hundred times). The connection keeps
// them prepared across transactions (stmtcache.go), so they are parsed once
// per connection, not once per group.
func (tx *Tx) insertCallsEach(ctx context.Context, calls []NewCall) (int, error) {
	stored := 0
	for _, nc := range calls {
		n, err := newCallRow(nc).insert(ctx, tx)
		if err != nil {
			return 0, fmt.Errorf("insert %d new calls: %w", len(calls), err)
		}
		stored += n
	}
	return stored, nil
}

// insert runs the row's statements; it returns 1 when the calls row was
// stored, 0 when its call_id was there already.
func (r callRow) insert(ctx context.Context, tx *Tx) (int, error) {
	if _, err := tx.ExecContext(ctx, oneCallInserts[0], r.enquiry...); err != nil {
		return 0, err
	}
	for _, ev := range r.events {
		if _, err := tx.ExecContext(ctx, oneCallInserts[1], ev...); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, oneCallInserts[2], r.message...); err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, oneCallInserts[3], r.call...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
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
