package config

import (
	"strings"
	"testing"
)

func TestDigestTime(t *testing.T) {
	for _, tc := range []struct {
		value      string
		hour, min  int
		on, loadOK bool
	}{
		{"", 0, 0, false, true},
		{"off", 0, 0, false, true},
		{"OFF", 0, 0, false, true},
		{"07:30", 7, 30, true, true},
		{"23:59", 23, 59, true, true},
		{"7:30", 0, 0, false, false},
		{"24:00", 0, 0, false, false},
		{"morgen", 0, 0, false, false},
	} {
		c, err := Load("", env(map[string]string{"DIGEST_TIME": tc.value}))
		if !tc.loadOK {
			if err == nil || !strings.HasPrefix(err.Error(), "DIGEST_TIME") {
				t.Errorf("DIGEST_TIME=%q: %v, want an error naming DIGEST_TIME", tc.value, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("DIGEST_TIME=%q: %v", tc.value, err)
		}
		h, m, on := c.DigestClock()
		if h != tc.hour || m != tc.min || on != tc.on {
			t.Errorf("DIGEST_TIME=%q: DigestClock() = %d, %d, %v", tc.value, h, m, on)
		}
	}
	c, _ := Load("", env(nil))
	if h, m, on := c.DigestClock(); h != 8 || m != 0 || !on {
		t.Errorf("default digest at %02d:%02d (on %v), want 08:00", h, m, on)
	}
}
