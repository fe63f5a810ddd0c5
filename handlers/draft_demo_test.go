package handlers_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/internal/demoseed"
	"github.com/affaldsbot/affaldsbot/prompts"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

var updateDrafts = flag.Bool("update-drafts", false, "rewrite testdata/demo_drafts.golden")

// TestDemoDrafts writes the drafts made without a model for the demo's ten
// mails into testdata/demo_drafts.golden, as the citizen would receive them,
// for a reader to judge; they are the same on both databases, greet the
// citizen, end with the signature and carry nothing editorial.
func TestDemoDrafts(t *testing.T) {
	const golden = "testdata/demo_drafts.golden"
	var texts []string
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		var b strings.Builder
		for i, m := range demoseed.Mails() {
			e := draftEnquiry(m.Subject)
			e.CitizenName, e.CitizenEmail = m.FromName, m.FromAddr
			r := newDraftRig(t, db, nil, e, m.Body)
			body := sendable(t, r, r.draft(t))
			checkNothingEditorial(t, body)
			lang := prompts.DetectLang(m.Subject + "\n" + m.Body)
			if want := map[string]string{"da": "Kære " + m.FromName + "\n\n", "en": "Dear " + m.FromName + ",\n\n"}[lang]; !strings.HasPrefix(body, want) {
				t.Errorf("draft for %q does not start %q", m.Subject, want)
			}
			fmt.Fprintf(&b, "════ %d. %s — %s\n%s\n\n", i+1, m.Subject, m.FromName, body)
		}
		texts = append(texts, b.String())
	})
	if len(texts) == 2 && texts[0] != texts[1] {
		t.Errorf("drafts differ between the databases")
	}
	if *updateDrafts {
		if err := os.WriteFile(golden, []byte(texts[0]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != texts[0] {
		t.Errorf("drafts differ from %s; review them and run go test ./handlers -run TestDemoDrafts -update-drafts", golden)
	}
}
