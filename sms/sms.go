// Package sms sends text messages through an HTTP SMS gateway, in the
// request format of docs/sms-gateway.md. It never writes the recipient's
// number or the text into an error or a log.
package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// Gateway is an HTTP SMS gateway.
type Gateway struct {
	URL    string // SMS_GATEWAY_URL
	Token  string // SMS_GATEWAY_TOKEN: sent as a bearer token
	Sender string // SMS_SENDER: the sender name the citizen sees
	Client *http.Client
}

// Request is the JSON body of one message.
type Request struct {
	To        string `json:"to"`        // E.164, e.g. +4512345678
	From      string `json:"from"`      // alphanumeric sender, at most 11 characters
	Text      string `json:"text"`      // at most MaxText characters
	Reference string `json:"reference"` // the message's key, also in Idempotency-Key
}

// Send posts one message; key makes it idempotent at the gateway (the same
// key is sent once). A refusal the gateway will give again (4xx other than
// 408 and 429) is EINVALID, so the job is not retried.
func (g *Gateway) Send(ctx context.Context, to, text, key string) error {
	body, err := json.Marshal(Request{To: to, From: g.Sender, Text: text, Reference: key})
	if err != nil {
		return fmt.Errorf("sms %s: %w", key, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("sms %s: %w", key, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+g.Token)
	req.Header.Set("Idempotency-Key", key)
	resp, err := g.client().Do(req)
	if err != nil {
		return fmt.Errorf("sms %s: gateway unreachable", key) // the URL may carry a secret
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return status(key, resp.StatusCode)
}

func status(key string, code int) error {
	switch {
	case code >= 200 && code < 300:
		return nil
	case code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500:
		return fmt.Errorf("sms %s: gateway answered %d", key, code)
	}
	return affaldsbot.Errorf(affaldsbot.EINVALID, "sms %s: gateway refused the message (%d)", key, code)
}

func (g *Gateway) client() *http.Client {
	if g.Client != nil {
		return g.Client
	}
	return &http.Client{Timeout: 15 * time.Second}
}
