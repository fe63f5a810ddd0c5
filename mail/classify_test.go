package mail

import (
	"net/textproto"
	"testing"
)

func TestAutoReason(t *testing.T) {
	tests := []struct {
		name   string
		header map[string]string
		want   string
	}{
		{"ordinary mail", map[string]string{"From": "jens@example.dk", "Subject": "Spand"}, ""},
		{"auto-submitted no", map[string]string{"Auto-Submitted": "no"}, ""},
		{"auto-replied", map[string]string{"Auto-Submitted": "auto-replied"}, "auto-submitted: auto-replied"},
		{"auto-generated with params", map[string]string{"Auto-Submitted": "Auto-Generated; owner-email=x@y"}, "auto-submitted: auto-generated"},
		{"x-autoreply", map[string]string{"X-Autoreply": "yes"}, "x-autoreply"},
		{"x-autorespond", map[string]string{"X-Autorespond": "Out of office"}, "x-autorespond"},
		{"precedence bulk", map[string]string{"Precedence": "bulk"}, "precedence: bulk"},
		{"precedence junk", map[string]string{"Precedence": "Junk"}, "precedence: junk"},
		{"precedence list", map[string]string{"Precedence": "list"}, "precedence: list"},
		{"precedence auto_reply", map[string]string{"Precedence": "auto_reply"}, "precedence: auto_reply"},
		{"precedence first-class", map[string]string{"Precedence": "first-class"}, ""},
		{"dsn", map[string]string{"Content-Type": `multipart/report; report-type=delivery-status; boundary="x"`}, "bounce: multipart/report"},
		{"mailer-daemon", map[string]string{"From": "Mail Delivery <MAILER-DAEMON@mx.example.dk>"}, "bounce: mailer-daemon"},
		{"postmaster", map[string]string{"From": "postmaster@example.dk"}, "bounce: postmaster"},
		{"empty return path", map[string]string{"Return-Path": "< >"}, "empty return path"},
		{"return path set", map[string]string{"Return-Path": "<jens@example.dk>"}, ""},
		{"list-id", map[string]string{"List-Id": "<news.example.dk>"}, "list-id"},
		{"list-unsubscribe", map[string]string{"List-Unsubscribe": "<mailto:u@example.dk>"}, "list-unsubscribe"},
		{"auto-submitted wins over list-id", map[string]string{"List-Id": "x", "Auto-Submitted": "auto-replied"}, "auto-submitted: auto-replied"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := textproto.MIMEHeader{}
			for k, v := range tc.header {
				h.Set(k, v)
			}
			if got := AutoReason(h); got != tc.want {
				t.Errorf("AutoReason(%v) = %q, want %q", tc.header, got, tc.want)
			}
		})
	}
}
