package guidance

import (
	"bufio"
	"os"
	"strings"
	"sync"
	"testing"
)

// labelled is one citizen question and the passages that answer it; no ids
// (written "-") when no passage in the corpus answers it.
type labelled struct {
	Question string
	IDs      []string
}

func loadQuestions(tb testing.TB) []labelled {
	tb.Helper()
	f, err := os.Open("testdata/questions.tsv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, ids, ok := strings.Cut(line, "\t")
		if !ok {
			tb.Fatalf("questions.tsv:%d: want question<TAB>ids", n)
		}
		out = append(out, labelled{Question: q, IDs: parseIDs(ids)})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func parseIDs(s string) []string {
	if s == "-" {
		return nil
	}
	return strings.Split(s, ",")
}

var (
	sharedOnce sync.Once
	sharedIx   *Index
	sharedErr  error
)

// builtinIndex loads the embedded corpus once for all tests.
func builtinIndex(tb testing.TB) *Index {
	tb.Helper()
	sharedOnce.Do(func() { sharedIx, sharedErr = LoadBuiltin() })
	if sharedErr != nil {
		tb.Fatal(sharedErr)
	}
	return sharedIx
}
