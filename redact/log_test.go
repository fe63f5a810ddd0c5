package redact_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/redact"
)

func TestLogHandlerScrubsEveryText(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(redact.LogHandler(slog.NewTextHandler(&buf, nil))).With("citizen", "jens@example.dk")
	log.WithGroup("g").Warn("reply to jens@example.dk failed", slog.Any("err", errors.New("550 <jens@example.dk> 12 34 56 78")),
		slog.Group("call", slog.String("number", "+45 12 34 56 78")), slog.Any("cpr", []string{"010190-1234"}), slog.Int("enquiry", 12))
	out := buf.String()
	for _, v := range []string{"jens@example.dk", "12 34 56 78", "010190-1234"} {
		if strings.Contains(out, v) {
			t.Errorf("log keeps %q: %s", v, out)
		}
	}
	if !strings.Contains(out, "g.enquiry=12") || !strings.Contains(out, "[EMAIL_1]") {
		t.Errorf("log lost what is not personal: %s", out)
	}
}
