package teams_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/teamstest"
	"github.com/affaldsbot/affaldsbot/teams"
)

const password = "app-password"

func newClient(fake *teamstest.Server, tenant string) *teams.Client {
	return teams.NewClient(context.Background(), teams.ClientConfig{
		AppID: appID, AppPassword: password, TenantID: tenant,
		TokenURL: fake.TokenURL(map[bool]string{true: "botframework.com", false: tenant}[tenant == ""]),
	})
}

func TestTokenURL(t *testing.T) {
	for tenant, want := range map[string]string{
		"":       "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token",
		"t-1234": "https://login.microsoftonline.com/t-1234/oauth2/v2.0/token",
	} {
		if got := teams.TokenURL(tenant); got != want {
			t.Errorf("TokenURL(%q) = %q, want %q", tenant, got, want)
		}
	}
}

func TestClientSendsReplyAndUpdateWithABearerToken(t *testing.T) {
	for _, tenant := range []string{"", "8f4c-tenant"} {
		t.Run("tenant="+tenant, func(t *testing.T) {
			fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password, Tenant: tenant})
			defer fake.Close()
			c := newClient(fake, tenant)
			ctx := context.Background()
			root, err := c.SendToConversation(ctx, fake.ServiceURL(), "19:channel@thread.tacv2", teams.Activity{Type: "message", Text: "root"})
			if err != nil {
				t.Fatal(err)
			}
			reply, err := c.ReplyToActivity(ctx, fake.ServiceURL(), "19:channel@thread.tacv2", root, teams.Activity{Type: "message", Text: "in the thread"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.UpdateActivity(ctx, fake.ServiceURL(), "19:channel@thread.tacv2", root, teams.Activity{Type: "message", Text: "root, updated"}); err != nil {
				t.Fatal(err)
			}
			got := fake.Activities()
			if len(got) != 3 || got[1].ReplyTo != root || got[1].ActivityID != reply || got[2].Method != http.MethodPut || got[2].ActivityID != root {
				t.Fatalf("activities %+v; want post, reply to %s, update of %s", got, root, root)
			}
			if n := fake.Counts(); n.Token != 1 || n.Unauthorised != 0 {
				t.Errorf("token fetched %d times, %d calls refused; want 1 and 0", n.Token, n.Unauthorised)
			}
		})
	}
}

func TestClientWrongPasswordIsRefused(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password})
	defer fake.Close()
	c := teams.NewClient(context.Background(), teams.ClientConfig{AppID: appID, AppPassword: "wrong", TokenURL: fake.TokenURL("botframework.com")})
	if _, err := c.SendToConversation(context.Background(), fake.ServiceURL(), "conv", teams.Activity{Type: "message", Text: "x"}); err == nil {
		t.Fatal("sent with a wrong password")
	}
	if n := len(fake.Activities()); n != 0 {
		t.Errorf("%d activities accepted, want 0", n)
	}
}

func TestFakeRefusesCallsWithoutItsToken(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password})
	defer fake.Close()
	req, _ := http.NewRequest(http.MethodPost, fake.URL+"/v3/conversations/c/activities", strings.NewReader(`{"type":"message"}`))
	req.Header.Set("Authorization", "Bearer "+fake.ChannelToken(fake.ServiceURL())) // signed, but not issued to the bot
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("status %d, want 401", resp.StatusCode)
	}
}

func TestClientWaitsRetryAfterOn429(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password})
	defer fake.Close()
	c := newClient(fake, "")
	fake.Throttle(1, 1)
	start := time.Now()
	if _, err := c.SendToConversation(context.Background(), fake.ServiceURL(), "conv", teams.Activity{Type: "message", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("retried after %v, want at least the 1s of Retry-After", d)
	}
	if n := len(fake.Activities()); n != 1 {
		t.Errorf("%d activities, want 1", n)
	}
}

func TestClientGivesUpAfterItsAttempts(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password})
	defer fake.Close()
	c := teams.NewClient(context.Background(), teams.ClientConfig{
		AppID: appID, AppPassword: password, TokenURL: fake.TokenURL("botframework.com"), MaxAttempts: 2,
	})
	fake.Throttle(5, 0)
	_, err := c.SendToConversation(context.Background(), fake.ServiceURL(), "conv", teams.Activity{Type: "message", Text: "x"})
	var apiErr *teams.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusTooManyRequests {
		t.Fatalf("error %v, want a 429 APIError", err)
	}
}

func TestFakeRateLimitsAThreadAndTheClientRidesIt(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password})
	defer fake.Close()
	c := newClient(fake, "")
	start := time.Now()
	for i := range 8 {
		if _, err := c.SendToConversation(context.Background(), fake.ServiceURL(), "conv", teams.Activity{Type: "message", Text: "x"}); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	// Seven per second are allowed in one conversation; the eighth waits.
	if d := time.Since(start); d < 500*time.Millisecond {
		t.Errorf("8 sends took %v; the fake let more than 7 a second through", d)
	}
}

func TestFakeRefusesOversizedMessages(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password})
	defer fake.Close()
	c := newClient(fake, "")
	_, err := c.SendToConversation(context.Background(), fake.ServiceURL(), "conv", teams.Activity{Type: "message", Text: strings.Repeat("æ", 21*1024)})
	var apiErr *teams.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("error %v, want 413", err)
	}
	big := map[string]any{"type": "AdaptiveCard", "version": "1.5", "body": []any{map[string]any{"type": "TextBlock", "text": strings.Repeat("a", 29*1024)}}}
	_, err = c.SendToConversation(context.Background(), fake.ServiceURL(), "conv", teams.Activity{Type: "message", Attachments: []teams.Attachment{teams.CardAttachment(big)}})
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("card of 29 KB: error %v, want 413", err)
	}
}

// TestFakeRefusesWhatTheBotConnectorRefuses: deleting an activity that is
// not there, posting to the reply chain of a post that does not exist, and a
// personal chat without the tenant or with more than one member.
func TestFakeRefusesWhatTheBotConnectorRefuses(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password, Tenant: "t-1"})
	defer fake.Close()
	c := newClient(fake, "t-1")
	ctx := context.Background()
	const ch = "19:channel@thread.tacv2"
	root, err := c.SendToConversation(ctx, fake.ServiceURL(), ch, teams.Activity{Type: "message", Text: "root"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteActivity(ctx, fake.ServiceURL(), ch, root); err != nil {
		t.Fatal(err)
	}
	status := func(err error) int {
		var api *teams.APIError
		if errors.As(err, &api) {
			return api.Status
		}
		return 0
	}
	if err := c.DeleteActivity(ctx, fake.ServiceURL(), ch, root); status(err) != http.StatusNotFound {
		t.Errorf("second delete: %v; want 404", err)
	}
	if _, err := c.SendToConversation(ctx, fake.ServiceURL(), teams.ThreadConversation(ch, "999"), teams.Activity{Type: "message", Text: "x"}); status(err) != http.StatusNotFound {
		t.Errorf("reply chain of no post: %v; want 404", err)
	}
	bot := teams.Account{ID: "28:" + appID}
	for name, p := range map[string]teams.ConversationParameters{
		"no tenant":   {Bot: bot, Members: []teams.Account{{ID: "u"}}},
		"two members": {Bot: bot, Members: []teams.Account{{ID: "u"}, {ID: "v"}}, TenantID: "t-1"},
		"a group":     {Bot: bot, Members: []teams.Account{{ID: "u"}}, TenantID: "t-1", IsGroup: true},
	} {
		if _, err := c.CreateConversation(ctx, fake.ServiceURL(), p); status(err) != http.StatusBadRequest {
			t.Errorf("%s: %v; want 400", name, err)
		}
	}
	one, err := c.CreateConversation(ctx, fake.ServiceURL(), teams.ConversationParameters{Bot: bot, Members: []teams.Account{{ID: "u"}}, TenantID: "t-1"})
	again, err2 := c.CreateConversation(ctx, fake.ServiceURL(), teams.ConversationParameters{Bot: bot, Members: []teams.Account{{ID: "u"}}, TenantID: "t-1"})
	if err != nil || err2 != nil || one != again {
		t.Errorf("the same member's personal chat: %q, %q (%v, %v); want one conversation", one, again, err, err2)
	}
}
