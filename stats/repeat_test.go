package stats

import (
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/google/go-cmp/cmp"
)

func TestRepeatContacts(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	contacts := []storage.Contact{
		{ID: 1, Email: "Jens@Example.dk", ReceivedAt: t0},
		{ID: 2, Email: "jens@example.dk", ReceivedAt: t0.Add(14 * day)},                         // exactly 14×24 h later: repeat
		{ID: 3, Email: "jens@example.dk", ReceivedAt: t0.Add(28*day + time.Second)},             // 14 days and a second after #2
		{ID: 4, Phone: "22 33 44 55", ReceivedAt: t0.Add(time.Hour)},                            // first call
		{ID: 5, Phone: "+45 2233 4455", ReceivedAt: t0.Add(2 * day)},                            // same number in E.164
		{ID: 6, Email: "other@example.dk", Phone: "0045-22334455", ReceivedAt: t0.Add(3 * day)}, // same phone
		{ID: 8, Email: "same@example.dk", ReceivedAt: t0.Add(5 * day)},
		{ID: 7, Email: "same@example.dk", ReceivedAt: t0.Add(5 * day)}, // same instant: the lower ID is first
		{ID: 9, ReceivedAt: t0}, // nobody known
		{ID: 10, ReceivedAt: t0},
	}
	got := RepeatContacts(contacts, RepeatWindow)
	want := map[int64]bool{2: true, 5: true, 6: true, 8: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RepeatContacts (-want +got):\n%s", diff)
	}
}

func TestNormalisePhone(t *testing.T) {
	tests := map[string]string{
		"22 33 44 55":     "+4522334455",
		"+45 22 33 44 55": "+4522334455",
		"0045 22334455":   "+4522334455",
		"4522334455":      "+4522334455",
		"+46 8 123 456":   "+468123456",
		"(+45) 2233-4455": "+4522334455",
		"":                "",
		"ukendt":          "",
	}
	for in, want := range tests {
		if got := NormalisePhone(in); got != want {
			t.Errorf("NormalisePhone(%q) = %q, want %q", in, got, want)
		}
	}
}
