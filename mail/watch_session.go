package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// errHandler marks a handler failure: the message stays unmarked.
var errHandler = errors.New("handler failed")

// watchConn is one logged-in connection with the mailbox selected.
type watchConn struct {
	*imapConn
	wake        chan struct{} // signalled when the server reports EXISTS
	uidValidity uint32
	cursor      uint32 // highest UID handled or committed
}

// session connects, selects and then alternates fetching and waiting until
// an error or the end of ctx. Handler errors back off on the open
// connection.
func (w *Watcher) session(ctx context.Context, b *backoff) error {
	c, err := w.connect(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	w.connected.Store(true)
	w.log.Info("imap watcher connected", slog.Uint64("uidvalidity", uint64(c.uidValidity)))
	for ctx.Err() == nil {
		drain(c.wake)
		err := w.fetchNew(ctx, c)
		if errors.Is(err, errHandler) && ctx.Err() == nil {
			d := b.next()
			w.log.Error("mail handler failed; retrying", slog.Any("err", err), slog.Duration("retry_in", d))
			sleep(ctx, d)
			continue
		}
		if err != nil {
			return err
		}
		b.reset()
		if err := w.wait(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

func (w *Watcher) connect(ctx context.Context) (*watchConn, error) {
	wake := make(chan struct{}, 1)
	opts := &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				signal(wake)
			}
		},
	}}
	ic, err := dialIMAP(ctx, w.s, opts)
	if err != nil {
		return nil, err
	}
	c := &watchConn{imapConn: ic, wake: wake}
	if err := w.prepare(ctx, c); err != nil {
		_ = c.Close()
		return nil, err
	}
	return c, nil
}

// prepare creates DoneMailbox if needed, selects the mailbox and reads the
// committed cursor.
func (w *Watcher) prepare(ctx context.Context, c *watchConn) error {
	if w.s.DoneMailbox != "" {
		if err := ensureMailbox(c.Client, w.s.DoneMailbox); err != nil {
			return err
		}
	}
	sel, err := c.Select(w.s.Mailbox, nil).Wait()
	if err != nil {
		return fmt.Errorf("select %s: %w", w.s.Mailbox, err)
	}
	c.uidValidity = sel.UIDValidity
	c.cursor, err = w.cursors.LastUID(ctx, w.s.Mailbox, sel.UIDValidity)
	if err != nil {
		return fmt.Errorf("read cursor of %s: %w", w.s.Mailbox, err)
	}
	return nil
}

// ensureMailbox creates name unless it exists.
func ensureMailbox(c *imapclient.Client, name string) error {
	list, err := c.List("", name, nil).Collect()
	if err != nil {
		return fmt.Errorf("list %s: %w", name, err)
	}
	if len(list) > 0 {
		return nil
	}
	if err := c.Create(name, nil).Wait(); err != nil && !isIMAPCode(err, imap.ResponseCodeAlreadyExists) {
		return fmt.Errorf("create %s: %w", name, err)
	}
	return nil
}

func isIMAPCode(err error, code imap.ResponseCode) bool {
	var imapErr *imap.Error
	return errors.As(err, &imapErr) && imapErr.Code == code
}

// wait returns when the server reports new mail, after idleRestart, or,
// without IDLE, after pollInterval.
func (w *Watcher) wait(ctx context.Context, c *watchConn) error {
	if !c.Caps().Has(imap.CapIdle) {
		sleep(ctx, w.pollInterval)
		return nil
	}
	idle, err := c.Idle()
	if err != nil {
		return fmt.Errorf("idle: %w", err)
	}
	t := time.NewTimer(w.idleRestart)
	defer t.Stop()
	select {
	case <-c.wake:
	case <-t.C:
	case <-ctx.Done():
	case <-c.Closed():
	}
	if err := idle.Close(); err != nil {
		return fmt.Errorf("stop idle: %w", err)
	}
	if err := idle.Wait(); err != nil {
		return fmt.Errorf("idle: %w", err)
	}
	return nil
}

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

func drain(ch chan struct{}) {
	select {
	case <-ch:
	default:
	}
}
