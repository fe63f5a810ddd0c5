package e2e

import (
	"fmt"
	"strconv"
	"testing"
)

// tally is what survived: the counts the chaos suite and the replica test
// print and require.
type tally struct {
	Mails, Enquiries, Threads           int // delivered, in the database, with a root in Slack
	Lost, DupThreads, DupPosts, Missing int // mails without a thread, extra roots, items posted twice, items not posted
	Replies, Sent, DupSent, Stray       int // recorded, captured by SMTP, captured twice, captured but not recorded
	Unsent, Flagged                     int // recorded but neither sent nor shown as failed; shown as failed (uncertain after a kill)
	Unfinished, Discarded               int // jobs not completed/cancelled/discarded; jobs given up
	Jobs                                map[string]int
}

func (c tally) String() string {
	return fmt.Sprintf("mails=%d enquiries=%d threads=%d | lost=%d duplicated_threads=%d duplicated_posts=%d missing_posts=%d | "+
		"replies=%d sent=%d duplicated_sent=%d stray_sent=%d unsent=%d flagged_failed=%d | stuck_jobs=%d discarded_jobs=%d jobs=%v",
		c.Mails, c.Enquiries, c.Threads, c.Lost, c.DupThreads, c.DupPosts, c.Missing,
		c.Replies, c.Sent, c.DupSent, c.Stray, c.Unsent, c.Flagged, c.Unfinished, c.Discarded, c.Jobs)
}

// settled reports whether nothing is still on its way.
func (c tally) settled() bool {
	return c.Lost == 0 && c.Missing == 0 && c.Unsent == 0 && c.Unfinished == 0
}

// clean reports whether nothing was lost or duplicated and nothing is stuck.
func (c tally) clean() bool {
	return c.settled() && c.DupThreads == 0 && c.DupPosts == 0 && c.DupSent == 0 && c.Stray == 0 && c.Discarded == 0
}

type dbMessage struct {
	ID        int64  `db:"id"`
	EnquiryID int64  `db:"enquiry_id"`
	Kind      string `db:"kind"`
	MessageID string `db:"message_id"`
	SendState string `db:"send_state"`
}

// count compares the fakes with the database.
func (f *fleet) count(t testing.TB, mails int) tally {
	c := tally{Mails: mails, Jobs: f.jobStates(t)}
	c.Unfinished, c.Discarded = unfinished(c.Jobs), c.Jobs["discarded"]
	var msgs []dbMessage
	if err := f.db.Select(&msgs, `SELECT id, enquiry_id, kind, message_id, send_state FROM messages WHERE enquiry_id IS NOT NULL`); err != nil {
		t.Logf("messages: %v", err)
	}
	if err := f.db.Get(&c.Enquiries, `SELECT COUNT(*) FROM enquiries`); err != nil {
		t.Logf("enquiries: %v", err)
	}
	f.countSlack(&c, msgs)
	f.countMail(&c, msgs)
	return c
}

// countSlack counts roots per enquiry and posts per conversation item.
func (f *fleet) countSlack(c *tally, msgs []dbMessage) {
	roots, posts := map[string]int{}, map[string]int{}
	for _, m := range f.slack.Roots(channel) {
		if m.Metadata == nil {
			continue
		}
		roots[fmt.Sprint(m.Metadata.EventPayload["enquiry_id"])]++
		for _, r := range f.slack.Thread(channel, m.TS)[1:] {
			if r.Metadata != nil && r.Metadata.EventPayload["message_id"] != nil {
				posts[fmt.Sprint(r.Metadata.EventPayload["message_id"])]++
			}
		}
	}
	c.Threads = len(roots)
	c.Lost = max(0, c.Mails-c.Threads)
	c.DupThreads = max(0, c.Enquiries-c.Mails)
	for _, n := range roots {
		c.DupThreads += n - 1
	}
	for _, n := range posts {
		c.DupPosts += max(0, n-1)
	}
	for _, m := range msgs {
		due := m.Kind == "inbound" || m.SendState == "sent"
		if due && posts[strconv.FormatInt(m.ID, 10)] == 0 {
			c.Missing++
		}
	}
}

// countMail matches the mails SMTP captured with the replies recorded.
func (f *fleet) countMail(c *tally, msgs []dbMessage) {
	captured := map[string]int{}
	for _, m := range f.smtp.Mails() {
		captured[headerValue(m.Data, "Message-ID")]++
	}
	recorded := map[string]bool{}
	for _, m := range msgs {
		if m.Kind != "outbound" {
			continue
		}
		c.Replies++
		recorded[m.MessageID] = true
		switch n := captured[m.MessageID]; {
		case n > 0:
			c.Sent++
		case m.SendState == "failed":
			c.Flagged++
		default:
			c.Unsent++
		}
	}
	for mid, n := range captured {
		c.DupSent += n - 1
		if !recorded[mid] {
			c.Stray += n
		}
	}
}
