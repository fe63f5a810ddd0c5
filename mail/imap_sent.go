package mail

import (
	"context"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// AppendSent stores a copy of a sent message in mailbox (created if
// missing), flagged \Seen.
func AppendSent(ctx context.Context, s IMAPSettings, mailbox string, msg []byte) error {
	c, err := dialIMAP(ctx, s, &imapclient.Options{})
	if err != nil {
		return err
	}
	defer c.Close()
	if err := ensureMailbox(c.Client, mailbox); err != nil {
		return err
	}
	cmd := c.Append(mailbox, int64(len(msg)), &imap.AppendOptions{
		Flags: []imap.Flag{imap.FlagSeen},
		Time:  time.Now(),
	})
	if _, err := cmd.Write(msg); err != nil {
		return fmt.Errorf("append to %s: %w", mailbox, err)
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("append to %s: %w", mailbox, err)
	}
	if _, err := cmd.Wait(); err != nil {
		return fmt.Errorf("append to %s: %w", mailbox, err)
	}
	return c.Logout().Wait()
}

// FindSent reports whether mailbox holds a message with this Message-ID
// (with or without angle brackets). A missing mailbox holds none. Callers
// check it before retrying a send so that no reply goes out twice.
func FindSent(ctx context.Context, s IMAPSettings, mailbox, messageID string) (bool, error) {
	id, err := parseMsgID("Message-ID", messageID)
	if err != nil {
		return false, err
	}
	if id == "" {
		return false, affaldsbot.Errorf(affaldsbot.EINVALID, "find sent: Message-ID is required")
	}
	c, err := dialIMAP(ctx, s, &imapclient.Options{})
	if err != nil {
		return false, err
	}
	defer c.Close()
	if _, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		if isIMAPCode(err, imap.ResponseCodeNonExistent) {
			return false, nil
		}
		return false, fmt.Errorf("examine %s: %w", mailbox, err)
	}
	criteria := &imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: "<" + id + ">"}}}
	data, err := c.UIDSearch(criteria, nil).Wait()
	if err != nil {
		return false, fmt.Errorf("search %s for %s: %w", mailbox, id, err)
	}
	return len(data.AllUIDs()) > 0, nil
}
