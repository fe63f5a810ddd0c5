package teams_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/affaldsbot/affaldsbot/internal/teamstest"
	"github.com/affaldsbot/affaldsbot/teams"
)

const appID = "0b5a1d6e-1111-4a4a-9c9c-000000000001"

// bodyGuard fails the test when the body is read.
type bodyGuard struct{ t *testing.T }

func (b bodyGuard) Read([]byte) (int, error) {
	b.t.Errorf("body read before the token was checked")
	return 0, io.EOF
}

func newAuth(t *testing.T, fake *teamstest.Server) *teams.Authenticator {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	a, err := teams.NewAuthenticator(ctx, teams.AuthConfig{
		AppID: appID, MetadataURL: fake.MetadataURL(), UnknownKeyRefresh: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// serve passes one request with token through the middleware and returns
// the status and whether the handler ran.
func serve(t *testing.T, a *teams.Authenticator, token string, guard bool) (int, *teams.Claims) {
	t.Helper()
	var got *teams.Claims
	h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = teams.ClaimsFrom(r.Context())
		w.WriteHeader(http.StatusOK)
	}))
	var body io.Reader = strings.NewReader(`{"type":"message"}`)
	if guard {
		body = bodyGuard{t}
	}
	req := httptest.NewRequest(http.MethodPost, "/api/messages", body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, got
}

func TestMiddlewareAcceptsTheConnectorsToken(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID})
	defer fake.Close()
	a := newAuth(t, fake)
	code, claims := serve(t, a, fake.ChannelToken(fake.ServiceURL()), false)
	if code != http.StatusOK || claims == nil {
		t.Fatalf("status %d, claims %v; want 200 and claims", code, claims)
	}
	ctx := context.WithValue(context.Background(), struct{}{}, nil)
	if err := teams.CheckServiceURL(ctx, fake.ServiceURL()); err == nil {
		t.Errorf("CheckServiceURL passed without claims")
	}
}

func TestMiddlewareRefusesBadTokensBeforeReadingTheBody(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID})
	defer fake.Close()
	a := newAuth(t, fake)
	now := time.Now()
	valid := func() jwt.MapClaims {
		return jwt.MapClaims{
			"iss": teamstest.Issuer, "aud": appID, "serviceurl": fake.ServiceURL(),
			"nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(),
		}
	}
	with := func(k string, v any) string {
		c := valid()
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
		return fake.Sign(c)
	}
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	forged := jwt.NewWithClaims(jwt.SigningMethodRS256, valid())
	forged.Header["kid"] = "key-1" // the fake's key id, another key
	forgedStr, _ := forged.SignedString(other)
	hs := jwt.NewWithClaims(jwt.SigningMethodHS256, valid())
	hs.Header["kid"] = "key-1"
	hsStr, _ := hs.SignedString([]byte("secret"))
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, valid()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	good := fake.Sign(valid())
	tampered := good[:strings.LastIndex(good, ".")-2] + "xx" + good[strings.LastIndex(good, "."):]

	for name, tok := range map[string]string{
		"none":           "",
		"forged":         forgedStr,
		"HS256":          hsStr,
		"alg none":       none,
		"tampered":       tampered,
		"expired":        with("exp", now.Add(-10*time.Minute).Unix()),
		"no expiry":      with("exp", nil),
		"not yet valid":  with("nbf", now.Add(10*time.Minute).Unix()),
		"wrong audience": with("aud", "another-app"),
		"wrong issuer":   with("iss", "https://sts.windows.net/evil/"),
		"no serviceurl":  with("serviceurl", nil),
		"garbage":        "abc.def.ghi",
	} {
		t.Run(name, func(t *testing.T) {
			code, claims := serve(t, a, tok, true)
			if code != http.StatusUnauthorized || claims != nil {
				t.Errorf("status %d, handler ran %v; want 401 and no handler", code, claims != nil)
			}
		})
	}
	// Within the five minutes' clock skew the Bot Framework allows, an
	// expired token still passes.
	if code, _ := serve(t, a, with("exp", now.Add(-time.Minute).Unix()), false); code != http.StatusOK {
		t.Errorf("token expired a minute ago: status %d, want 200", code)
	}
}

func TestMiddlewarePicksUpRotatedKeys(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID})
	defer fake.Close()
	a := newAuth(t, fake)
	if code, _ := serve(t, a, fake.ChannelToken(fake.ServiceURL()), false); code != http.StatusOK {
		t.Fatalf("before rotation: status %d", code)
	}
	before := fake.Counts().JWKS
	fake.RotateKeys()
	fake.RetireOldKeys()
	if code, _ := serve(t, a, fake.ChannelToken(fake.ServiceURL()), false); code != http.StatusOK {
		t.Fatalf("after rotation: status %d, want 200", code)
	}
	if after := fake.Counts().JWKS; after <= before {
		t.Errorf("key set fetched %d times before and %d after rotation; want a new fetch", before, after)
	}
}

func TestCheckServiceURL(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID})
	defer fake.Close()
	a := newAuth(t, fake)
	var errSame, errOther error
	h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		errSame = teams.CheckServiceURL(r.Context(), strings.TrimSuffix(fake.ServiceURL(), "/"))
		errOther = teams.CheckServiceURL(r.Context(), "https://evil.example/")
	}))
	req := httptest.NewRequest(http.MethodPost, "/api/messages", nil)
	req.Header.Set("Authorization", "Bearer "+fake.ChannelToken(fake.ServiceURL()))
	h.ServeHTTP(httptest.NewRecorder(), req)
	if errSame != nil || errOther == nil {
		t.Errorf("same serviceUrl: %v (want nil); other: %v (want an error)", errSame, errOther)
	}
}

// checkActivity runs CheckActivity inside a request that passed the middleware.
func checkActivity(t *testing.T, a *teams.Authenticator, token, serviceURL, channel string) error {
	t.Helper()
	var err error
	ran := false
	h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ran = true
		err = a.CheckActivity(r.Context(), serviceURL, channel)
	}))
	req := httptest.NewRequest(http.MethodPost, "/api/messages", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	h.ServeHTTP(httptest.NewRecorder(), req)
	if !ran {
		t.Fatal("token refused")
	}
	return err
}

func TestCheckActivityWantsTheKeyEndorsedForTheChannel(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID})
	defer fake.Close()
	a := newAuth(t, fake)
	tok := fake.ChannelToken(fake.ServiceURL())
	if err := checkActivity(t, a, tok, fake.ServiceURL(), "msteams"); err != nil {
		t.Errorf("msteams: %v, want nil", err)
	}
	if err := checkActivity(t, a, tok, fake.ServiceURL(), "webchat"); err == nil {
		t.Error("webchat: passed with a key endorsed only for msteams")
	}
	if err := checkActivity(t, a, tok, fake.ServiceURL(), ""); err != nil {
		t.Errorf("no channel: %v, want nil", err)
	}
	if err := checkActivity(t, a, tok, "https://evil.example/", "msteams"); err == nil {
		t.Error("another serviceUrl: passed")
	}
	fake.RotateKeys()
	time.Sleep(5 * time.Millisecond) // past UnknownKeyRefresh
	if err := checkActivity(t, a, fake.ChannelToken(fake.ServiceURL()), fake.ServiceURL(), "msteams"); err != nil {
		t.Errorf("after rotation: %v, want the new key's endorsements", err)
	}
}

func TestCheckActivityRefusesKeysEndorsedElsewhere(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID, Endorsements: []string{"webchat"}})
	defer fake.Close()
	a := newAuth(t, fake)
	if err := checkActivity(t, a, fake.ChannelToken(fake.ServiceURL()), fake.ServiceURL(), "msteams"); err == nil {
		t.Error("msteams activity passed with a key endorsed only for webchat")
	}
}
