package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGuidanceSearchPrintsJSONLines(t *testing.T) {
	var out, errOut bytes.Buffer
	code := runGuidance(context.Background(), "", []string{"search", "--k", "2", "fedtet", "pizzabakke"}, &out, &errOut)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), out.String())
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"id", "title", "score", "text", "source", "read", "confirmed"} {
		if _, ok := first[key]; !ok {
			t.Errorf("line lacks %q: %s", key, lines[0])
		}
	}
	if first["id"] != "pizzabakker" {
		t.Errorf("best passage %v, want pizzabakker", first["id"])
	}
	if src, _ := first["source"].(string); !strings.Contains(src, "kk.dk/") || first["confirmed"] != true {
		t.Errorf("source %v, confirmed %v; want a kk.dk page and true", first["source"], first["confirmed"])
	}
}

// TestGuidanceSearchShowsUnconfirmed: advisers see passages drafts may not
// use, marked as such.
func TestGuidanceSearchShowsUnconfirmed(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := runGuidance(context.Background(), "", []string{"search", "--k", "1", "spraydåser"}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var line map[string]any
	if err := json.Unmarshal(out.Bytes(), &line); err != nil {
		t.Fatal(err)
	}
	if line["id"] != "spraydaaser" || line["confirmed"] != false || line["source"] == "" {
		t.Errorf("got %v; want spraydaaser, unconfirmed, with its source", line)
	}
}

func TestGuidanceSearchBadUsage(t *testing.T) {
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "x.md"), []byte("## Not An Id\n"), 0o644)
	tests := []struct {
		dir  string
		args []string
	}{
		{"", nil},
		{"", []string{"find", "pizza"}},
		{"", []string{"search"}},
		{"", []string{"search", "--k", "0", "pizza"}},
		{"", []string{"search", "--k", "x", "pizza"}},
		{bad, []string{"search", "pizza"}},
		{filepath.Join(bad, "missing"), []string{"search", "pizza"}},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if code := runGuidance(context.Background(), tt.dir, tt.args, &out, &errOut); code != exitUsage || errOut.Len() == 0 || out.Len() != 0 {
			t.Errorf("%q in %q: exit %d, stderr %q; want 2 and one line", tt.args, tt.dir, code, errOut.String())
		}
	}
}
