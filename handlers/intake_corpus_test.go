package handlers_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// corpusRow is what intake must make of one real-world mail.
type corpusRow struct {
	file    string
	from    string // the sender's address; "" when the From field gives none that can be trusted
	citizen string // the enquiry's address when it is not from (a single Reply-To)
	subject string
	words   string // the first words of the text shown in the thread
	files   []corpusFile
	enquiry bool // it joins an enquiry; false: kept as ignored (bounce, auto-reply, list mail)
}

type corpusFile struct {
	name string
	size int64
}

const realWorldDir = "../mail/testdata/realworld"

// Every mail of the real-world corpus is stored with the right sender,
// subject, text and files, and opens an enquiry only when a person wrote it.
func TestIntakeRealWorldCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(realWorldDir, "*", "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(realWorldCorpus) || len(files) < 100 {
		t.Fatalf("%d files in %s, %d rows: every file needs a row, and there must be at least 100", len(files), realWorldDir, len(realWorldCorpus))
	}
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		svc := corpusService(db)
		for i, row := range realWorldCorpus {
			t.Run(row.file, func(t *testing.T) {
				checkCorpusRow(t, svc, db, uint32(i+1), row)
			})
		}
	})
}

func corpusService(db *storage.DB) *handlers.Service {
	db.SetEnqueuer(&jobRecorder{})
	st := handlers.DefaultSettings()
	st.MailFrom = ourAddress
	return &handlers.Service{DB: db, Calendar: workcal.Default(), Routes: handlers.Routes{Default: "CENQ"},
		Settings: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func checkCorpusRow(t *testing.T, svc *handlers.Service, db *storage.DB, uid uint32, row corpusRow) {
	ctx := context.Background()
	raw, err := os.ReadFile(filepath.Join(realWorldDir, row.file))
	if err != nil {
		t.Fatal(err)
	}
	before := enquiryCount(t, db)
	// each file in a mailbox of its own: no file is a duplicate of another
	in := mail.Incoming{Mailbox: row.file, UIDValidity: 1, UID: uid, InternalDate: time.Now(), Raw: raw}
	if err := svc.HandleMail(ctx, in); err != nil {
		t.Fatal(err)
	}
	m := lastMessage(t, db)
	got := corpusRow{file: row.file, from: m.FromAddr, subject: m.Subject, words: firstWords(m.Body, row.words),
		files: storedFiles(t, db, m.ID), enquiry: m.Kind == affaldsbot.MessageInbound && m.EnquiryID != nil}
	opened := got.enquiry && enquiryCount(t, db) > before
	if opened {
		e, err := db.GetEnquiry(ctx, *m.EnquiryID)
		if err != nil {
			t.Fatal(err)
		}
		if e.CitizenEmail != row.from {
			got.citizen = e.CitizenEmail
		}
	}
	want := row
	if !opened {
		want.citizen = "" // the citizen is set by the mail that opens the enquiry
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(corpusRow{}, corpusFile{}), cmp.Comparer(strings.EqualFold)); diff != "" {
		t.Errorf("stored (-want +got):\n%s", diff)
	}
}

// firstWords is as many words from the start of body as want has; when
// want has none, three, so that a text where none was expected shows.
func firstWords(body, want string) string {
	n := len(strings.Fields(want))
	if n == 0 {
		n = 3
	}
	f := strings.Fields(body)
	if n > len(f) {
		n = len(f)
	}
	return strings.Join(f[:n], " ")
}

func enquiryCount(t *testing.T, db *storage.DB) int {
	t.Helper()
	var n int
	if err := db.DB.GetContext(context.Background(), &n, `SELECT COUNT(*) FROM enquiries`); err != nil {
		t.Fatal(err)
	}
	return n
}

func lastMessage(t *testing.T, db *storage.DB) *affaldsbot.Message {
	t.Helper()
	var id int64
	if err := db.DB.GetContext(context.Background(), &id, `SELECT MAX(id) FROM messages`); err != nil {
		t.Fatal(err)
	}
	m, err := db.GetMessage(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func storedFiles(t *testing.T, db *storage.DB, messageID int64) []corpusFile {
	t.Helper()
	atts, err := db.Attachments(context.Background(), messageID)
	if err != nil {
		t.Fatal(err)
	}
	files := []corpusFile{}
	for _, a := range atts {
		files = append(files, corpusFile{a.Filename, a.Size})
	}
	return files
}
