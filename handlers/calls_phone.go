package handlers

import (
	"strings"

	"github.com/affaldsbot/affaldsbot"
)

// PhoneOrRaw is the E.164 form of raw, or raw itself (trimmed) when it does
// not normalise, so nothing the contact centre sent is lost.
func PhoneOrRaw(raw string) string {
	if n := affaldsbot.NormalisePhone(raw); n != "" {
		return n
	}
	return strings.TrimSpace(raw)
}
