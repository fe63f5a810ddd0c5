package config

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot/redact"
)

// setting is one variable of docs/settings.md: its name, default, meaning, and how it
// is parsed into and shown from a Config.
type setting struct {
	Name    string
	Default string
	Help    string
	Secret  bool
	field
}

// field binds a setting to its place in Config.
type field struct {
	set func(c *Config, v string) error
	get func(c *Config) string
}

// show is the value as printed: a secret hidden, a URL without its
// credentials.
func (s setting) show(c *Config) string {
	v := s.get(c)
	switch {
	case s.Secret && v != "":
		return "[redacted]"
	case strings.Contains(v, "://"):
		return redact.URL(v)
	}
	return v
}

func str(p func(c *Config) *string) field {
	return field{func(c *Config, v string) error { *p(c) = v; return nil },
		func(c *Config) string { return *p(c) }}
}

func secret(p func(c *Config) *Secret) field {
	return field{func(c *Config, v string) error { *p(c) = Secret(v); return nil },
		func(c *Config) string { return string(*p(c)) }}
}

func oneOf(p func(c *Config) *string, allowed ...string) field {
	return field{func(c *Config, v string) error {
		for _, a := range allowed {
			if v == a {
				*p(c) = v
				return nil
			}
		}
		return fmt.Errorf("must be one of %s, not %q", strings.Join(allowed, ", "), v)
	},
		func(c *Config) string { return *p(c) }}
}

func list(p func(c *Config) *[]string) field {
	return field{func(c *Config, v string) error { *p(c) = splitList(v); return nil },
		func(c *Config) string { return strings.Join(*p(c), ",") }}
}

func splitList(v string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		out = append(out, strings.TrimSpace(f))
	}
	return out
}

// checked runs check on a non-empty value before storing it.
func checked(check func(string) error, f field) field {
	return field{func(c *Config, v string) error {
		if v != "" {
			if err := check(v); err != nil {
				return err
			}
		}
		return f.set(c, v)
	}, f.get}
}

func prefixed(prefixes ...string) func(string) error {
	return func(v string) error {
		for _, p := range prefixes {
			if strings.HasPrefix(v, p) {
				return nil
			}
		}
		return fmt.Errorf("must start with %s", strings.Join(prefixes, " or "))
	}
}

func httpURL(v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("must be an http(s) URL, not %q", redact.URL(v))
	}
	return nil
}

// smsSender is an alphanumeric SMS sender: at most 11 letters, digits or
// spaces (3GPP TS 23.040).
func smsSender(v string) error {
	if n := len([]rune(v)); n == 0 || n > 11 {
		return fmt.Errorf("must be 1 to 11 characters, not %q", v)
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == ' ') {
			return fmt.Errorf("may hold only letters a–z, digits and spaces, not %q", v)
		}
	}
	return nil
}

func hostPort(v string) error {
	if i := strings.LastIndex(v, ":"); i <= 0 || i == len(v)-1 {
		return fmt.Errorf("must be host:port, not %q", v)
	} else if _, err := strconv.Atoi(v[i+1:]); err != nil {
		return fmt.Errorf("must be host:port with a numeric port, not %q", v)
	}
	return nil
}

func listenAddr(v string) error {
	if !strings.Contains(v, ":") {
		return fmt.Errorf("must be [host]:port, not %q", v)
	}
	_, err := strconv.Atoi(v[strings.LastIndex(v, ":")+1:])
	if err != nil {
		return fmt.Errorf("must be [host]:port with a numeric port, not %q", v)
	}
	return nil
}

func metricsAddr(v string) error {
	if v == "off" {
		return nil
	}
	return listenAddr(v)
}

func setDatabaseURL(c *Config, v string) error {
	switch {
	case strings.HasPrefix(v, "sqlite:") && len(v) > len("sqlite:"):
	case strings.HasPrefix(v, "postgres://"), strings.HasPrefix(v, "postgresql://"):
		if _, err := url.Parse(v); err != nil {
			return fmt.Errorf("is not a valid postgres:// URL")
		}
	default:
		return fmt.Errorf("must be sqlite:PATH or postgres://…")
	}
	c.DatabaseURL = v
	return nil
}

func setTZ(c *Config, v string) error {
	loc, err := time.LoadLocation(v)
	if err != nil {
		return fmt.Errorf("unknown time zone %q", v)
	}
	c.TZName, c.Location = v, loc
	return nil
}

func setRetention(c *Config, v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return fmt.Errorf("must be a whole number of days ≥ 0, not %q", v)
	}
	c.RetentionDays = n
	return nil
}

func slackIDs(v string) error {
	for _, id := range splitList(v) {
		if len(id) < 2 || !strings.ContainsAny(id[:1], "UWS") || strings.ToUpper(id) != id {
			return fmt.Errorf("%q is not a Slack user ID (U…/W…) or user-group ID (S…)", id)
		}
	}
	return nil
}

// guid is an Entra id: a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47.
func guid(v string) error {
	if len(v) != 36 {
		return fmt.Errorf("%q is not a GUID (8-4-4-4-12 hexadecimal digits)", v)
	}
	for i, r := range v {
		dash := i == 8 || i == 13 || i == 18 || i == 23
		hex := r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
		if dash != (r == '-') || (!dash && !hex) {
			return fmt.Errorf("%q is not a GUID (8-4-4-4-12 hexadecimal digits)", v)
		}
	}
	return nil
}

func guids(v string) error {
	for _, id := range splitList(v) {
		if err := guid(strings.TrimPrefix(id, "group:")); err != nil {
			return fmt.Errorf("%w: TEAMS_ADVISERS and TEAMS_LEADS name users by their Entra object id and groups as group:<object id>", err)
		}
	}
	return nil
}

// teamsChannel is a channel's conversation id as Teams gives it (a
// channel's link, or an activity from it): 19:…@thread.tacv2.
func teamsChannel(v string) error {
	if !strings.HasPrefix(v, "19:") || !strings.Contains(v, "@thread.") || strings.Contains(v, ";") {
		return fmt.Errorf("%q is not a channel's conversation id (19:…@thread.tacv2)", v)
	}
	return nil
}

func chatName(v string) error {
	if v != ChatSlack && v != ChatTeams {
		return fmt.Errorf("must be slack or teams, not %q", v)
	}
	return nil
}
