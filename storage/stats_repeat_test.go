package storage_test

import (
	"testing"

	"github.com/affaldsbot/affaldsbot/storage"
)

// A citizen is the same whichever way their number is written.
func TestCitizenPhoneKey(t *testing.T) {
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
		if got := storage.CitizenPhoneKey(in); got != want {
			t.Errorf("CitizenPhoneKey(%q) = %q, want %q", in, got, want)
		}
	}
}
