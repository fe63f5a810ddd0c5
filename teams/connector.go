package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// Token endpoints and scope of the Bot Connector's client-credentials flow.
const (
	// MultiTenantTokenURL is for multi-tenant app registrations.
	MultiTenantTokenURL = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
	// ConnectorScope is the scope of tokens for the Bot Connector.
	ConnectorScope = "https://api.botframework.com/.default"
)

// SingleTenantTokenURL is the token endpoint of a single-tenant app
// registration in tenant.
func SingleTenantTokenURL(tenant string) string {
	return "https://login.microsoftonline.com/" + url.PathEscape(tenant) + "/oauth2/v2.0/token"
}

// TokenURL picks the endpoint: the tenant's when one is given, else the
// multi-tenant one.
func TokenURL(tenant string) string {
	if tenant == "" {
		return MultiTenantTokenURL
	}
	return SingleTenantTokenURL(tenant)
}

// ClientConfig configures a Client.
type ClientConfig struct {
	AppID, AppPassword string
	TenantID           string // empty for a multi-tenant registration
	TokenURL           string // overrides TokenURL(TenantID), for tests
	HTTPClient         *http.Client
	MaxAttempts        int           // attempts per call when answered 429; default 4
	MaxRetryAfter      time.Duration // longest wait honoured; default 60s
}

// Client calls the Bot Connector REST API.
type Client struct {
	hc          *http.Client
	maxAttempts int
	maxWait     time.Duration
}

// NewClient returns a client whose requests carry a client-credentials
// token, fetched and renewed by golang.org/x/oauth2.
func NewClient(ctx context.Context, cfg ClientConfig) *Client {
	tokenURL := cfg.TokenURL
	if tokenURL == "" {
		tokenURL = TokenURL(cfg.TenantID)
	}
	c := &Client{hc: tokenClient(ctx, cfg.HTTPClient, cfg.AppID, cfg.AppPassword, tokenURL, ConnectorScope), maxAttempts: cfg.MaxAttempts, maxWait: cfg.MaxRetryAfter}
	if c.maxAttempts <= 0 {
		c.maxAttempts = 4
	}
	if c.maxWait <= 0 {
		c.maxWait = time.Minute
	}
	return c
}

// Account is a user or bot in a conversation.
type Account struct {
	ID          string `json:"id,omitempty"`
	Name        string `json:"name,omitempty"`
	AADObjectID string `json:"aadObjectId,omitempty"`
}

// ConversationAccount names a conversation.
type ConversationAccount struct {
	ID string `json:"id"`
}

// Attachment carries a card.
type Attachment struct {
	ContentType string `json:"contentType"`
	Content     any    `json:"content,omitempty"`
}

// Activity is the part of the Bot Framework activity schema the bot uses.
type Activity struct {
	Type         string               `json:"type"`
	ID           string               `json:"id,omitempty"`
	ServiceURL   string               `json:"serviceUrl,omitempty"`
	ChannelID    string               `json:"channelId,omitempty"`
	From         *Account             `json:"from,omitempty"`
	Conversation *ConversationAccount `json:"conversation,omitempty"`
	ReplyToID    string               `json:"replyToId,omitempty"`
	Text         string               `json:"text,omitempty"`
	TextFormat   string               `json:"textFormat,omitempty"`
	Attachments  []Attachment         `json:"attachments,omitempty"`
}

// tokenClient is an HTTP client whose requests carry a client-credentials
// token for scope, fetched and renewed by golang.org/x/oauth2; hc, when
// given, makes the token requests.
func tokenClient(ctx context.Context, hc *http.Client, appID, password, tokenURL, scope string) *http.Client {
	if hc != nil {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, hc)
	}
	cc := clientcredentials.Config{
		ClientID: appID, ClientSecret: password, TokenURL: tokenURL,
		Scopes: []string{scope}, AuthStyle: oauth2.AuthStyleInParams,
	}
	return cc.Client(ctx)
}

// resourceResponse is the Bot Connector's answer to a post or update.
type resourceResponse struct {
	ID string `json:"id"`
}

// APIError is a refusal by the Bot Connector.
type APIError struct {
	Status int
	Body   string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("bot connector: status %d: %s", e.Status, e.Body)
}

// SendToConversation posts a into conversation and returns the new
// activity's id.
func (c *Client) SendToConversation(ctx context.Context, serviceURL, conversation string, a Activity) (string, error) {
	return c.call(ctx, http.MethodPost, activitiesURL(serviceURL, conversation, ""), a)
}

// ReplyToActivity posts a as a reply to activity in conversation.
func (c *Client) ReplyToActivity(ctx context.Context, serviceURL, conversation, activity string, a Activity) (string, error) {
	a.ReplyToID = activity
	return c.call(ctx, http.MethodPost, activitiesURL(serviceURL, conversation, activity), a)
}

// UpdateActivity replaces activity in conversation with a.
func (c *Client) UpdateActivity(ctx context.Context, serviceURL, conversation, activity string, a Activity) (string, error) {
	a.ID = activity
	return c.call(ctx, http.MethodPut, activitiesURL(serviceURL, conversation, activity), a)
}

func activitiesURL(serviceURL, conversation, activity string) string {
	u := strings.TrimRight(serviceURL, "/") + "/v3/conversations/" + url.PathEscape(conversation) + "/activities"
	if activity != "" {
		u += "/" + url.PathEscape(activity)
	}
	return u
}

// DeleteActivity deletes activity from conversation.
func (c *Client) DeleteActivity(ctx context.Context, serviceURL, conversation, activity string) error {
	_, err := c.call(ctx, http.MethodDelete, activitiesURL(serviceURL, conversation, activity), nil)
	return err
}

// ConversationParameters start a conversation: for a personal chat, the
// bot and one member in the tenant.
type ConversationParameters struct {
	IsGroup     bool           `json:"isGroup"`
	Bot         Account        `json:"bot"`
	Members     []Account      `json:"members"`
	TenantID    string         `json:"tenantId,omitempty"`
	ChannelData map[string]any `json:"channelData,omitempty"`
}

// CreateConversation starts (or, for a personal chat that exists, finds)
// a conversation and returns its id.
func (c *Client) CreateConversation(ctx context.Context, serviceURL string, p ConversationParameters) (string, error) {
	return c.call(ctx, http.MethodPost, strings.TrimRight(serviceURL, "/")+"/v3/conversations", p)
}

func (c *Client) call(ctx context.Context, method, u string, payload any) (string, error) {
	var body []byte
	if payload != nil {
		b, err := json.Marshal(payload)
		if err != nil {
			return "", err
		}
		body = b
	}
	for attempt := 1; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
		if err != nil {
			return "", err
		}
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := c.hc.Do(req)
		if err != nil {
			return "", fmt.Errorf("bot connector: %w", err)
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		if err != nil {
			return "", fmt.Errorf("bot connector: %w", err)
		}
		if resp.StatusCode == http.StatusTooManyRequests && attempt < c.maxAttempts {
			wait := retryAfter(resp.Header.Get("Retry-After"), attempt)
			if wait > c.maxWait {
				return "", &APIError{Status: resp.StatusCode, Body: "Retry-After beyond the longest wait"}
			}
			if err := sleep(ctx, wait); err != nil {
				return "", err
			}
			continue
		}
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return "", &APIError{Status: resp.StatusCode, Body: string(data)}
		}
		var rr resourceResponse
		if len(bytes.TrimSpace(data)) > 0 {
			if err := json.Unmarshal(data, &rr); err != nil {
				return "", fmt.Errorf("bot connector: answer: %w", err)
			}
		}
		if rr.ID == "" && method == http.MethodPost {
			return "", errors.New("bot connector: answer names no activity id")
		}
		return rr.ID, nil
	}
}

// retryAfter reads a Retry-After header in seconds or as an HTTP date; with
// none, it backs off exponentially from one second.
func retryAfter(h string, attempt int) time.Duration {
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
		return 0
	}
	return time.Duration(1<<(attempt-1)) * time.Second
}
