package config

import "testing"

func TestJournalAddr(t *testing.T) {
	for _, tc := range []struct {
		v  string
		ok bool
	}{
		{"journal@kk.dk", true},
		{"", true},
		{"Journal <journal@kk.dk>", false},
		{"journal@kk.dk, x@evil.example", false},
		{"not an address", false},
	} {
		c, err := Load("", env(map[string]string{"JOURNAL_ADDR": tc.v}))
		if (err == nil) != tc.ok {
			t.Errorf("JOURNAL_ADDR=%q: err = %v, want ok=%v", tc.v, err, tc.ok)
			continue
		}
		if err == nil && c.JournalAddr != tc.v {
			t.Errorf("JournalAddr = %q, want %q", c.JournalAddr, tc.v)
		}
	}
}
