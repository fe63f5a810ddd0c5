package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/historygen"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/stats"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// TestPilotHistoryStatistics imports three years in the shape of the pilot
// report through `import mail` and ImportCalls, and checks every figure of
// `stats --from 2023-01-01 --to 2025-12-31 --format json` against what was
// generated.
func TestPilotHistoryStatistics(t *testing.T) {
	if testing.Short() {
		t.Skip("imports three years of history")
	}
	t.Parallel() // the longest test of the package; the others run beside it
	cal := workcal.Default()
	h := historygen.Generate(historygen.Default(7), cal)
	files := writeHistory(t, h)
	storagetest.EachParallel(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc := &handlers.Service{DB: db, Calendar: cal, Settings: handlers.DefaultSettings(), Log: slog.New(slog.DiscardHandler)}
		importHistory(t, ctx, svc, files)
		got := statsJSON(t, ctx, db, cal)
		checkPilotFigures(t, got, expectedFigures(h, cal))
		importHistory(t, ctx, svc, files) // again: nothing changes
		if again := statsJSON(t, ctx, db, cal); again.Enquiries != got.Enquiries || again.Open != got.Open || again.FirstResponseMinutes != got.FirstResponseMinutes {
			t.Errorf("a second import changed the figures: %+v, then %+v", got, again)
		}
	})
}

type historyFiles struct{ mbox, sent, calls string }

func writeHistory(t *testing.T, h *historygen.History) historyFiles {
	dir := t.TempDir()
	f := historyFiles{filepath.Join(dir, "in.mbox"), filepath.Join(dir, "sent.mbox"), filepath.Join(dir, "calls.csv")}
	for path, write := range map[string]func(io.Writer) error{f.mbox: h.WriteMbox, f.sent: h.WriteSentMbox, f.calls: h.WriteCallsCSV} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func importHistory(t *testing.T, ctx context.Context, svc *handlers.Service, f historyFiles) {
	t.Helper()
	var out, errs bytes.Buffer
	if code := runImportMail(ctx, svc, mail.IMAPSettings{}, []string{"--mbox", f.mbox, "--sent-mbox", f.sent}, &out, &errs); code != 0 {
		t.Fatalf("import mail = %d: %s", code, errs.String())
	}
	calls, err := os.Open(f.calls)
	if err != nil {
		t.Fatal(err)
	}
	defer calls.Close()
	if _, err := svc.ImportCalls(ctx, calls, func(line int, err error) { t.Errorf("calls line %d: %v", line, err) }); err != nil {
		t.Fatal(err)
	}
}

func statsJSON(t *testing.T, ctx context.Context, db *storage.DB, cal *workcal.Calendar) *stats.Report {
	t.Helper()
	var out, errs bytes.Buffer
	args := []string{"--from", "2023-01-01", "--to", "2025-12-31", "--format", "json"}
	if code := runStats(ctx, db, cal, "da", args, &out, &errs); code != 0 {
		t.Fatalf("stats = %d: %s", code, errs.String())
	}
	var r stats.Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("stats JSON: %v\n%s", err, out.String())
	}
	return &r
}
