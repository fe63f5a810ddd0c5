package guidance

import (
	"fmt"
	"slices"
	"testing"
)

const recallK, minRecall = 3, 0.9

func TestRecall(t *testing.T) {
	ix := builtinIndex(t)
	qs := loadQuestions(t)
	if len(qs) < 90 {
		t.Fatalf("only %d labelled questions, want at least 90", len(qs))
	}
	found := 0
	for _, q := range qs {
		hits, err := ix.Search(q.Question, recallK)
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
	t.Logf("recall@%d = %.3f (%d/%d)", recallK, recall, found, len(qs))
	fmt.Printf("recall@%d = %.3f (%d/%d questions)\n", recallK, recall, found, len(qs))
	if recall < minRecall {
		t.Errorf("recall@%d = %.3f, want >= %.2f", recallK, recall, minRecall)
	}
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
