package guidance

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSearchRanksFirst(t *testing.T) {
	ix := builtinIndex(t)
	tests := []struct {
		query string
		all   bool // SearchAll rather than Search
		want  string
	}{
		{"pizzabakke med fedt", false, "pizzabakker"},
		{"pizzabakkerne", false, "pizzabakker"},
		{"sparepærer", false, "paerer"},
		{"ølflasker", false, "glas"},
		{"drikkeglas", false, "glas"},
		{"where does cat litter go", false, "kattegrus"},
		{"haveaffald i papirsække", false, "haveaffald-villa"},
		{"klare sække til restaffald fra virksomheden", false, "erhverv-kommunal-ordning"},
		{"brugte batterier i etageejendom", false, "batterier"},
		{"halvtomme malerbøtter", false, "farligt-affald"}, // maling-kemikalier's substitute
		{"hvor mange beholdere til madaffald får vi", false, "madaffaldsbeholdere"},
		{"hvor skal spraydåser hen", true, "spraydaaser"},
		{"spraydaaser", true, "spraydaaser"},
		{"kafekapsler", true, "kaffekapsler"},
		{"where do I put old batteries", true, "batterier"},
		{"malingsspande", true, "maling-kemikalier"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			search := ix.Search
			if tt.all {
				search = ix.SearchAll
			}
			hits, err := search(tt.query, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 || hits[0].ID != tt.want {
				t.Errorf("Search(%q) = %v, want %s first", tt.query, hitIDs(hits), tt.want)
			}
		})
	}
}

func TestSearchReturnsWholePassages(t *testing.T) {
	ix := builtinIndex(t)
	hits, err := ix.Search("pizzabakke med fedt", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 {
		t.Fatalf("got %d hits, want 2", len(hits))
	}
	want, _ := ix.Passage("pizzabakker")
	if diff := cmp.Diff(want, hits[0].Passage); diff != "" {
		t.Errorf("first hit (-want +got):\n%s", diff)
	}
	if hits[0].Score < hits[1].Score || hits[1].Score <= 0 {
		t.Errorf("scores %v, %v: want positive and descending", hits[0].Score, hits[1].Score)
	}
}

// TestSearchLeavesOutUnconfirmed: drafts never see a passage whose source
// does not bear it out; SearchAll, for advisers, shows it.
func TestSearchLeavesOutUnconfirmed(t *testing.T) {
	ix := builtinIndex(t)
	for _, q := range []string{"spraydåser", "kvitteringer", "kaffekapsler", "medicin og kanyler"} {
		hits, err := ix.Search(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if !h.Confirmed {
				t.Errorf("Search(%q) returned unconfirmed passage %s", q, h.ID)
			}
		}
		all, err := ix.SearchAll(q, 10)
		if err != nil || len(all) == 0 || all[0].Confirmed {
			t.Errorf("SearchAll(%q) = %v, %v; want an unconfirmed passage first", q, hitIDs(all), err)
		}
	}
}

func TestSearchWithoutContent(t *testing.T) {
	ix := builtinIndex(t)
	for _, q := range []string{"", "   ", "hvor skal jeg hen?", "what do I do"} {
		hits, err := ix.Search(q, 3)
		if err != nil || len(hits) != 0 {
			t.Errorf("Search(%q) = %v, %v; want no hits", q, hitIDs(hits), err)
		}
	}
	if hits, err := ix.Search("batterier", 0); err != nil || hits != nil {
		t.Errorf("Search with k=0 = %v, %v; want nil", hits, err)
	}
}

func TestBuiltinCorpus(t *testing.T) {
	ix := builtinIndex(t)
	if n := ix.Len(); n < 50 || n > 80 {
		t.Errorf("builtin corpus has %d passages, want 50-80", n)
	}
	for _, id := range []string{"madaffald", "papir", "pap", "glas", "metal", "plast",
		"mad-og-drikkekartoner", "farligt-affald", "tekstilaffald", "restaffald"} {
		p, ok := ix.Passage(id)
		if !ok {
			t.Errorf("fraction passage %q missing", id)
			continue
		}
		if p.Fraction == "" || p.Source == "" || p.Read == "" || p.Title == "" || p.Text == "" {
			t.Errorf("passage %q incomplete: %+v", id, p)
		}
	}
	if _, ok := ix.Passage("findes-ikke"); ok {
		t.Error("Passage(findes-ikke) found")
	}
}

func TestSearchConcurrent(t *testing.T) {
	ix := builtinIndex(t)
	qs := loadQuestions(t)
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			var err error
			for i := g; i < len(qs) && err == nil; i += 4 {
				_, err = ix.Search(qs[i].Question, 3)
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
