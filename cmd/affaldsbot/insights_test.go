package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/config"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/insights"
	"github.com/affaldsbot/affaldsbot/internal/historygen"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// testEnv is the env of a command run against the database at url.
func testEnv(t *testing.T, url string, extra ...string) (*env, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	vars := map[string]string{"DATABASE_URL": url}
	for i := 0; i+1 < len(extra); i += 2 {
		vars[extra[i]] = extra[i+1]
	}
	cfg, err := config.Load("", func(k string) (string, bool) { v, ok := vars[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	return &env{cfg: cfg, stdout: &out, stderr: &errs}, &out, &errs
}

// TestInsightsFindThePlantedQuestions imports a quarter in which a fifth
// of the mails and calls ask one of the planted questions, through `import
// mail` and ImportCalls, and reads `insights --format json`.
func TestInsightsFindThePlantedQuestions(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a quarter of history")
	}
	cal := workcal.Default()
	o := historygen.Default(5)
	o.MailFrom, o.PhoneFrom = workcal.Date{Year: 2025, Month: 10, Day: 1}, workcal.Date{Year: 2025, Month: 10, Day: 1}
	o.Questions = &historygen.Questions{Planted: len(historygen.PlantedQuestions), Share: 0.2}
	files := writeHistory(t, historygen.Generate(o, cal))
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc := &handlers.Service{DB: db, Calendar: cal, Settings: handlers.DefaultSettings(), Log: slog.New(slog.DiscardHandler)}
		importHistory(t, ctx, svc, files)
		e, out, errs := testEnv(t, dbURL(t, db))
		if code := runInsights(ctx, e, []string{"--period", "2025 Q4", "--format", "json", "--top", "50"}); code != 0 {
			t.Fatalf("insights = %d: %s", code, errs.String())
		}
		var r insights.Report
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatalf("insights JSON: %v\n%s", err, out.String())
		}
		for _, q := range historygen.PlantedQuestions {
			if !foundQuestion(r.Recurring, q) {
				t.Errorf("planted question %q not among the recurring questions", q.Name)
			}
		}
		if r.Enquiries == 0 || len(r.Topics) == 0 {
			t.Errorf("report of %d enquiries, %d topics", r.Enquiries, len(r.Topics))
		}
	})
}

// foundQuestion reports whether a recurring question's examples are all
// among q's variants (as a mail's subject or a call's note).
func foundQuestion(rec []insights.Recurring, q historygen.Planted) bool {
	variant := func(s string) bool {
		for _, v := range q.Variants {
			if s == v[0] || strings.HasPrefix(s, v[0]+": ") {
				return true
			}
		}
		return false
	}
	for _, r := range rec {
		all := len(r.Examples) > 0
		for _, ex := range r.Examples {
			all = all && variant(ex)
		}
		if all && len(r.Enquiries) == r.Count && r.Count >= 5 {
			return true
		}
	}
	return false
}

// dbURL is the URL of the database db was opened on.
func dbURL(t *testing.T, db *storage.DB) string {
	t.Helper()
	if db.Dialect == storage.SQLite {
		var file string
		if err := db.Get(&file, `SELECT file FROM pragma_database_list WHERE name = 'main'`); err != nil {
			t.Fatal(err)
		}
		return "sqlite:" + file
	}
	var name string
	if err := db.Get(&name, `SELECT current_database()`); err != nil {
		t.Fatal(err)
	}
	return strings.Replace(storagetest.PostgresAdminURL(), "/postgres?", "/"+name+"?", 1)
}

func TestInsightsBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "csv"}, {"--format", "xml"}, {"--lang", "sv"}, {"--top", "0"}, {"extra"},
		{"--period", "2025", "--from", "2025-01-01"}, {"--period", "i overmorgen"},
	} {
		e, _, errs := testEnv(t, "sqlite:"+t.TempDir()+"/x.db")
		if code := runInsights(context.Background(), e, args); code != exitUsage || !strings.Contains(errs.String(), "insights") {
			t.Errorf("insights %v = %d (%s); want %d and a line naming insights", args, code, errs.String(), exitUsage)
		}
	}
}
