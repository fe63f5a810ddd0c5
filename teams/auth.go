// Package teams holds the parts of a Microsoft Teams chat surface that stand
// on their own: the check of the Bot Framework's token on every incoming
// request, a Bot Connector REST client and the enquiry's Adaptive Card.
package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/time/rate"
)

// Bot Framework values for tokens sent by the Bot Connector to a bot, as
// docs/ and https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
// state them.
const (
	// Issuer is the iss claim of every token the Bot Connector sends.
	Issuer = "https://api.botframework.com"
	// OpenIDMetadataURL is the document that names the signing keys.
	OpenIDMetadataURL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
	// clockSkew is the leeway allowed on exp and nbf.
	clockSkew = 5 * time.Minute
)

// AuthConfig says which tokens an Authenticator accepts.
type AuthConfig struct {
	AppID       string // the audience: the bot's Microsoft app id
	MetadataURL string // OpenIDMetadataURL unless a test serves its own
	Issuer      string // Issuer unless a test serves its own
	HTTPClient  *http.Client
	// KeyRefresh is how often the signing keys are fetched again; an
	// unknown key id also triggers a fetch, at most once per
	// UnknownKeyRefresh.
	KeyRefresh        time.Duration
	UnknownKeyRefresh time.Duration
}

// Authenticator checks the bearer token of requests from the Bot Connector.
type Authenticator struct {
	cfg     AuthConfig
	keys    keyfunc.Keyfunc
	endorse *endorsements
}

type openIDMetadata struct {
	Issuer  string `json:"issuer"`
	JWKSURI string `json:"jwks_uri"`
}

// NewAuthenticator reads the OpenID metadata document and starts keeping
// its key set, cached and refreshed until ctx ends.
func NewAuthenticator(ctx context.Context, cfg AuthConfig) (*Authenticator, error) {
	if cfg.AppID == "" {
		return nil, errors.New("teams: app id missing")
	}
	if cfg.MetadataURL == "" {
		cfg.MetadataURL = OpenIDMetadataURL
	}
	if cfg.Issuer == "" {
		cfg.Issuer = Issuer
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.KeyRefresh <= 0 {
		cfg.KeyRefresh = 24 * time.Hour
	}
	if cfg.UnknownKeyRefresh <= 0 {
		cfg.UnknownKeyRefresh = 5 * time.Minute
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, cfg.MetadataURL, nil)
	if err != nil {
		return nil, err
	}
	resp, err := cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("teams: OpenID metadata: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("teams: OpenID metadata: status %d", resp.StatusCode)
	}
	var md openIDMetadata
	if err := json.NewDecoder(resp.Body).Decode(&md); err != nil {
		return nil, fmt.Errorf("teams: OpenID metadata: %w", err)
	}
	if md.JWKSURI == "" {
		return nil, errors.New("teams: OpenID metadata names no jwks_uri")
	}
	kf, err := keyfunc.NewDefaultOverrideCtx(ctx, []string{md.JWKSURI}, keyfunc.Override{
		Client:            cfg.HTTPClient,
		RefreshInterval:   cfg.KeyRefresh,
		RefreshUnknownKID: rate.NewLimiter(rate.Every(cfg.UnknownKeyRefresh), 1),
		HTTPTimeout:       cfg.HTTPClient.Timeout,
	})
	if err != nil {
		return nil, fmt.Errorf("teams: signing keys: %w", err)
	}
	e := &endorsements{url: md.JWKSURI, client: cfg.HTTPClient, every: cfg.UnknownKeyRefresh}
	return &Authenticator{cfg: cfg, keys: kf, endorse: e}, nil
}

// Claims are the checked claims of a request's token.
type Claims struct {
	jwt.RegisteredClaims
	ServiceURL string `json:"serviceurl"`
	KeyID      string `json:"-"` // the kid of the key that signed the token
}

type claimsKey struct{}

// ClaimsFrom returns the claims Middleware stored for the request.
func ClaimsFrom(ctx context.Context) (*Claims, bool) {
	c, ok := ctx.Value(claimsKey{}).(*Claims)
	return c, ok
}

// Verify checks a bearer token: signature by a key of the metadata's key set
// (RS256), issuer, audience equal to the app id, expiry present and not
// passed, and a serviceurl claim.
func (a *Authenticator) Verify(ctx context.Context, authorization string) (*Claims, error) {
	raw, ok := strings.CutPrefix(authorization, "Bearer ")
	if !ok || raw == "" {
		return nil, errors.New("no bearer token")
	}
	var c Claims
	tok, err := jwt.ParseWithClaims(raw, &c, a.keys.KeyfuncCtx(ctx),
		jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithIssuer(a.cfg.Issuer),
		jwt.WithAudience(a.cfg.AppID),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(clockSkew),
	)
	if err != nil {
		return nil, err
	}
	if c.ServiceURL == "" {
		return nil, errors.New("token has no serviceurl claim")
	}
	c.KeyID, _ = tok.Header["kid"].(string)
	return &c, nil
}

// Middleware refuses with 401 every request whose token does not pass
// Verify, before any of its body is read.
func (a *Authenticator) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := a.Verify(r.Context(), r.Header.Get("Authorization"))
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), claimsKey{}, c)))
	})
}

// CheckServiceURL is the check that can only follow parsing: the activity's
// serviceUrl must be the one the token was issued for.
func CheckServiceURL(ctx context.Context, activityServiceURL string) error {
	c, ok := ClaimsFrom(ctx)
	if !ok {
		return errors.New("teams: request not authenticated")
	}
	if !strings.EqualFold(strings.TrimRight(c.ServiceURL, "/"), strings.TrimRight(activityServiceURL, "/")) {
		return errors.New("teams: activity serviceUrl differs from the token's")
	}
	return nil
}
