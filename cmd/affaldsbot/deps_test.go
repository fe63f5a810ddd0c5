package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBinaryDoesNotLinkTesting: the production binary carries none of the
// testing package; the in-process servers the demo uses (internal/imaptest,
// internal/smtptest, internal/slacktest) must not import it.
func TestBinaryDoesNotLinkTesting(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list -deps printed %d packages, want the binary's whole graph", len(deps))
	}
	for _, forbidden := range []string{"testing", "testing/iotest", "testing/fstest", "net/http/httptest"} {
		for _, d := range deps {
			if d == forbidden {
				t.Errorf("the binary links %s; find the importer with: go list -deps -f '{{.ImportPath}} {{.Imports}}' ./cmd/affaldsbot | grep -w %s", forbidden, forbidden)
			}
		}
	}
}
