package affaldsbot_test

import (
	"testing"

	"github.com/affaldsbot/affaldsbot"
)

func TestPhoneE164(t *testing.T) {
	for in, want := range map[string]string{
		"12345678": "+4512345678", "12 34 56 78": "+4512345678", "+45 12 34 56 78": "+4512345678",
		"0045 1234-5678": "+4512345678", "+46 8 123 456 78": "+46812345678", "(+45) 1234 5678": "",
		"1234": "", "ring mig": "", "": "", "+4512345678; DROP": "", "0123456789": "",
	} {
		if got := affaldsbot.PhoneE164(in); got != want {
			t.Errorf("PhoneE164(%q) = %q, want %q", in, got, want)
		}
	}
}
