package httpapi_test

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/httpapi"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// TestCallsWebhookDocExample runs the curl + openssl example of
// docs/calls-webhook.md against a test server, twice.
func TestCallsWebhookDocExample(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "openssl", "awk"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	snippet := docSnippet(t, "../docs/calls-webhook.md")
	db := storagetest.Open(t, storage.SQLite)
	db.SetEnqueuer(dropJobs{})
	srv := httptest.NewServer(httpapi.NewCallsHandler(callSecret, callService(db), time.Now))
	defer srv.Close()
	for _, want := range []string{`{"status":"created","enquiry_id":"1"}`, `{"status":"exists","enquiry_id":"1"}`} {
		cmd := exec.Command("bash", "-euo", "pipefail", "-c", snippet)
		cmd.Env = append(os.Environ(), "CALLS_WEBHOOK_SECRET="+string(callSecret), "AFFALDSBOT_URL="+srv.URL)
		out, err := cmd.CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != want {
			t.Errorf("example printed %q (%v), want %s", out, err, want)
		}
	}
}

// docSnippet returns the first ```sh block of a Markdown file.
func docSnippet(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```sh\n")
	snippet, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatalf("%s has no sh example", path)
	}
	return snippet
}
