package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// CitizenData is everything stored about one citizen: their enquiries with
// the whole conversation, raw mail included, and mail of theirs that opened
// no enquiry (auto-replies and the like kept for the record).
type CitizenData struct {
	Enquiries []CitizenEnquiry `json:"enquiries"`
	Unlinked  []CitizenMessage `json:"unlinked_messages"`
}

// CitizenEnquiry is one enquiry with all that hangs on it.
type CitizenEnquiry struct {
	Enquiry  *affaldsbot.Enquiry `json:"enquiry"`
	Messages []CitizenMessage    `json:"messages"`
	Call     *Call               `json:"call,omitempty"`
	Events   []affaldsbot.Event  `json:"events"`
	Drafts   []Draft             `json:"drafts"`
	Forwards []Forward           `json:"forwards"` // sent on to another authority, with the note
	Ratings  []CitizenRating     `json:"ratings"`
}

// CitizenRating is what the citizen said about one reply with rating
// links: the rating (nil until given) and the comment, redacted when it was
// stored.
type CitizenRating struct {
	MessageID   int64      `json:"message_id" db:"message_id"`
	Lang        string     `json:"lang" db:"lang"`
	Rating      *int       `json:"rating" db:"rating"`
	Comment     string     `json:"comment" db:"comment"`
	RatedAt     *time.Time `json:"rated_at" db:"rated_at"`
	ChangedAt   *time.Time `json:"changed_at" db:"changed_at"`
	CommentedAt *time.Time `json:"commented_at" db:"commented_at"`
}

// CitizenMessage is a message with its raw bytes and attachment data.
type CitizenMessage struct {
	affaldsbot.Message
	Attachments []affaldsbot.Attachment `json:"attachments"`
}

// CitizenEnquiryIDs returns the enquiries of a citizen: those whose e-mail
// address equals email in any case, or whose phone number phoneMatch
// accepts. An empty email or a nil phoneMatch matches nothing.
func (db *DB) CitizenEnquiryIDs(ctx context.Context, email string, phoneMatch func(string) bool) ([]int64, error) {
	var ids []int64
	if email = strings.TrimSpace(email); email != "" {
		err := db.SelectContext(ctx, &ids, db.Rebind(`SELECT id FROM enquiries
			WHERE citizen_email <> '' AND lower(citizen_email) = lower(?) ORDER BY id`), email)
		if err != nil {
			return nil, fmt.Errorf("enquiries of citizen: %w", err)
		}
	}
	if phoneMatch == nil {
		return ids, nil
	}
	var rows []struct {
		ID    int64  `db:"id"`
		Phone string `db:"citizen_phone"`
	}
	if err := db.SelectContext(ctx, &rows, `SELECT id, citizen_phone FROM enquiries WHERE citizen_phone <> '' ORDER BY id`); err != nil {
		return nil, fmt.Errorf("enquiries of citizen: %w", err)
	}
	for _, r := range rows {
		if phoneMatch(r.Phone) {
			ids = append(ids, r.ID)
		}
	}
	return ids, nil
}

// UnlinkedMessageIDs returns the mail from address that belongs to no
// enquiry.
func (db *DB) UnlinkedMessageIDs(ctx context.Context, address string) ([]int64, error) {
	var ids []int64
	if address = strings.TrimSpace(address); address == "" {
		return nil, nil
	}
	err := db.SelectContext(ctx, &ids, db.Rebind(`SELECT id FROM messages
		WHERE enquiry_id IS NULL AND lower(from_addr) = lower(?) ORDER BY id`), address)
	if err != nil {
		return nil, fmt.Errorf("unlinked mail of citizen: %w", err)
	}
	return ids, nil
}

// CitizenRecord reads everything about the given enquiries and unlinked
// messages, for a right-of-access export.
func (db *DB) CitizenRecord(ctx context.Context, enquiryIDs, unlinked []int64) (*CitizenData, error) {
	out := &CitizenData{Enquiries: []CitizenEnquiry{}, Unlinked: []CitizenMessage{}}
	for _, id := range enquiryIDs {
		ce, err := db.citizenEnquiry(ctx, id)
		if err != nil {
			return nil, err
		}
		out.Enquiries = append(out.Enquiries, *ce)
	}
	for _, id := range unlinked {
		ms, err := db.fullMessages(ctx, `id = ?`, id)
		if err != nil {
			return nil, err
		}
		out.Unlinked = append(out.Unlinked, ms...)
	}
	return out, nil
}

func (db *DB) citizenEnquiry(ctx context.Context, id int64) (*CitizenEnquiry, error) {
	e, err := db.GetEnquiry(ctx, id)
	if err != nil {
		return nil, err
	}
	ce := &CitizenEnquiry{Enquiry: e}
	if ce.Messages, err = db.fullMessages(ctx, `enquiry_id = ?`, id); err != nil {
		return nil, err
	}
	if ce.Events, err = db.Events(ctx, id); err != nil {
		return nil, err
	}
	if ce.Drafts, err = db.enquiryDrafts(ctx, id); err != nil {
		return nil, err
	}
	if ce.Ratings, err = db.enquiryRatings(ctx, id); err != nil {
		return nil, err
	}
	if ce.Forwards, err = db.enquiryForwards(ctx, id); err != nil {
		return nil, err
	}
	ce.Call, err = db.enquiryCall(ctx, id)
	return ce, err
}

// enquiryRatings reads the ratings of an enquiry's replies, oldest reply
// first; never the token's hash.
func (db *DB) enquiryRatings(ctx context.Context, id int64) ([]CitizenRating, error) {
	out := []CitizenRating{}
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT message_id, lang, rating, comment, rated_at, changed_at, commented_at
		FROM csat_ratings WHERE enquiry_id = ? ORDER BY message_id`), id)
	if err != nil {
		return nil, fmt.Errorf("ratings of enquiry %d: %w", id, err)
	}
	return out, nil
}

// fullMessages reads messages with their raw bytes and attachments.
func (db *DB) fullMessages(ctx context.Context, where string, arg any) ([]CitizenMessage, error) {
	var ms []affaldsbot.Message
	err := db.SelectContext(ctx, &ms, db.Rebind(`SELECT `+messageColumns+`, raw FROM messages WHERE `+where+` ORDER BY id`), arg)
	if err != nil {
		return nil, fmt.Errorf("messages of citizen: %w", err)
	}
	out := make([]CitizenMessage, len(ms))
	for i := range ms {
		out[i].Message = ms[i]
		if out[i].Attachments, err = db.Attachments(ctx, ms[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (db *DB) enquiryDrafts(ctx context.Context, id int64) ([]Draft, error) {
	out := []Draft{}
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT `+draftColumns+` FROM drafts WHERE enquiry_id = ? ORDER BY id`), id)
	if err != nil {
		return nil, fmt.Errorf("drafts of enquiry %d: %w", id, err)
	}
	return out, nil
}

func (db *DB) enquiryCall(ctx context.Context, id int64) (*Call, error) {
	var out []Call
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT `+callColumns+` FROM calls WHERE enquiry_id = ?`), id)
	if err != nil || len(out) == 0 {
		return nil, wrapErr(err, "call of enquiry %d", id)
	}
	return &out[0], nil
}

// EnquiriesReceivedBefore returns up to limit enquiries received before t
// whose texts are not erased yet, oldest first.
func (db *DB) EnquiriesReceivedBefore(ctx context.Context, t time.Time, limit int) ([]int64, error) {
	var ids []int64
	err := db.SelectContext(ctx, &ids, db.Rebind(`SELECT id FROM enquiries
		WHERE received_at < ? AND erased_at IS NULL ORDER BY received_at, id LIMIT ?`), utc(t), limit)
	if err != nil {
		return nil, fmt.Errorf("enquiries received before %s: %w", t.Format(time.DateOnly), err)
	}
	return ids, nil
}

func wrapErr(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// MailMessageIDs returns the Message-IDs of everything that went through
// the shared mailbox for the given enquiries and unlinked messages: the
// citizen's mail, our replies, and the copies filed to the case-management
// system or forwarded to another authority (kept in Sent). Erasure leaves
// Message-IDs in place, so this works after it too.
func (db *DB) MailMessageIDs(ctx context.Context, enquiryIDs, messageIDs []int64) ([]string, error) {
	var out []string
	add := func(q string, id int64) error {
		var ids []string
		if err := db.SelectContext(ctx, &ids, db.Rebind(q), id); err != nil {
			return fmt.Errorf("message ids: %w", err)
		}
		out = append(out, ids...)
		return nil
	}
	for _, id := range enquiryIDs {
		if err := add(`SELECT message_id FROM messages WHERE enquiry_id = ? AND message_id <> '' ORDER BY id`, id); err != nil {
			return nil, err
		}
		if err := add(`SELECT message_id FROM filings WHERE enquiry_id = ? ORDER BY id`, id); err != nil {
			return nil, err
		}
		if err := add(`SELECT message_id FROM forwards WHERE enquiry_id = ? ORDER BY id`, id); err != nil {
			return nil, err
		}
	}
	for _, id := range messageIDs {
		if err := add(`SELECT message_id FROM messages WHERE id = ? AND message_id <> ''`, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}
