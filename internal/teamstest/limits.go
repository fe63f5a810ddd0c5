package teamstest

import "time"

// Limit is one of the Bot Connector's limits as a page states it.
type Limit struct {
	Name   string
	Max    int
	Source string
}

// Reference pages the limits come from.
const (
	refFormat    = "https://learn.microsoft.com/en-gb/microsoftteams/platform/bots/how-to/format-your-bot-messages"
	refRateLimit = "https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit"
	refCardSize  = "https://github.com/pnp/prompt-pulse/issues/43" // the service's answer, measured; the card pages give no figure
)

// Limits are every size limit the server enforces, each written once. Where
// two of Microsoft's pages disagree (one edition of the formatting page says
// 100 KB, another 40 KB) the stricter reading is taken.
var Limits = []Limit{
	// The whole activity as UTF-16, answered with 413 MessageSizeTooBig.
	{"message.utf16_bytes", 40 * 1024, refFormat},
	// One Adaptive Card's JSON.
	{"card.bytes", 28 * 1024, refCardSize},
}

// Window is a rate limit: at most Max operations per Per.
type Window struct {
	Per time.Duration
	Max int
}

// PerThread are the per-bot, per-conversation limits of sending to a
// conversation, from refRateLimit's table.
var PerThread = []Window{
	{1 * time.Second, 7},
	{2 * time.Second, 8},
	{30 * time.Second, 60},
	{3600 * time.Second, 1800},
}

func limit(name string) int {
	for _, l := range Limits {
		if l.Name == name {
			return l.Max
		}
	}
	panic("teamstest: no limit " + name)
}
