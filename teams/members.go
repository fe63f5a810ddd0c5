package teams

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// GroupPrefix marks an entry of TEAMS_ADVISERS or TEAMS_LEADS that names an
// Entra group (a team's own group included) rather than a user.
const GroupPrefix = "group:"

// Members are the users and groups one role is given to: the value of
// TEAMS_ADVISERS or TEAMS_LEADS, parsed. Ids are Entra object ids in lower
// case.
type Members struct {
	Users  []string
	Groups []string
}

// objectID is the form of an Entra object id, a GUID.
var objectID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// ParseMembers reads a comma-separated list whose entries are a user's object
// id or group:<object id>. An empty value gives no members; a bad entry is an
// error naming it and its place in the list.
func ParseMembers(value string) (Members, error) {
	var m Members
	if strings.TrimSpace(value) == "" {
		return m, nil
	}
	for i, raw := range strings.Split(value, ",") {
		entry := strings.TrimSpace(raw)
		id, isGroup := strings.CutPrefix(entry, GroupPrefix)
		if !objectID.MatchString(id) {
			return Members{}, fmt.Errorf("entry %d %q: %s", i+1, entry, memberHint(entry, isGroup))
		}
		id = strings.ToLower(id)
		if isGroup {
			m.Groups = appendNew(m.Groups, id)
		} else {
			m.Users = appendNew(m.Users, id)
		}
	}
	return m, nil
}

func memberHint(entry string, isGroup bool) string {
	switch {
	case entry == "":
		return "empty; entries are separated by single commas"
	case isGroup:
		return "the group's object id must be a GUID, e.g. group:0d2f6c3e-1f1b-4c47-9d2a-6d0e5b8f7a11"
	case strings.Contains(entry, ":"):
		return "not an object id; groups are written group:<object id>"
	}
	return "not an Entra object id (a GUID such as 5f8a1c2e-3b4d-4e6f-8a9b-0c1d2e3f4a5b)"
}

func appendNew(ids []string, id string) []string {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// Empty reports whether no one holds the role.
func (m Members) Empty() bool { return len(m.Users) == 0 && len(m.Groups) == 0 }

// String writes the members back in the setting's form.
func (m Members) String() string {
	entries := slices.Clone(m.Users)
	for _, g := range m.Groups {
		entries = append(entries, GroupPrefix+g)
	}
	return strings.Join(entries, ",")
}
