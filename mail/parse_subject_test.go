package mail

import "testing"

func TestSubjectTag(t *testing.T) {
	tests := []struct {
		subject string
		id      int64
		ok      bool
	}{
		{"Re: Storskrald [#1234]", 1234, true},
		{"SV: SV: Storskrald [#1234]", 1234, true},
		{"AW: [SV: #77] spand", 77, true},
		{"[ #5 ] mellemrum", 5, true},
		{"Re: [#1] gammel [#2]", 2, true},
		{"Ingen tag #1234", 0, false},
		{"[#abc]", 0, false},
		{"[#0]", 0, false},
		{"[#99999999999999999999]", 0, false},
		{"", 0, false},
	}
	for _, tc := range tests {
		id, ok := SubjectTag(tc.subject)
		if id != tc.id || ok != tc.ok {
			t.Errorf("SubjectTag(%q) = %d, %v; want %d, %v", tc.subject, id, ok, tc.id, tc.ok)
		}
	}
}

func TestTagSubject(t *testing.T) {
	tests := []struct {
		subject string
		id      int64
		want    string
	}{
		{"Storskrald", 12, "Re: Storskrald [#12]"},
		{"Re: Storskrald", 12, "Re: Storskrald [#12]"},
		{"SV: RE: Aw: Storskrald [#12]", 12, "Re: Storskrald [#12]"},
		{"Re: [#12] Storskrald", 12, "Re: Storskrald [#12]"},
		{"Sv[2]: Storskrald [SV: #12]", 12, "Re: Storskrald [#12]"},
		{"Fwd: Storskrald", 3, "Re: Fwd: Storskrald [#3]"},
		{"", 7, "Re: [#7]"},
		{"  Hvornår\thentes   sofaen?  ", 8, "Re: Hvornår hentes sofaen? [#8]"},
	}
	for _, tc := range tests {
		got := TagSubject(tc.subject, tc.id)
		if got != tc.want {
			t.Errorf("TagSubject(%q, %d) = %q, want %q", tc.subject, tc.id, got, tc.want)
		}
		if id, ok := SubjectTag(got); !ok || id != tc.id {
			t.Errorf("SubjectTag(TagSubject(%q, %d)) = %d, %v", tc.subject, tc.id, id, ok)
		}
	}
}
