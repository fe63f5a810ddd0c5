package handlers

// SyncSlackArgs makes Slack show an enquiry: its root message (posted once),
// then every item of its conversation not yet in the thread, in order.
type SyncSlackArgs struct {
	EnquiryID int64 `json:"enquiry_id"`
}

func (SyncSlackArgs) Kind() string { return "sync_slack" }

// UpdateRootArgs re-renders an enquiry's root message after a change.
type UpdateRootArgs struct {
	EnquiryID int64 `json:"enquiry_id"`
}

func (UpdateRootArgs) Kind() string { return "update_root" }

// SendReplyArgs sends one stored outbound message to the citizen.
type SendReplyArgs struct {
	MessageID int64 `json:"message_id"`
}

func (SendReplyArgs) Kind() string { return "send_reply" }
