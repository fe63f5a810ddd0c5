package config

import (
	"strings"
	"testing"
	"time"
)

func TestCSATSettings(t *testing.T) {
	c, err := Load("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !c.CSATEnabled() || c.CSATTokenTTL() != 60*24*time.Hour || c.PublicBase() != "http://localhost:8080" {
		t.Errorf("defaults: enabled %v, ttl %v, base %q", c.CSATEnabled(), c.CSATTokenTTL(), c.PublicBase())
	}
	for _, tc := range []struct {
		env  map[string]string
		base string
	}{
		{map[string]string{"HTTP_ADDR": "0.0.0.0:9000"}, "http://localhost:9000"},
		{map[string]string{"HTTP_ADDR": "[::]:9000"}, "http://localhost:9000"},
		{map[string]string{"HTTP_ADDR": "bot.internal:80"}, "http://bot.internal:80"},
		{map[string]string{"PUBLIC_BASE_URL": "https://affald.kk.dk/bot/"}, "https://affald.kk.dk/bot"},
	} {
		c, err := Load("", env(tc.env))
		if err != nil || c.PublicBase() != tc.base {
			t.Errorf("PublicBase with %v = %q, %v; want %q", tc.env, c.PublicBase(), err, tc.base)
		}
	}
	if c, _ := Load("", env(map[string]string{"CSAT": "off"})); c.CSATEnabled() {
		t.Error("CSAT=off leaves rating on")
	}
}

func TestCSATSettingsRejectMalformed(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		name string
	}{
		{map[string]string{"PUBLIC_BASE_URL": "affald.kk.dk"}, "PUBLIC_BASE_URL"},
		{map[string]string{"PUBLIC_BASE_URL": "https://affald.kk.dk/?x=1"}, "PUBLIC_BASE_URL"},
		{map[string]string{"PUBLIC_BASE_URL": "ftp://affald.kk.dk"}, "PUBLIC_BASE_URL"},
		{map[string]string{"CSAT": "yes"}, "CSAT"},
		{map[string]string{"CSAT_TOKEN_DAYS": "0"}, "CSAT_TOKEN_DAYS"},
		{map[string]string{"CSAT_TOKEN_DAYS": "forever"}, "CSAT_TOKEN_DAYS"},
		{map[string]string{"ACCESSIBILITY_URL": "was.digst.dk"}, "ACCESSIBILITY_URL"},
	} {
		_, err := Load("", env(tc.env))
		if err == nil || !strings.HasPrefix(err.Error(), tc.name+":") {
			t.Errorf("Load(%v) = %v, want an error naming %s", tc.env, err, tc.name)
		}
	}
}
