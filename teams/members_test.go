package teams_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot/teams"
)

const (
	mette = "5f8a1c2e-3b4d-4e6f-8a9b-0c1d2e3f4a5b"
	jonas = "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
	group = "0d2f6c3e-1f1b-4c47-9d2a-6d0e5b8f7a11"
)

func TestParseMembers(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  teams.Members
	}{
		{"", teams.Members{}},
		{"  ", teams.Members{}},
		{mette, teams.Members{Users: []string{mette}}},
		{" " + strings.ToUpper(mette) + " , group:" + group + "," + jonas + "," + mette,
			teams.Members{Users: []string{mette, jonas}, Groups: []string{group}}},
	} {
		got, err := teams.ParseMembers(tc.value)
		if err != nil {
			t.Errorf("%q: %v", tc.value, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.value, diff)
		}
	}
}

func TestParseMembersNamesTheBadEntry(t *testing.T) {
	for value, want := range map[string]string{
		mette + ",mette@kk.dk":    `entry 2 "mette@kk.dk": not an Entra object id`,
		"group:mette-group":       `entry 1 "group:mette-group": the group's object id must be a GUID`,
		"grp:" + group:            `entry 1 "grp:` + group + `": not an object id; groups are written group:<object id>`,
		mette + ",," + jonas:      `entry 2 "": empty`,
		"29:1a2b3c" + "," + mette: `entry 1 "29:1a2b3c": not an object id`,
		"group: " + group:         `entry 1 "group: ` + group + `"`,
		mette + "0":               `entry 1 "` + mette + `0"`,
	} {
		_, err := teams.ParseMembers(value)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one containing %q", value, err, want)
		}
	}
}

func TestMembersStringIsTheSettingAgain(t *testing.T) {
	m, err := teams.ParseMembers(mette + ",group:" + group)
	if err != nil {
		t.Fatal(err)
	}
	again, err := teams.ParseMembers(m.String())
	if err != nil || !cmp.Equal(m, again) {
		t.Errorf("%q parsed again as %v, %v", m.String(), again, err)
	}
	if (teams.Members{}).Empty() != true || m.Empty() {
		t.Error("Empty wrong")
	}
}
