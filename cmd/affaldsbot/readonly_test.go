package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadCommandsRefuseAMissingSQLiteFile: a mistyped path must not become
// a new, empty database whose figures are all zero.
func TestReadCommandsRefuseAMissingSQLiteFile(t *testing.T) {
	for _, cmd := range []struct {
		name string
		run  func(context.Context, *env, []string) int
	}{{"stats", runStatsCommand}, {"insights", runInsights}} {
		path := filepath.Join(t.TempDir(), "affaldsbto.db")
		e, out, errs := testEnv(t, "sqlite:"+path)
		code := cmd.run(context.Background(), e, nil)
		if code == exitOK || out.Len() != 0 || !strings.Contains(errs.String(), path) {
			t.Errorf("%s on a missing file: exit %d, stdout %q, stderr %q; want a failure naming %s", cmd.name, code, out.String(), errs.String(), path)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s created %s (%v)", cmd.name, path, err)
		}
	}
}

// TestGuidanceSearchTakesFlagsAfterTheQuery: `guidance search fedtet
// pizzabakke --k 1` prints one passage, as `--k 1` before the query does.
func TestGuidanceSearchTakesFlagsAfterTheQuery(t *testing.T) {
	for _, args := range [][]string{
		{"search", "fedtet", "pizzabakke", "--k", "1"},
		{"search", "fedtet", "--k", "1", "pizzabakke"},
		{"search", "--k", "1", "fedtet", "pizzabakke"},
	} {
		var out, errOut bytes.Buffer
		if code := runGuidance(context.Background(), "", args, &out, &errOut); code != exitOK {
			t.Fatalf("%q: exit %d: %s", args, code, errOut.String())
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		var first guidanceLine
		if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if len(lines) != 1 || first.ID != "pizzabakker" || strings.Contains(first.Text, "--k") {
			t.Errorf("%q printed %d passages, first %q; want pizzabakker alone", args, len(lines), first.ID)
		}
	}
}
