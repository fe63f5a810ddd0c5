package affaldsbot

import (
	"strconv"
	"time"
)

// Channel is how an enquiry reached the team.
type Channel string

const (
	ChannelMail  Channel = "mail"
	ChannelPhone Channel = "phone"
)

// Status is where an enquiry stands in its lifecycle (docs/lifecycle.md).
type Status string

const (
	StatusNew      Status = "new"
	StatusClaimed  Status = "claimed"
	StatusAnswered Status = "answered"
	StatusClosed   Status = "closed"
)

// Open reports whether the status counts towards the backlog.
func (s Status) Open() bool { return s != StatusClosed }

// Topic is the subject area of an enquiry (docs/lifecycle.md).
type Topic string

const (
	TopicSortering       Topic = "sortering"
	TopicAfhentning      Topic = "afhentning"
	TopicStortIndbo      Topic = "stort_indbo"
	TopicFarligtAffald   Topic = "farligt_affald"
	TopicGenbrugsstation Topic = "genbrugsstation"
	TopicBeholdere       Topic = "beholdere"
	TopicErhverv         Topic = "erhverv"
	TopicKlage           Topic = "klage"
	TopicAndet           Topic = "andet"
)

// Topics lists every topic in the order they are shown.
var Topics = []Topic{
	TopicSortering, TopicAfhentning, TopicStortIndbo, TopicFarligtAffald,
	TopicGenbrugsstation, TopicBeholdere, TopicErhverv, TopicKlage, TopicAndet,
}

// Valid reports whether t is one of Topics.
func (t Topic) Valid() bool {
	for _, v := range Topics {
		if v == t {
			return true
		}
	}
	return false
}

// Enquiry is one citizen matter: a mail conversation or a transferred call.
type Enquiry struct {
	ID              int64      `db:"id"`
	Channel         Channel    `db:"channel"`
	Status          Status     `db:"status"`
	Topic           Topic      `db:"topic"`
	Subject         string     `db:"subject"`
	CitizenName     string     `db:"citizen_name"`
	CitizenEmail    string     `db:"citizen_email"`
	CitizenPhone    string     `db:"citizen_phone"`
	Mailbox         string     `db:"mailbox"` // the route it came in on: mailbox or call queue
	Holder          string     `db:"holder"`  // Slack user ID of the adviser who holds it
	ReceivedAt      time.Time  `db:"received_at"`
	DeadlineAt      *time.Time `db:"deadline_at"`
	FirstResponseAt *time.Time `db:"first_response_at"`
	ClosedAt        *time.Time `db:"closed_at"`
	ErasedAt        *time.Time `db:"erased_at"`   // its texts were erased (GDPR or retention)
	MergedInto      *int64     `db:"merged_into"` // merged into this older enquiry of the citizen's
	CreatedAt       time.Time  `db:"created_at"`
	UpdatedAt       time.Time  `db:"updated_at"`
}

// Ref is the enquiry's short number as shown in Slack: "#1234".
func (e *Enquiry) Ref() string { return "#" + strconv.FormatInt(e.ID, 10) }

// Citizen is the best human label for who wrote or called.
func (e *Enquiry) Citizen() string {
	switch {
	case e.CitizenName != "":
		return e.CitizenName
	case e.CitizenEmail != "":
		return e.CitizenEmail
	}
	return e.CitizenPhone
}

// MessageKind says what a message in an enquiry's conversation is.
type MessageKind string

const (
	MessageInbound  MessageKind = "inbound"  // a citizen's mail
	MessageOutbound MessageKind = "outbound" // a reply sent to the citizen
	MessageNote     MessageKind = "note"     // an adviser's internal note
	MessageCallLog  MessageKind = "call_log" // a call or a call-back attempt
	MessageIgnored  MessageKind = "ignored"  // auto-reply, bounce or list mail kept for the record
)

// Message is one item of an enquiry's conversation.
type Message struct {
	ID          int64       `db:"id"`
	EnquiryID   *int64      `db:"enquiry_id"`
	Kind        MessageKind `db:"kind"`
	MessageID   string      `db:"message_id"` // RFC 5322 Message-ID without brackets
	InReplyTo   string      `db:"in_reply_to"`
	References  string      `db:"refs"` // space separated Message-IDs
	FromAddr    string      `db:"from_addr"`
	ToAddr      string      `db:"to_addr"`
	Subject     string      `db:"subject"`
	Body        string      `db:"body"`   // the readable text
	Quoted      string      `db:"quoted"` // quoted history and signature, folded away
	Author      string      `db:"author"` // Slack user ID for notes and replies
	Reason      string      `db:"reason"` // why it was ignored, or the parse warning
	Raw         []byte      `db:"raw"`
	ContentHash string      `db:"content_hash"`
	SentAt      *time.Time  `db:"sent_at"` // for outbound: when SMTP accepted it
	ReceivedAt  time.Time   `db:"received_at"`
	CreatedAt   time.Time   `db:"created_at"`
}

// Attachment is a file that came with a message.
type Attachment struct {
	ID          int64  `db:"id"`
	MessageID   int64  `db:"message_id"`
	Filename    string `db:"filename"`
	ContentType string `db:"content_type"`
	Size        int64  `db:"size"`
	SHA256      string `db:"sha256"`
	Data        []byte `db:"data"` // nil when over the size cap
	Truncated   bool   `db:"truncated"`
}
