package teamstest

import "net/http"

// refusedGrant applies the Microsoft identity platform's checks of a
// client-credentials token request for tenant, app and scope; it returns the
// status and OAuth error code of a refusal, or 0 when a token may be issued.
func refusedGrant(r *http.Request, tenant, appID, password, scope string) (int, string) {
	if err := r.ParseForm(); err != nil {
		return http.StatusBadRequest, "invalid_request"
	}
	switch {
	case r.PathValue("tenant") != tenant:
		return http.StatusBadRequest, "invalid_tenant"
	case r.PostForm.Get("grant_type") != "client_credentials":
		return http.StatusBadRequest, "unsupported_grant_type"
	case r.PostForm.Get("client_id") != appID || r.PostForm.Get("client_secret") != password:
		return http.StatusUnauthorized, "invalid_client"
	case r.PostForm.Get("scope") != scope:
		return http.StatusBadRequest, "invalid_scope"
	}
	return 0, ""
}

func oauthError(code string) map[string]string { return map[string]string{"error": code} }
