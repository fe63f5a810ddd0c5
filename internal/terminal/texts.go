package terminal

import (
	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/locale"
)

// t returns the catalogue's text term_KEY in the chat's language, formatted
// with args.
func (c *Chat) t(key string, args ...any) string {
	return locale.NewPrinter(c.lang).Printf("term_"+key, args...)
}

// status is the status as advisers read it; an unknown one as it is.
func (c *Chat) status(s affaldsbot.Status) string {
	if text, ok := locale.NewPrinter(c.lang).Lookup("status_" + string(s)); ok {
		return text
	}
	return string(s)
}
