package config

import (
	"strings"
	"testing"
)

func TestSMSSettings(t *testing.T) {
	for _, tc := range []struct {
		env     map[string]string
		wantErr string // the setting named, "" for none
	}{
		{map[string]string{}, ""},
		{map[string]string{"SMS_GATEWAY_URL": "https://sms.example.dk/v1/messages", "SMS_GATEWAY_TOKEN": "t0ken"}, ""},
		{map[string]string{"SMS_GATEWAY_URL": "https://sms.example.dk/v1/messages"}, "SMS_GATEWAY_TOKEN"},
		{map[string]string{"SMS_GATEWAY_URL": "sms.example.dk", "SMS_GATEWAY_TOKEN": "t0ken"}, "SMS_GATEWAY_URL"},
		{map[string]string{"SMS_SENDER": "Københavns Kommune"}, "SMS_SENDER"},
		{map[string]string{"SMS_SENDER": "KK Affald"}, ""},
	} {
		c, err := Load("", env(tc.env))
		got := ""
		if e, ok := err.(*Error); ok {
			got = e.Name
		} else if err != nil {
			got = err.Error()
		}
		if got != tc.wantErr {
			t.Errorf("%v: error %v, want one naming %q", tc.env, err, tc.wantErr)
		}
		if err == nil && tc.env["SMS_GATEWAY_TOKEN"] != "" && strings.Contains(c.String(), tc.env["SMS_GATEWAY_TOKEN"]) {
			t.Errorf("the token shows in the settings' listing")
		}
	}
}
