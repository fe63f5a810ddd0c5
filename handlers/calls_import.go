package handlers

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
)

// CallCSVColumns is the header of a call history file (docs/commands.md).
var CallCSVColumns = []string{"call_id", "transferred_at", "answered_at", "ended_at", "caller_number", "caller_name", "note", "adviser"}

// ImportSummary counts what a call history import did.
type ImportSummary struct {
	Imported int // new calls stored
	Existing int // calls stored before (same call_id), left as they were
	Bad      int // rows reported and skipped
}

func (s ImportSummary) String() string {
	return fmt.Sprintf("imported %d, skipped %d existing, %d bad rows", s.Imported, s.Existing, s.Bad)
}

// importBatch is how many calls share one transaction.
const importBatch = 250

// importedCall is one good row of a history file.
type importedCall struct {
	line    int
	report  CallReport
	adviser string
}

// ImportCalls backfills call history from CSV: each call becomes a closed
// phone enquiry (created at transferred_at, claimed by the adviser when
// given, closed at ended_at or transferred_at), not posted to Slack. A
// call_id stored before is skipped, so importing a file again changes
// nothing. A bad row is passed to report with its line number and skipped.
// The error is a file that cannot be read as a call history, or a database
// failure.
func (s *Service) ImportCalls(ctx context.Context, r io.Reader, report func(line int, err error)) (ImportSummary, error) {
	var sum ImportSummary
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cols, err := callCSVHeader(cr)
	if err != nil {
		return sum, err
	}
	batch := make([]importedCall, 0, importBatch)
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, err := csvLine(cr, err)
		if err != nil && line == 0 {
			return sum, fmt.Errorf("call history: %w", err)
		}
		call, err := parseCallRow(row, cols, line, err, s.DB.Now())
		if err != nil {
			sum.Bad++
			report(line, err)
			continue
		}
		if batch = append(batch, call); len(batch) == importBatch {
			if err := s.importBatch(ctx, batch, &sum); err != nil {
				return sum, err
			}
			batch = batch[:0]
		}
	}
	return sum, s.importBatch(ctx, batch, &sum)
}

// csvLine is the line of the row just read; a parse error keeps its own
// line, and any other error (line 0) ends the import.
func csvLine(cr *csv.Reader, err error) (int, error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Line, err
	} else if err != nil {
		return 0, err
	}
	line, _ := cr.FieldPos(0)
	return line, nil
}

// callCSVHeader reads the header row and maps each column name to its index.
func callCSVHeader(cr *csv.Reader) (map[string]int, error) {
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("call history: header row: %w", err)
	}
	cols := map[string]int{}
	for i, name := range head {
		cols[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))] = i
	}
	for _, want := range CallCSVColumns {
		if _, ok := cols[want]; !ok {
			return nil, fmt.Errorf("call history: header has no column %q (want %s)", want, strings.Join(CallCSVColumns, ","))
		}
	}
	return cols, nil
}

func parseCallRow(row []string, cols map[string]int, line int, readErr error, now time.Time) (importedCall, error) {
	if readErr != nil {
		return importedCall{}, readErr
	}
	get := func(name string) string {
		if i := cols[name]; i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	r := CallReport{CallID: get("call_id"), CallerNumber: get("caller_number"), CallerName: get("caller_name"), Note: get("note")}
	var err error
	if r.TransferredAt, err = csvTime(get, "transferred_at", true); err != nil {
		return importedCall{}, err
	}
	if r.AnsweredAt, err = csvTime(get, "answered_at", false); err != nil {
		return importedCall{}, err
	}
	if r.EndedAt, err = csvTime(get, "ended_at", false); err != nil {
		return importedCall{}, err
	}
	if err := r.validate(now); err != nil {
		return importedCall{}, err
	}
	return importedCall{line: line, report: r, adviser: get("adviser")}, nil
}

func csvTime(get func(string) string, name string, required bool) (*time.Time, error) {
	v := get(name)
	if v == "" {
		if required {
			return nil, &FieldError{name, "required"}
		}
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, &FieldError{name, fmt.Sprintf("%q is not an RFC 3339 time", v)}
	}
	t = t.UTC()
	return &t, nil
}

// importBatch stores a batch of calls in one transaction, skipping those
// stored before (and repeats of a call_id within the batch): the new calls
// in a few multi-row statements, as the webhook stores a group.
func (s *Service) importBatch(ctx context.Context, batch []importedCall, sum *ImportSummary) error {
	if len(batch) == 0 {
		return nil
	}
	ids := make([]string, len(batch))
	for i, c := range batch {
		ids[i] = c.report.CallID
	}
	var fresh []storage.NewCall
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		known, err := tx.LockCalls(ctx, ids)
		if err != nil {
			return err
		}
		fresh = fresh[:0]
		seen := map[string]bool{}
		for _, c := range batch {
			if known[c.report.CallID] == nil && !seen[c.report.CallID] {
				seen[c.report.CallID] = true
				fresh = append(fresh, s.historicCall(c))
			}
		}
		if n, err := tx.CreateCalls(ctx, fresh); err != nil {
			return err
		} else if n < len(fresh) {
			return errCallRace
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import calls: %w", err)
	}
	sum.Imported, sum.Existing = sum.Imported+len(fresh), sum.Existing+len(batch)-len(fresh)
	return nil
}

// historicCall is an imported call as createCall would store it: closed,
// claimed by its adviser when one is given, not posted to Slack.
func (s *Service) historicCall(c importedCall) storage.NewCall {
	r := c.report
	e := s.callEnquiry(r)
	events := callEvents(e, r, callOptions{holder: c.adviser, closed: true})
	call := &storage.Call{CallID: r.CallID, Queue: r.Queue, Note: r.Note, TransferredBy: r.TransferredBy,
		TransferredAt: *r.TransferredAt, AnsweredAt: r.AnsweredAt, EndedAt: r.EndedAt,
		HandledSeconds: callHandledSeconds(r.AnsweredAt, r.EndedAt, callMinutesSeconds(r.Minutes))}
	return storage.NewCall{Enquiry: e, Call: call, Message: s.callMessage(e, r), Events: events}
}
