package redact_test

import (
	"testing"

	"github.com/affaldsbot/affaldsbot/redact"
)

func TestURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"http://user:secret@llm.example.dk:11434/v1", "http://redacted@llm.example.dk:11434/v1"},
		{"https://token@proxy.example.dk/api/", "https://redacted@proxy.example.dk/api/"},
		{"postgres://bot:pw@db:5432/x?sslmode=disable&password=pw2", "postgres://redacted@db:5432/x?password=redacted&sslmode=disable"},
		{"https://login.example.dk/t/token?client_secret=abc&api-key=k", "https://login.example.dk/t/token?api-key=redacted&client_secret=redacted"},
		{"https://slack.com/api/", "https://slack.com/api/"},
		{"sqlite:affaldsbot.db", "sqlite:affaldsbot.db"},
		{"http://us er:se%zzcret@host/", "http:[redacted]"},
		{"", ""},
	} {
		if got := redact.URL(tc.in); got != tc.want {
			t.Errorf("URL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
