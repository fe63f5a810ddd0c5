package imaptest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Message is one stored message as Messages reports it.
type Message struct {
	UID          uint32
	Flags        []string
	InternalDate time.Time
	Raw          []byte
}

// literal adapts a byte slice to imap.LiteralReader.
type literal struct {
	*bytes.Reader
}

// Deliver appends raw to mailbox (created if missing) of every user, with
// the given INTERNALDATE (now when zero), and notifies IDLE clients. It
// returns the new message's UID in the last user's mailbox.
func (s *Server) Deliver(mailbox string, raw []byte, internalDate time.Time) (uint32, error) {
	var uid uint32
	for _, name := range s.userNames() {
		u := s.users[name]
		if err := u.Create(mailbox, nil); err != nil && !isAlreadyExists(err) {
			return 0, fmt.Errorf("imaptest: create %s: %w", mailbox, err)
		}
		data, err := u.Append(mailbox, literal{bytes.NewReader(raw)}, &imap.AppendOptions{Time: internalDate})
		if err != nil {
			return 0, fmt.Errorf("imaptest: deliver to %s: %w", mailbox, err)
		}
		uid = uint32(data.UID)
	}
	return uid, nil
}

func isAlreadyExists(err error) bool {
	var imapErr *imap.Error
	return errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeAlreadyExists
}

// Messages lists mailbox of the first user (by name) in UID order; a missing
// mailbox has none.
func (s *Server) Messages(mailbox string) ([]Message, error) {
	names := s.userNames()
	if len(names) == 0 {
		return nil, nil
	}
	return s.UserMessages(names[0], mailbox)
}

// UserMessages lists mailbox of user in UID order, read over IMAP without
// changing any flag.
func (s *Server) UserMessages(user, mailbox string) ([]Message, error) {
	c, err := s.dial()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if err := c.Login(user, s.secrets[user]).Wait(); err != nil {
		return nil, fmt.Errorf("imaptest: login %s: %w", user, err)
	}
	sel, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		if isNonExistent(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("imaptest: examine %s: %w", mailbox, err)
	}
	if sel.NumMessages == 0 {
		return nil, nil
	}
	return fetchAll(c)
}

func isNonExistent(err error) bool {
	var imapErr *imap.Error
	return errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeNonExistent
}

func (s *Server) dial() (*imapclient.Client, error) {
	opts := &imapclient.Options{TLSConfig: s.ClientTLSConfig()}
	var (
		c   *imapclient.Client
		err error
	)
	switch s.tlsMode {
	case TLSImplicit:
		c, err = imapclient.DialTLS(s.Addr(), opts)
	case TLSStartTLS:
		c, err = imapclient.DialStartTLS(s.Addr(), opts)
	default:
		c, err = imapclient.DialInsecure(s.Addr(), opts)
	}
	if err != nil {
		return nil, fmt.Errorf("imaptest: dial: %w", err)
	}
	return c, nil
}

func fetchAll(c *imapclient.Client) ([]Message, error) {
	body := &imap.FetchItemBodySection{Peek: true}
	bufs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{
		UID: true, Flags: true, InternalDate: true, BodySection: []*imap.FetchItemBodySection{body},
	}).Collect()
	if err != nil {
		return nil, fmt.Errorf("imaptest: fetch: %w", err)
	}
	msgs := make([]Message, 0, len(bufs))
	for _, b := range bufs {
		m := Message{UID: uint32(b.UID), InternalDate: b.InternalDate, Raw: b.FindBodySection(body)}
		for _, f := range b.Flags {
			m.Flags = append(m.Flags, string(f))
		}
		msgs = append(msgs, m)
	}
	slices.SortFunc(msgs, func(a, b Message) int { return int(a.UID) - int(b.UID) })
	return msgs, nil
}

// ResetMailbox deletes mailbox and creates it empty again for every user, so
// it gets a new UIDVALIDITY, as when a server rebuilds its index. Clients
// that have it selected see the change once they reconnect.
func (s *Server) ResetMailbox(mailbox string) error {
	for _, name := range s.userNames() {
		u := s.users[name]
		if err := u.Delete(mailbox); err != nil && !isNonExistent(err) {
			return fmt.Errorf("imaptest: delete %s: %w", mailbox, err)
		}
		if err := u.Create(mailbox, nil); err != nil {
			return fmt.Errorf("imaptest: create %s: %w", mailbox, err)
		}
	}
	return nil
}
