package llm_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/llm"
	"github.com/affaldsbot/affaldsbot/llm/llmtest"
	"github.com/google/go-cmp/cmp"
)

func TestStreamCollectsDeltas(t *testing.T) {
	srv := llmtest.New(t, llmtest.Fixed("Pizzabakker med fedt skal i restaffald [pizzabakker]."))
	c, err := llm.New(llm.Config{APIKey: "sk-test", BaseURL: srv.URL(), Model: "tiny"})
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	got, err := c.Stream(context.Background(), "system rules", "the question", func(s string) { seen = append(seen, s) })
	if err != nil {
		t.Fatal(err)
	}
	if want := "Pizzabakker med fedt skal i restaffald [pizzabakker]."; got != want {
		t.Errorf("Stream = %q, want %q", got, want)
	}
	if len(seen) < 2 || seen[len(seen)-1] != got || !strings.HasPrefix(got, seen[0]) {
		t.Errorf("onDelta saw %q; want growing prefixes ending in the answer", seen)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("server got %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	want := []llmtest.Message{{Role: "system", Content: "system rules"}, {Role: "user", Content: "the question"}}
	if diff := cmp.Diff(want, r.Messages); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
	if !r.Stream || r.Model != "tiny" || r.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-test" {
		t.Errorf("request = stream %v, model %q, path %q, auth %q", r.Stream, r.Model, r.Path, r.Header.Get("Authorization"))
	}
}

func TestAzureUsesDeploymentPathAndKeyHeader(t *testing.T) {
	srv := llmtest.New(t, llmtest.Fixed("ok"))
	c, err := llm.New(llm.Config{APIKey: "azkey", BaseURL: srv.Root(), AzureAPIVersion: "2024-10-21", AzureDeployment: "drafts-4o"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Stream(context.Background(), "s", "u", nil); err != nil {
		t.Fatal(err)
	}
	r := srv.Requests()[0]
	if r.Path != "/openai/deployments/drafts-4o/chat/completions" || r.Query != "api-version=2024-10-21" || r.Header.Get("api-key") != "azkey" {
		t.Errorf("Azure request = path %q, query %q, api-key %q", r.Path, r.Query, r.Header.Get("api-key"))
	}
	if !strings.Contains(c.Provider(), "azure") || strings.Contains(c.Provider(), "azkey") {
		t.Errorf("Provider() = %q; want azure and no key", c.Provider())
	}
}

func TestProviderFailureIsAnError(t *testing.T) {
	srv := llmtest.New(t, func(llmtest.Request) llmtest.Answer { return llmtest.Answer{Status: http.StatusInternalServerError} })
	c, _ := llm.New(llm.Config{BaseURL: srv.URL(), Model: "tiny"})
	if _, err := c.Stream(context.Background(), "s", "u", nil); err == nil || !strings.Contains(err.Error(), "500") {
		t.Errorf("Stream error = %v, want the provider's 500", err)
	}
}

func TestTimeout(t *testing.T) {
	srv := llmtest.New(t, func(llmtest.Request) llmtest.Answer {
		return llmtest.Answer{Text: "slow answer", Delay: 200 * time.Millisecond}
	})
	c, _ := llm.New(llm.Config{BaseURL: srv.URL(), Model: "tiny", Timeout: 100 * time.Millisecond})
	start := time.Now()
	_, err := c.Stream(context.Background(), "s", "u", nil)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "no answer within") {
		t.Errorf("Stream error = %v, want a plain timeout", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("timeout took %s", d)
	}
}

func TestNewRefusesIncompleteConfig(t *testing.T) {
	tests := []struct {
		cfg  llm.Config
		want string
	}{
		{llm.Config{}, "OPENAI_API_KEY"},
		{llm.Config{BaseURL: "http://127.0.0.1:11434/v1"}, "OPENAI_MODEL"},
		{llm.Config{BaseURL: "localhost:11434", Model: "m"}, "OPENAI_BASE_URL"},
		{llm.Config{APIKey: "k", AzureAPIVersion: "2024-10-21", Model: "m"}, "OPENAI_BASE_URL"},
		{llm.Config{APIKey: "k", BaseURL: "https://x.openai.azure.com/"}, "OPENAI_AZURE_DEPLOYMENT"},
	}
	for _, tt := range tests {
		if _, err := llm.New(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%+v) error = %v, want one naming %s", tt.cfg, err, tt.want)
		}
	}
}

func TestProviderNamesTheServer(t *testing.T) {
	tests := []struct {
		cfg  llm.Config
		want string
	}{
		{llm.Config{APIKey: "sk-secret"}, "openai (model gpt-4o-mini)"},
		{llm.Config{BaseURL: "http://127.0.0.1:11434/v1/", Model: "llama3.1"}, "openai-compatible http://127.0.0.1:11434/v1 (model llama3.1)"},
		{llm.Config{APIKey: "k", BaseURL: "https://x.openai.azure.com", Model: "gpt-4o"}, "azure https://x.openai.azure.com (deployment gpt-4o, api-version 2024-10-21)"},
		{llm.Config{BaseURL: "http://user:secret@llm.example.dk/v1", Model: "m"}, "openai-compatible http://redacted@llm.example.dk/v1 (model m)"},
		{llm.Config{APIKey: "k", BaseURL: "https://u:secret@x.openai.azure.com", Model: "gpt-4o"}, "azure https://redacted@x.openai.azure.com (deployment gpt-4o, api-version 2024-10-21)"},
	}
	for _, tt := range tests {
		c, err := llm.New(tt.cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Provider(); got != tt.want {
			t.Errorf("Provider() = %q, want %q", got, tt.want)
		}
	}
}

func TestBadBaseURLErrorHidesCredentials(t *testing.T) {
	_, err := llm.New(llm.Config{BaseURL: "ftp://user:secret@llm.example.dk/v1", Model: "m"})
	if err == nil || !strings.Contains(err.Error(), "OPENAI_BASE_URL") || strings.Contains(err.Error(), "secret") {
		t.Errorf("New error = %v, want one naming OPENAI_BASE_URL without the password", err)
	}
}
