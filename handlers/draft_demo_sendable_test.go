package handlers_test

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/internal/demoseed"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// wantSendable is how many of the demo's ten mails get a sendable draft
// without a model; README.md states the figure.
const wantSendable = 9

// demoAnswers reads testdata/demo_answers.tsv: subject → the passages that
// answer the mail.
func demoAnswers(t *testing.T) map[string][]string {
	t.Helper()
	f, err := os.Open("testdata/demo_answers.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		subject, ids, ok := strings.Cut(line, "\t")
		if !ok || ids == "" {
			t.Fatalf("demo_answers.tsv: %q is not subject<TAB>ids", line)
		}
		out[subject] = strings.Split(ids, ",")
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDemoSendableDrafts counts the demo mails whose draft, made without a
// model, a citizen could receive as it stands: grounded in the guidance, its
// first passage one that answers the mail. The count must not drop.
//
//	go test ./handlers -run DemoSendable -v
func TestDemoSendableDrafts(t *testing.T) {
	answers := demoAnswers(t)
	mails := demoseed.Mails()
	if len(answers) != len(mails) {
		t.Fatalf("demo_answers.tsv labels %d mails, the demo has %d", len(answers), len(mails))
	}
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		sendable := 0
		for i, m := range mails {
			want, ok := answers[m.Subject]
			if !ok {
				t.Fatalf("demo mail %q has no line in demo_answers.tsv", m.Subject)
			}
			e := draftEnquiry(m.Subject)
			e.CitizenName, e.CitizenEmail = m.FromName, m.FromAddr
			r := newDraftRig(t, db, nil, e, m.Body)
			r.draft(t)
			v := r.screen.last(t)
			var used []string
			for _, s := range v.Sources {
				used = append(used, s.ID)
			}
			ok = v.FromGuidance && len(used) > 0 && slices.Contains(want, used[0])
			if ok {
				sendable++
			}
			t.Logf("%2d %-38s sendable=%-5v quotes %v, answered by %v", i+1, m.Subject, ok, used, want)
		}
		t.Logf("sendable drafts without a model: %d of %d", sendable, len(mails))
		if sendable < wantSendable {
			t.Errorf("%d of %d demo mails get a sendable draft, want at least %d", sendable, len(mails), wantSendable)
		}
	})
}
