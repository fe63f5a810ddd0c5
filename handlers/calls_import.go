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

// CallCSVColumns is the header of a call history file (SPEC §4.5).
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
// stored before.
func (s *Service) importBatch(ctx context.Context, batch []importedCall, sum *ImportSummary) error {
	if len(batch) == 0 {
		return nil
	}
	var imported, existing int
	err := s.DB.InTx(ctx, func(tx *storage.Tx) error {
		imported, existing = 0, 0
		for _, c := range batch {
			if seen, err := tx.CallExists(ctx, c.report.CallID); err != nil {
				return err
			} else if seen {
				existing++
				continue
			}
			if _, err := s.createCall(ctx, tx, c.report, callOptions{holder: c.adviser, closed: true}); err != nil {
				return fmt.Errorf("line %d: %w", c.line, err)
			}
			imported++
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import calls: %w", err)
	}
	sum.Imported, sum.Existing = sum.Imported+imported, sum.Existing+existing
	return nil
}
