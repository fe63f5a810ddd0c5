package handlers_test

import (
	"io"
	"log/slog"
	"testing"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// A service is refused when a part every handler needs is missing, and the
// refusal names it.
func TestCheckNamesTheMissingPart(t *testing.T) {
	whole := func() *handlers.Service {
		return &handlers.Service{DB: &storage.DB{}, Slack: &callSlack{}, Directory: adviserSet{}, Calendar: workcal.Default(),
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	}
	if err := whole().Check(); err != nil {
		t.Fatalf("a whole service: %v", err)
	}
	for part, drop := range map[string]func(*handlers.Service){
		"database":  func(s *handlers.Service) { s.DB = nil },
		"chat":      func(s *handlers.Service) { s.Slack = nil },
		"directory": func(s *handlers.Service) { s.Directory = nil },
		"calendar":  func(s *handlers.Service) { s.Calendar = nil },
		"log":       func(s *handlers.Service) { s.Log = nil },
	} {
		s := whole()
		drop(s)
		if err := s.Check(); err == nil || err.Error() != "handlers: no "+part {
			t.Errorf("without the %s: %v", part, err)
		}
	}
}
