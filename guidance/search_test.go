package guidance

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSearchRanksFirst(t *testing.T) {
	ix := builtinIndex(t)
	tests := []struct {
		query string
		want  string
	}{
		{"hvor skal spraydåser hen", "spraydaaser"},
		{"pizzabakke med fedt", "pizzabakker"},
		{"kaffekapsler", "kaffekapsler"},
		{"kafekapsler", "kaffekapsler"},
		{"batterier", "batterier"},
		{"sparepærer", "paerer"},
		{"spraydaaser", "spraydaaser"},
		{"where do I put old batteries", "batterier"},
		{"ølflasker", "glas"},
		{"malingsspande", "maling-kemikalier"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := ix.Search(tt.query, 3)
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
	if n := ix.Len(); n < 45 || n > 70 {
		t.Errorf("builtin corpus has %d passages, want 45-70", n)
	}
	for _, id := range []string{"madaffald", "papir", "pap", "glas", "metal", "plast",
		"mad-og-drikkekartoner", "farligt-affald", "tekstilaffald", "restaffald"} {
		p, ok := ix.Passage(id)
		if !ok {
			t.Errorf("fraction passage %q missing", id)
			continue
		}
		if p.Fraction == "" || p.Source == "" || p.Title == "" || p.Text == "" {
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
