package mail

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// clientCredentials fetches tokens with the OAuth 2.0 client-credentials
// grant and reuses each until shortly before it expires.
type clientCredentials struct {
	conf *clientcredentials.Config

	mu    sync.Mutex
	token *oauth2.Token
}

// NewClientCredentialsTokenSource returns a TokenSource for the
// client-credentials grant at tokenURL, as Microsoft 365 uses for a shared
// mailbox (scope "https://outlook.office365.com/.default").
func NewClientCredentialsTokenSource(tokenURL, clientID, secret string, scopes []string) TokenSource {
	return &clientCredentials{conf: &clientcredentials.Config{
		ClientID:     clientID,
		ClientSecret: secret,
		TokenURL:     tokenURL,
		Scopes:       scopes,
	}}
}

// Token returns a valid access token, fetching a new one when needed.
func (c *clientCredentials) Token(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token.Valid() {
		return c.token.AccessToken, nil
	}
	t, err := c.conf.Token(ctx)
	if err != nil {
		return "", fmt.Errorf("fetch oauth token: %w", err)
	}
	if t.Expiry.IsZero() {
		t.Expiry = time.Now().Add(5 * time.Minute)
	}
	c.token = t
	return t.AccessToken, nil
}
