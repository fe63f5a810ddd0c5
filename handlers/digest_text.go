package handlers

import (
	"time"

	"github.com/affaldsbot/affaldsbot/locale"
)

// FormatDeadline writes a deadline with its weekday-free date and time of
// day: "4. dec. 2026 kl. 16:00" or "4 Dec 2026 16:00".
func FormatDeadline(t time.Time, lang string) string { return locale.NewPrinter(lang).Deadline(t) }
