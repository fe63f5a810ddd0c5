package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/affaldsbot/affaldsbot/storage"
)

// scanDatabase reads every column of every row of every table and returns
// "table.column row: needle" for each needle found, in any case.
func scanDatabase(t *testing.T, db *storage.DB, needles []string) []string {
	t.Helper()
	var found []string
	for _, table := range tables(t, db) {
		rows, err := db.QueryxContext(context.Background(), "SELECT * FROM "+table)
		if err != nil {
			t.Fatalf("scan %s: %v", table, err)
		}
		for n := 0; rows.Next(); n++ {
			row := map[string]any{}
			if err := rows.MapScan(row); err != nil {
				t.Fatal(err)
			}
			for col, v := range row {
				found = append(found, matches(fmt.Sprintf("%s.%s row %d", table, col, n), v, needles)...)
			}
		}
		rows.Close()
	}
	return found
}

func matches(where string, v any, needles []string) []string {
	var text []byte
	switch x := v.(type) {
	case []byte:
		text = x
	case string:
		text = []byte(x)
	default:
		return nil
	}
	var out []string
	for _, n := range needles {
		if bytes.Contains(bytes.ToLower(text), bytes.ToLower([]byte(n))) {
			out = append(out, where+": "+n)
		}
	}
	return out
}

func tables(t *testing.T, db *storage.DB) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if db.Dialect == storage.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`
	}
	var out []string
	if err := db.SelectContext(context.Background(), &out, q); err != nil {
		t.Fatal(err)
	}
	return out
}
