package teamstest

import "time"

// Limit is one of the Bot Connector's limits as a page states it.
type Limit struct {
	Name   string
	Max    int
	Source string
}

// Reference pages the limits come from, each Microsoft's own. Where the page
// is kept in a public repository the commit read is named, since the pages
// change.
const (
	// "Format your bot messages": "The bot message size limit is 40 KB …
	// 413 status code (RequestEntityTooLarge), which contains the error code
	// MessageSizeTooBig … includes the entire message payload encoded as
	// UTF-16" (the en-gb edition). Later editions say 100 KB
	// (MicrosoftDocs/msteams-docs commit 04987c0fcdfb13bf34b5654f930b8b666581208b,
	// msteams-platform/bots/how-to/format-your-bot-messages.md), and the
	// live page calls 100 KB approximate and advises staying within 80 KB.
	refFormat = "https://learn.microsoft.com/en-gb/microsoftteams/platform/bots/how-to/format-your-bot-messages"
	// "Limits and specifications for Microsoft Teams": "Channel conversation
	// post size | Approximately 28 KB per post" and "Chat size |
	// Approximately 28 KB per post", approximate "because it includes the
	// message itself (text, image links, etc.), @-mentions, number of
	// connectors, and reactions" (MicrosoftDocs/OfficeDocs-SkypeForBusiness
	// commit 00e700a4d8967b1bc44d7d1ac050d493ed7740a5, Teams/limits-specifications-teams.md).
	refPostSize = "https://learn.microsoft.com/microsoftteams/limits-specifications-teams"
	// "Optimize your bot with rate limiting in Teams", table "Per bot per
	// thread limit", rows "Send to conversation": 1 s 7, 2 s 8, 30 s 60,
	// 3600 s 1800 (MicrosoftDocs/msteams-docs commit
	// 000c7b8059ce29e9187fde3322ad2b6a89f0611b, msteams-platform/bots/how-to/rate-limit.md).
	refRateLimit = "https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit"
	// "Send and receive messages", "Status code responses": 413 code
	// MessageSizeTooBig "Message size too large."; 429 code Throttled "Too
	// many requests." (MicrosoftDocs/msteams-docs commit
	// 00510c43a477e93a5ee6e51bb60ea542cfdbeeca,
	// msteams-platform/bots/how-to/conversations/conversation-messages.md).
	refStatusCodes = "https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-messages#status-code-responses"
)

// Limits are every size limit the server enforces, each written once. Where
// Microsoft's pages disagree the stricter reading is taken: a message the
// fake accepts is one every edition of the page accepts.
var Limits = []Limit{
	// The whole activity as UTF-16: 40 KB in the stricter edition.
	{"message.utf16_bytes", 40 * 1024, refFormat},
	// One Adaptive Card's JSON: a post of about 28 KB, the card being the
	// post's content.
	{"card.bytes", 28 * 1024, refPostSize},
}

// Error codes and messages of the Bot Connector's refusals (refStatusCodes).
const (
	codeTooBig       = "MessageSizeTooBig"
	messageTooBig    = "Message size too large."
	codeThrottled    = "Throttled"
	messageThrottled = "Too many requests."
)

// Window is a rate limit: at most Max operations per Per.
type Window struct {
	Per time.Duration
	Max int
}

// PerThread are the per-bot, per-conversation limits of sending to a
// conversation, from refRateLimit's table. (The same page puts the
// per-thread limit for all bots at 14 a second and 16 in two seconds, and
// the global limit per app per tenant at 30 requests a second in the edition
// read, 50 in others; one bot in one conversation meets the table below
// first.)
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
