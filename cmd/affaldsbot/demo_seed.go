package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/affaldsbot/affaldsbot/httpapi"
	"github.com/affaldsbot/affaldsbot/internal/demoseed"
	"github.com/affaldsbot/affaldsbot/storage"
)

// deliver puts one citizen mail into the shared mailbox, where the bot's
// IMAP IDLE sees it.
func (w *demoWorld) deliver(m demoseed.Mail, h demoseed.Header) error {
	h.To = demoMailFrom
	if h.Date.IsZero() {
		h.Date = time.Now()
	}
	if _, err := w.imap.Deliver("INBOX", m.Raw(h), h.Date); err != nil {
		return fmt.Errorf("demo: deliver %q: %w", m.Subject, err)
	}
	return nil
}

// seedMails delivers the sample mails as if they arrived over the last
// hour, each once the one before is shown, so that they keep their order.
func (w *demoWorld) seedMails(ctx context.Context, db *storage.DB, mails []demoseed.Mail) error {
	now := time.Now()
	for i, m := range mails {
		at := now.Add(-time.Duration(len(mails)-i) * 6 * time.Minute)
		if err := w.deliver(m, demoseed.Header{Date: at}); err != nil {
			return err
		}
		if err := waitUntil(ctx, demoWait, func() (bool, error) { return shownAll(ctx, db, i+1) }); err != nil {
			return fmt.Errorf("demo: %q was not taken in: %w", m.Subject, err)
		}
	}
	return nil
}

// postCall transfers one call through the real webhook, signed as the
// contact centre signs it (docs/calls-webhook.md).
func (w *demoWorld) postCall(ctx context.Context, httpAddr string, c demoseed.Call) error {
	body, err := json.Marshal(map[string]any{"call_id": c.CallID, "caller_number": c.CallerNumber, "caller_name": c.CallerName,
		"note": c.Note, "queue": "affald", "transferred_by": c.TransferredBy, "transferred_at": time.Now().Format(time.RFC3339)})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+httpAddr+"/api/calls", bytes.NewReader(body))
	if err != nil {
		return err
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(w.secret))
	fmt.Fprintf(mac, "%s.%s", ts, body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(httpapi.HeaderCallTimestamp, ts)
	req.Header.Set(httpapi.HeaderCallSignature, "sha256="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("demo: transfer call %s: %w", c.CallID, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("demo: transfer call %s: %s %s", c.CallID, resp.Status, bytes.TrimSpace(msg))
	}
	return nil
}

// seed delivers the sample mails and then transfers the sample calls, one
// at a time, so that they are #1 to #12 in order.
func (w *demoWorld) seed(ctx context.Context, m *Main) error {
	mails, calls := demoseed.Mails(), demoseed.Calls()
	if err := w.seedMails(ctx, m.DB, mails); err != nil {
		return err
	}
	for i, c := range calls {
		if err := w.postCall(ctx, m.HTTPAddr(), c); err != nil {
			return err
		}
		if err := waitUntil(ctx, demoWait, func() (bool, error) { return shownAll(ctx, m.DB, len(mails)+i+1) }); err != nil {
			return fmt.Errorf("demo: call %s was not shown: %w", c.CallID, err)
		}
	}
	return nil
}

// demoWait bounds every wait of the demo.
const demoWait = 45 * time.Second

// waitUntil polls cond until it holds, fails, or timeout or ctx ends.
func waitUntil(ctx context.Context, timeout time.Duration, cond func() (bool, error)) error {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := cond()
		if err != nil || ok {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("still waiting after %s", timeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// shownAll reports whether every enquiry's root and thread items are posted.
func shownAll(ctx context.Context, db *storage.DB, want int) (bool, error) {
	es, err := db.ListEnquiries(ctx, storage.EnquiryFilter{Limit: 10000})
	if err != nil || len(es) < want {
		return false, err
	}
	for _, e := range es {
		ref, ok, err := db.SlackRef(ctx, e.ID)
		if err != nil || !ok || ref.RootTS == "" {
			return false, err
		}
		if items, err := db.UnpostedMessages(ctx, e.ID); err != nil || len(items) > 0 {
			return false, err
		}
	}
	return true, nil
}
