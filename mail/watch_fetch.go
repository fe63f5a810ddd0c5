package mail

import (
	"context"
	"fmt"
	"slices"

	"github.com/emersion/go-imap/v2"
)

// bodyPeek is BODY.PEEK[]: the whole message, without setting \Seen.
var bodyPeek = &imap.FetchItemBodySection{Peek: true}

// fetchNew handles every message above the cursor, in UID order, one at a
// time so that only one message is held in memory.
func (w *Watcher) fetchNew(ctx context.Context, c *watchConn) error {
	for ctx.Err() == nil {
		uids, err := w.listNew(c)
		if err != nil || len(uids) == 0 {
			return err
		}
		for _, uid := range uids {
			if err := w.handleOne(ctx, c, uid); err != nil {
				return err
			}
		}
	}
	return nil
}

// listNew returns up to w.batch UIDs above the cursor, ascending.
func (w *Watcher) listNew(c *watchConn) ([]imap.UID, error) {
	set := imap.UIDSet{{Start: imap.UID(c.cursor + 1), Stop: 0}}
	msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true}).Collect()
	if err != nil {
		return nil, fmt.Errorf("list new mail: %w", err)
	}
	uids := make([]imap.UID, 0, len(msgs))
	for _, m := range msgs {
		// "n:*" always includes the last message, even below n.
		if uint32(m.UID) > c.cursor {
			uids = append(uids, m.UID)
		}
	}
	slices.Sort(uids)
	if len(uids) > w.batch {
		uids = uids[:w.batch]
	}
	return uids, nil
}

// handleOne fetches one message, hands it over and marks it once accepted.
func (w *Watcher) handleOne(ctx context.Context, c *watchConn, uid imap.UID) error {
	m, ok, err := w.fetchOne(c, uid)
	if err != nil {
		return err
	}
	if ok {
		if err := w.handle(ctx, m); err != nil {
			return fmt.Errorf("%w: uid %d: %w", errHandler, uid, err)
		}
		if err := w.mark(c, uid); err != nil {
			return err
		}
	}
	c.cursor = uint32(uid)
	return nil
}

// fetchOne reads UID, INTERNALDATE and BODY.PEEK[]; ok is false when the
// message has gone meanwhile.
func (w *Watcher) fetchOne(c *watchConn, uid imap.UID) (Incoming, bool, error) {
	bufs, err := c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{
		UID: true, InternalDate: true, BodySection: []*imap.FetchItemBodySection{bodyPeek},
	}).Collect()
	if err != nil {
		return Incoming{}, false, fmt.Errorf("fetch uid %d: %w", uid, err)
	}
	for _, b := range bufs {
		if b.UID == uid {
			return Incoming{
				Mailbox: w.s.Mailbox, UIDValidity: c.uidValidity, UID: uint32(uid),
				InternalDate: b.InternalDate, Raw: b.FindBodySection(bodyPeek),
			}, true, nil
		}
	}
	return Incoming{}, false, nil
}

// mark moves the message to DoneMailbox, or flags it \Seen. A server
// without MOVE gets COPY and \Seen instead: go-imap's fallback would
// expunge, and the watcher never expunges.
func (w *Watcher) mark(c *watchConn, uid imap.UID) error {
	set := imap.UIDSetNum(uid)
	switch {
	case w.s.DoneMailbox == "":
	case c.Caps().Has(imap.CapMove):
		if _, err := c.Move(set, w.s.DoneMailbox).Wait(); err != nil {
			return fmt.Errorf("move uid %d to %s: %w", uid, w.s.DoneMailbox, err)
		}
		return nil
	default:
		if _, err := c.Copy(set, w.s.DoneMailbox).Wait(); err != nil {
			return fmt.Errorf("copy uid %d to %s: %w", uid, w.s.DoneMailbox, err)
		}
	}
	store := &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}
	if err := c.Store(set, store, nil).Close(); err != nil {
		return fmt.Errorf("flag uid %d seen: %w", uid, err)
	}
	return nil
}
