package redact

import (
	"net/url"
	"strings"
)

// secretParams are query parameters whose values are hidden by URL: any name
// containing one of these, in any case.
var secretParams = []string{"pass", "secret", "token", "key", "sig", "auth", "code"}

// URL returns s fit for a log line or an error message: the user name and
// password are replaced by "redacted", and so is the value of every query
// parameter whose name suggests a credential. Text that does not parse as
// a URL is hidden whole after its scheme, since it may still hold one.
func URL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		if i := strings.Index(s, ":"); i > 0 && !strings.ContainsAny(s[:i], "/@") {
			return s[:i] + ":[redacted]"
		}
		return "[redacted]"
	}
	if u.User != nil {
		u.User = url.User("redacted")
	}
	if u.RawQuery != "" {
		q := u.Query()
		for name := range q {
			if secretParam(name) {
				q[name] = []string{"redacted"}
			}
		}
		u.RawQuery = q.Encode()
	}
	return u.String()
}

func secretParam(name string) bool {
	name = strings.ToLower(name)
	for _, p := range secretParams {
		if strings.Contains(name, p) {
			return true
		}
	}
	return false
}
