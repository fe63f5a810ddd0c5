package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"
)

// endorsements keeps each signing key's endorsements: the channels (such as
// "msteams") the key may sign for. The key set library keeps no fields
// beyond the standard ones, so the key set is read for them here too.
type endorsements struct {
	url    string
	client *http.Client
	every  time.Duration // the least time between two fetches

	mu      sync.Mutex
	byKID   map[string][]string
	fetched time.Time
}

// channels returns the endorsements of kid, fetching the key set again when
// kid is unknown and the last fetch is old enough.
func (e *endorsements) channels(ctx context.Context, kid string) ([]string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if ch, ok := e.byKID[kid]; ok {
		return ch, nil
	}
	if !e.fetched.IsZero() && time.Since(e.fetched) < e.every {
		return nil, fmt.Errorf("teams: signing key %q unknown", kid)
	}
	if err := e.fetch(ctx); err != nil {
		return nil, err
	}
	ch, ok := e.byKID[kid]
	if !ok {
		return nil, fmt.Errorf("teams: signing key %q unknown", kid)
	}
	return ch, nil
}

func (e *endorsements) fetch(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.url, nil)
	if err != nil {
		return err
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return fmt.Errorf("teams: key set: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("teams: key set: status %d", resp.StatusCode)
	}
	var set struct {
		Keys []struct {
			KID          string   `json:"kid"`
			Endorsements []string `json:"endorsements"`
		} `json:"keys"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&set); err != nil {
		return fmt.Errorf("teams: key set: %w", err)
	}
	e.byKID = map[string][]string{}
	for _, k := range set.Keys {
		e.byKID[k.KID] = k.Endorsements
	}
	e.fetched = time.Now()
	return nil
}

// CheckActivity makes the checks that can only follow parsing: the
// activity's serviceUrl must be the token's, and the key that signed the
// token must be endorsed for the activity's channel. An activity that names
// no channel makes no claim to check, as in the Bot Framework SDKs.
func (a *Authenticator) CheckActivity(ctx context.Context, serviceURL, channelID string) error {
	if err := CheckServiceURL(ctx, serviceURL); err != nil {
		return err
	}
	if channelID == "" {
		return nil
	}
	c, _ := ClaimsFrom(ctx)
	ch, err := a.endorse.channels(ctx, c.KeyID)
	if err != nil {
		return err
	}
	if !slices.Contains(ch, channelID) {
		return errors.New("teams: signing key not endorsed for channel " + channelID)
	}
	return nil
}
