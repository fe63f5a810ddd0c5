package teamstest

import (
	"encoding/json"
	"net/http"
	"testing"
)

func graphToken(t *testing.T, g *Graph, tenant, scope string) (int, string) {
	t.Helper()
	return grant(t, g.URL+"/"+tenant+"/oauth2/v2.0/token", scope)
}

func graphGet(t *testing.T, u, tok string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body
}

func TestGraphFakeGrantsOnlyGraphTokensOfItsTenant(t *testing.T) {
	g := NewGraph(GraphOptions{AppID: "app", AppPassword: "pw", Tenant: "contoso"})
	defer g.Close()
	if code, _ := graphToken(t, g, "contoso", ConnectorScope); code != http.StatusBadRequest {
		t.Errorf("Bot Connector scope: %d, want 400", code)
	}
	if code, _ := graphToken(t, g, "botframework.com", GraphScope); code != http.StatusBadRequest {
		t.Errorf("another tenant: %d, want 400", code)
	}
	g.SetGroup("g", "u1")
	if code, _ := graphGet(t, g.BaseURL()+"/groups/g/transitiveMembers", ""); code != http.StatusUnauthorized {
		t.Errorf("no token: %d, want 401", code)
	}
	if code, _ := graphGet(t, g.BaseURL()+"/groups/g/transitiveMembers", "made-up"); code != http.StatusUnauthorized {
		t.Errorf("unknown token: %d, want 401", code)
	}
}

func TestGraphFakePagesAndRefusesTopOver999(t *testing.T) {
	g := NewGraph(GraphOptions{AppID: "app", AppPassword: "pw", Tenant: "contoso"})
	defer g.Close()
	var ids []string
	for i := range 250 {
		ids = append(ids, "u"+string(rune('a'+i/26%26))+string(rune('a'+i%26))+string(rune('0'+i/676)))
	}
	g.SetGroup("g", ids...)
	_, tok := graphToken(t, g, "contoso", GraphScope)
	if code, _ := graphGet(t, g.BaseURL()+"/groups/g/transitiveMembers?$top=1000", tok); code != http.StatusBadRequest {
		t.Errorf("$top=1000: %d, want 400", code)
	}
	seen, pages := 0, 0
	for next := g.BaseURL() + "/groups/g/transitiveMembers?$select=id"; next != ""; pages++ {
		code, body := graphGet(t, next, tok)
		if code != http.StatusOK {
			t.Fatalf("page %d: %d", pages, code)
		}
		seen += len(body["value"].([]any))
		next, _ = body["@odata.nextLink"].(string)
	}
	if seen != 250 || pages != 3 {
		t.Errorf("%d members over %d pages, want 250 over 3 of at most 100", seen, pages)
	}
	if code, body := graphGet(t, g.BaseURL()+"/groups/nope/transitiveMembers", tok); code != http.StatusNotFound ||
		body["error"].(map[string]any)["code"] != "Request_ResourceNotFound" {
		t.Errorf("unknown group: %d %v", code, body)
	}
}
