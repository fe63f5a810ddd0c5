package config

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the README's settings table")

const (
	beginMarker = "<!-- settings:begin (generated from config/table.go: go test ./config -update) -->\n"
	endMarker   = "<!-- settings:end -->"
)

// TestREADMEListsEverySetting keeps the README's settings table identical to
// the code's.
func TestREADMEListsEverySetting(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, beginMarker), strings.Index(readme, endMarker)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the settings markers %q … %q", beginMarker, endMarker)
	}
	want := readme[:i+len(beginMarker)] + Markdown() + readme[j:]
	if *update {
		if err := os.WriteFile("../README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != readme {
		t.Error("README.md's settings table differs from config/table.go; run go test ./config -update")
	}
}
