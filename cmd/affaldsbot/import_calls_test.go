package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func TestRunImportCalls(t *testing.T) {
	file := filepath.Join(t.TempDir(), "calls.csv")
	csv := "call_id,transferred_at,answered_at,ended_at,caller_number,caller_name,note,adviser\n" +
		"a-1,2026-01-05T09:00:00Z,2026-01-05T09:01:00Z,2026-01-05T09:19:00Z,12345678,Ida,Storskrald,U1\n" +
		"a-2,not-a-time,,,,,,\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		svc := &handlers.Service{DB: db, Settings: handlers.DefaultSettings()}
		var out, errOut bytes.Buffer
		code := runImportCalls(context.Background(), db, svc, []string{file}, &out, &errOut)
		if code != 1 || !strings.Contains(errOut.String(), "calls.csv:3: transferred_at") {
			t.Errorf("exit %d, stderr %q; want 1 and line 3 named", code, errOut.String())
		}
		if got := strings.TrimSpace(out.String()); got != "imported 1, skipped 0 existing, 1 bad rows" {
			t.Errorf("summary %q", got)
		}
		out.Reset()
		os.WriteFile(file, []byte(csv[:strings.Index(csv, "a-2")]), 0o600)
		if code := runImportCalls(context.Background(), db, svc, []string{file}, &out, &errOut); code != 0 ||
			strings.TrimSpace(out.String()) != "imported 0, skipped 1 existing, 0 bad rows" {
			t.Errorf("re-import: exit %d, summary %q", code, out.String())
		}
		os.WriteFile(file, []byte(csv), 0o600)
	})
}

func TestRunImportCallsUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := runImportCalls(context.Background(), nil, &handlers.Service{}, nil, &out, &errOut); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
}
