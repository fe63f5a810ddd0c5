package config

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// csatTokenDaysMax bounds CSAT_TOKEN_DAYS at ten years.
const csatTokenDaysMax = 3650

// publicBaseURL accepts an http(s) URL without query or fragment.
func publicBaseURL(v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("must be an http(s) URL such as https://affald.example.dk, without query, not %q", v)
	}
	return nil
}

func setCSATTokenDays(c *Config, v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > csatTokenDaysMax {
		return fmt.Errorf("must be a whole number of days from 1 to %d, not %q", csatTokenDaysMax, v)
	}
	c.CSATTokenDays = n
	return nil
}

// CSATEnabled reports whether replies carry rating links.
func (c *Config) CSATEnabled() bool { return c.CSAT == "on" }

// CSATTokenTTL is how long a reply's rating links work.
func (c *Config) CSATTokenTTL() time.Duration { return time.Duration(c.CSATTokenDays) * 24 * time.Hour }

// PublicBase is the base of links in mails, without a trailing slash:
// PUBLIC_BASE_URL, or else the HTTP listener as this machine reaches it
// (":8080" gives http://localhost:8080).
func (c *Config) PublicBase() string {
	if c.PublicBaseURL != "" {
		return strings.TrimRight(c.PublicBaseURL, "/")
	}
	host, port, err := net.SplitHostPort(c.HTTPAddr)
	if err != nil {
		return "http://localhost"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
