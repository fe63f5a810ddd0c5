package mail

import (
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// FetchSince hands fn every message of mailbox received on or after the day
// of since (IMAP SEARCH SINCE compares days), oldest UID first, one message
// in memory at a time, with its INTERNALDATE. It opens the mailbox read-only
// and sets no flags; an error from fn stops it.
func FetchSince(ctx context.Context, s IMAPSettings, mailbox string, since time.Time, fn func(Incoming) error) error {
	c, err := dialIMAP(ctx, s, &imapclient.Options{})
	if err != nil {
		return err
	}
	defer c.Close()
	sel, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return fmt.Errorf("examine %s: %w", mailbox, err)
	}
	data, err := c.UIDSearch(&imap.SearchCriteria{Since: since}, nil).Wait()
	if err != nil {
		return fmt.Errorf("search %s since %s: %w", mailbox, since.Format(time.DateOnly), err)
	}
	for _, uid := range data.AllUIDs() {
		if err := ctx.Err(); err != nil {
			return err
		}
		m, ok, err := fetchUID(c, mailbox, sel.UIDValidity, uid)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := fn(m); err != nil {
			return err
		}
	}
	return c.Logout().Wait()
}

// fetchUID reads one message's INTERNALDATE and BODY.PEEK[]; ok is false
// when it has gone meanwhile.
func fetchUID(c *imapConn, mailbox string, uidValidity uint32, uid imap.UID) (Incoming, bool, error) {
	bufs, err := c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{
		UID: true, InternalDate: true, BodySection: []*imap.FetchItemBodySection{bodyPeek},
	}).Collect()
	if err != nil {
		return Incoming{}, false, fmt.Errorf("fetch %s uid %d: %w", mailbox, uid, err)
	}
	for _, b := range bufs {
		if b.UID == uid {
			return Incoming{Mailbox: mailbox, UIDValidity: uidValidity, UID: uint32(uid),
				InternalDate: b.InternalDate, Raw: b.FindBodySection(bodyPeek)}, true, nil
		}
	}
	return Incoming{}, false, nil
}
