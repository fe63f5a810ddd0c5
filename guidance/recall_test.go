package guidance

import (
	"fmt"
	"slices"
	"testing"
)

const recallK, minRecall = 3, 0.9

// searcher is Search or SearchAll.
type searcher func(ix *Index, q string, k int) ([]Hit, error)

// TestRecall measures what drafts see: Search, confirmed passages only, over
// the questions a confirmed passage answers.
//
//	go test -v -run 'Recall' ./guidance/
func TestRecall(t *testing.T) {
	ix := builtinIndex(t)
	var qs []labelled
	for _, q := range loadQuestions(t) {
		if ids := confirmedIDs(ix, q.IDs); len(ids) > 0 {
			qs = append(qs, labelled{Question: q.Question, IDs: ids})
		}
	}
	if len(qs) < 80 {
		t.Fatalf("only %d questions answered by a confirmed passage, want at least 80", len(qs))
	}
	checkRecall(t, "drafts (confirmed passages)", qs, (*Index).Search)
}

// TestRecallAll measures `guidance search`: SearchAll over every question a
// passage answers, confirmed or not.
func TestRecallAll(t *testing.T) {
	var qs []labelled
	gaps := 0
	for _, q := range loadQuestions(t) {
		if len(q.IDs) == 0 {
			gaps++
			continue
		}
		qs = append(qs, q)
	}
	if len(qs) < 120 {
		t.Fatalf("only %d labelled questions, want at least 120", len(qs))
	}
	fmt.Printf("%d questions have no passage that answers them\n", gaps)
	checkRecall(t, "all passages", qs, (*Index).SearchAll)
}

func checkRecall(t *testing.T, name string, qs []labelled, search searcher) {
	t.Helper()
	ix := builtinIndex(t)
	found := 0
	for _, q := range qs {
		hits, err := search(ix, q.Question, recallK)
		if err != nil {
			t.Fatal(err)
		}
		if answered(hits, q.IDs) {
			found++
			continue
		}
		t.Logf("miss: %q want %v got %v", q.Question, q.IDs, hitIDs(hits))
	}
	recall := float64(found) / float64(len(qs))
	fmt.Printf("recall@%d, %s = %.3f (%d/%d questions)\n", recallK, name, recall, found, len(qs))
	if recall < minRecall {
		t.Errorf("recall@%d, %s = %.3f, want >= %.2f", recallK, name, recall, minRecall)
	}
}

func confirmedIDs(ix *Index, ids []string) []string {
	var out []string
	for _, id := range ids {
		if p, ok := ix.Passage(id); ok && p.Confirmed {
			out = append(out, id)
		}
	}
	return out
}

func TestQuestionLabelsExist(t *testing.T) {
	ix := builtinIndex(t)
	for _, q := range loadQuestions(t) {
		for _, id := range q.IDs {
			if _, ok := ix.Passage(id); !ok {
				t.Errorf("question %q is labelled with unknown passage %q", q.Question, id)
			}
		}
	}
}

func answered(hits []Hit, ids []string) bool {
	for _, h := range hits {
		if slices.Contains(ids, h.ID) {
			return true
		}
	}
	return false
}

func hitIDs(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}
