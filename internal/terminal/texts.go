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

func (c *Chat) status(s affaldsbot.Status) string {
	return locale.NewPrinter(c.lang).Printf("status_" + string(s))
}
