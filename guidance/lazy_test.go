package guidance

import "testing"

func TestLazyLoadsOnceOnFirstSearch(t *testing.T) {
	loads := 0
	l := NewLazy(func() (*Index, error) { loads++; return LoadBuiltin() })
	if loads != 0 {
		t.Fatal("loaded before the first search")
	}
	for range 2 {
		hits, err := l.Search("pizzabakke med fedt", 1)
		if err != nil || len(hits) != 1 || hits[0].ID != "pizzabakker" {
			t.Fatalf("Search = %v, %v", hits, err)
		}
	}
	if loads != 1 {
		t.Errorf("loaded %d times, want 1", loads)
	}
}
