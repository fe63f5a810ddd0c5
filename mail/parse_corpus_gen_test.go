package mail

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateParseCorpus = flag.Bool("update-corpus", false, "rewrite generated files in testdata/parse")

// generated are the corpus files too large or too binary to write by hand.
var generated = map[string]func() []byte{
	"deep-nesting.eml": deepNesting,
	"huge-subject.eml": hugeSubject,
	"nul-bytes.eml":    nulBytes,
	"many-parts.eml":   manyParts,
}

func deepNesting() []byte {
	var b bytes.Buffer
	b.WriteString("From: Deep <deep@example.dk>\nSubject: Dyb\nMessage-ID: <deep-1@example.dk>\nMIME-Version: 1.0\n")
	for i := range 30 {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\n\n--b%d\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\n\nBunden af dybet.\n")
	for i := 29; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\n", i)
	}
	return b.Bytes()
}

func hugeSubject() []byte {
	subject := strings.Repeat("storskrald ", 1000) // 11,000 characters
	return []byte("From: Stor <stor@example.dk>\nSubject: " + subject +
		"\nMessage-ID: <huge-1@example.dk>\nContent-Type: text/plain\n\nKort tekst.\n")
}

func nulBytes() []byte {
	return []byte("From: Nul <nul@example.dk>\nSubject: N\x00ul\nMessage-ID: <nul-1@example.dk>\n" +
		"Content-Type: text/plain\n\nTekst\x00 med\x00\x00 nul-bytes.\n")
}

func manyParts() []byte {
	var b bytes.Buffer
	b.WriteString("From: Mange <mange@example.dk>\nSubject: Mange dele\nMessage-ID: <many-1@example.dk>\n" +
		"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"M\"\n\n")
	b.WriteString("--M\nContent-Type: text/plain\n\nFørste del.\n")
	for i := range 600 {
		fmt.Fprintf(&b, "--M\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"f%d.bin\"\n\nx\n", i)
	}
	b.WriteString("--M--\n")
	return b.Bytes()
}

// TestGeneratedCorpusUpToDate checks that the generated files on disk are
// what the generators make; run with -update to rewrite them.
func TestGeneratedCorpusUpToDate(t *testing.T) {
	for name, gen := range generated {
		path := filepath.Join("testdata", "parse", name)
		want := gen()
		if *updateParseCorpus {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run go test -run TestGeneratedCorpus -update-corpus)", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its generator; run go test -run TestGeneratedCorpus -update-corpus", name)
		}
	}
}
