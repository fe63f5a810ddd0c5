package stats

import (
	"sort"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
)

// RepeatContacts returns the IDs of the contacts whose citizen had another
// contact in the window before them (the window's start included). Contacts
// at the same instant count in ID order.
func RepeatContacts(contacts []storage.Contact, window time.Duration) map[int64]bool {
	sorted := sortedContacts(contacts)
	last := make(map[string]time.Time, len(sorted))
	out := map[int64]bool{}
	for _, c := range sorted {
		for _, k := range citizenKeys(c) {
			if prev, ok := last[k]; ok && c.ReceivedAt.Sub(prev) <= window {
				out[c.ID] = true
			}
			last[k] = c.ReceivedAt
		}
	}
	return out
}

func sortedContacts(in []storage.Contact) []storage.Contact {
	s := make([]storage.Contact, len(in))
	copy(s, in)
	sort.SliceStable(s, func(i, j int) bool {
		if !s[i].ReceivedAt.Equal(s[j].ReceivedAt) {
			return s[i].ReceivedAt.Before(s[j].ReceivedAt)
		}
		return s[i].ID < s[j].ID
	})
	return s
}

// citizenKeys are the identities of a contact: its e-mail and phone.
func citizenKeys(c storage.Contact) []string {
	var keys []string
	if e := strings.ToLower(strings.TrimSpace(c.Email)); e != "" {
		keys = append(keys, "e:"+e)
	}
	if p := NormalisePhone(c.Phone); p != "" {
		keys = append(keys, "p:"+p)
	}
	return keys
}

// NormalisePhone writes a phone number in E.164, with +45 (Denmark) when it
// has no country code: "22 33 44 55" and "0045 22334455" are "+4522334455".
// It returns "" when there are no digits. It is the citizen's identity for
// repeat contacts, so it is more forgiving than affaldsbot.NormalisePhone
// (which decides what may become a tel: link): "(+45) 2233-4455" and
// "4522334455" still name the same citizen.
func NormalisePhone(s string) string {
	var b strings.Builder
	plus := false
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			plus = true
		}
	}
	d := b.String()
	switch {
	case d == "":
		return ""
	case plus:
		return "+" + d
	case strings.HasPrefix(d, "00"):
		return "+" + d[2:]
	case len(d) == 8:
		return "+45" + d
	}
	return "+" + d
}
