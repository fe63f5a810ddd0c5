package guidance

import (
	"net/url"
	"strings"
	"testing"
)

// allowedHosts are the only places the built-in corpus may rest on: the
// City of Copenhagen and national authorities. Sorting rules differ between
// municipalities, so another municipality's or a company's page is no source
// for Copenhagen.
var allowedHosts = []string{
	"kk.dk",              // Københavns Kommune, with affald.kk.dk, international.kk.dk, the local councils
	"mst.dk",             // Miljøstyrelsen
	"mim.dk",             // Miljøministeriet
	"retsinformation.dk", // the waste order (affaldsbekendtgørelsen) and MST's guidance
}

func allowedSource(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range allowedHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

func TestAllowedSource(t *testing.T) {
	tests := map[string]bool{
		"https://www.kk.dk/nyheder/x":               true,
		"https://affald.kk.dk/affald/havregryn":     true,
		"http://www.kk.dk/indhold/x":                true,
		"https://mst.dk/borger/x":                   true,
		"https://www.retsinformation.dk/eli/x":      true,
		"https://www.revas.dk/borger/miljoekassen":  false,
		"https://kk.dk.example.org/x":               false,
		"https://notkk.dk/x":                        false,
		"https://www.frederiksberg.dk/affald":       false,
		"ftp://kk.dk/x":                             false,
		"kk.dk/affald":                              false,
		"https://www.berlingske.dk/indland/storskr": false,
	}
	for raw, want := range tests {
		if got := allowedSource(raw); got != want {
			t.Errorf("allowedSource(%q) = %v, want %v", raw, got, want)
		}
	}
}

// TestBuiltinSources: every built-in passage rests on kk.dk or a national
// authority, says when its source was read, and carries the unconfirmed mark
// in its text exactly when it is not confirmed.
func TestBuiltinSources(t *testing.T) {
	es, err := readBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if !allowedSource(e.Source) {
			t.Errorf("passage %s cites %s: not Københavns Kommune or a national authority", e.ID, e.Source)
		}
		if e.Read == "" {
			t.Errorf("passage %s has no read date", e.ID)
		}
		marked := strings.Contains(e.Text, "(ikke bekræftet)")
		if marked == e.Confirmed {
			t.Errorf("passage %s: confirmed %v but unconfirmed mark in text %v", e.ID, e.Confirmed, marked)
		}
	}
}
