package handlers

// Counter is one monotonically increasing figure; a Prometheus counter is one.
type Counter interface{ Inc() }

// Metrics are the figures the handlers count.
type Metrics struct {
	MailEnquiries  Counter // mails that opened an enquiry
	MailFollowUps  Counter // mails that joined an enquiry
	MailIgnored    Counter // auto-replies, bounces, list mail and our own mail with nothing to attach to
	MailUnparsable Counter // mails kept with their raw text and a warning
	MailDuplicates Counter // mails seen before (redelivery, UIDVALIDITY change)
	RepliesSent    Counter
	ReplyFailures  Counter
	SlackPosts     Counter
}

type nop struct{}

func (nop) Inc() {}

// NopMetrics counts nothing.
func NopMetrics() *Metrics {
	return &Metrics{nop{}, nop{}, nop{}, nop{}, nop{}, nop{}, nop{}, nop{}}
}
