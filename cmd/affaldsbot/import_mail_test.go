package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// `import mail -h` prints its flags and touches no database.
func TestImportMailHelpCreatesNoDatabase(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("DATABASE_URL", "sqlite:"+filepath.Join(dir, "affaldsbot.db"))
	var out, errs bytes.Buffer
	if code := dispatch(context.Background(), []string{"import", "mail", "-h"}, &out, &errs); code != exitOK {
		t.Errorf("import mail -h = %d, want %d: %s", code, exitOK, errs.String())
	}
	if !strings.Contains(out.String(), "-mbox") { // asked-for help goes to stdout
		t.Errorf("no flags listed: %q", out.String())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("import mail -h left %v in the working folder", entries)
	}
}

// A From_ line without a date that can be read refuses the whole file by
// line number, before anything is stored: a mail's receipt time is never
// made up.
func TestImportMailRefusesAFromLineWithoutDate(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		for _, tc := range []struct{ name, mbox, want string }{
			{"no date", "From jens@example.dk Thu Nov 26 09:14:03 2026\nSubject: a\n\nHej\n\nFrom ole@example.dk\nSubject: b\n\nDav\n", "line 6: the From_ line has no date"},
			{"garbled date", "From jens@example.dk Thu Nov 26 09:14:03 2026\nSubject: a\n\nHej\n\nFrom ole@example.dk 26/11/2026 kl. 9\nSubject: b\n\nDav\n", "line 6: the From_ line has no date"},
			{"no From_ line", "Subject: a\n\nHej\n", "line 1: the file does not start with a From_ line"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "in.mbox")
				if err := os.WriteFile(path, []byte(tc.mbox), 0o600); err != nil {
					t.Fatal(err)
				}
				svc := &handlers.Service{DB: db, Settings: handlers.DefaultSettings(), Log: slog.New(slog.DiscardHandler)}
				var out, errs bytes.Buffer
				if code := runImportMail(context.Background(), svc, mail.IMAPSettings{}, []string{"--mbox", path}, &out, &errs); code != exitFailure {
					t.Errorf("import = %d, want %d", code, exitFailure)
				}
				if !strings.Contains(errs.String(), tc.want) {
					t.Errorf("stderr %q lacks %q", errs.String(), tc.want)
				}
				var n int
				if err := db.DB.GetContext(context.Background(), &n, `SELECT COUNT(*) FROM messages`); err != nil || n != 0 {
					t.Errorf("%d messages stored (%v), want none", n, err)
				}
			})
		}
	})
}
