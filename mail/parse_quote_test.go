package mail

import "testing"

func TestSplitQuoted(t *testing.T) {
	tests := []struct {
		name, in, body, quoted string
	}{
		{"no quote", "Hej\n\nTak.", "Hej\n\nTak.", ""},
		{"trailing > block", "Tak.\n\n> Hej\n> Vi kommer", "Tak.", "> Hej\n> Vi kommer"},
		{"english attribution", "Thanks.\n\nOn Tue, 3 Dec 2024 at 10:00, Jens <j@x.dk> wrote:\n> Hi",
			"Thanks.", "On Tue, 3 Dec 2024 at 10:00, Jens <j@x.dk> wrote:\n> Hi"},
		{"attribution over two lines", "Tak.\nOn Tue, 3 Dec 2024 at 10:00, Jens Hansen <j@x.dk>\nwrote:\n> Hi",
			"Tak.", "On Tue, 3 Dec 2024 at 10:00, Jens Hansen <j@x.dk>\nwrote:\n> Hi"},
		{"danish gmail attribution", "Tak.\n\nDen tir. 3. dec. 2024 kl. 10.00 skrev Affald <a@kk.dk>:\n> Hej",
			"Tak.", "Den tir. 3. dec. 2024 kl. 10.00 skrev Affald <a@kk.dk>:\n> Hej"},
		{"danish sentence is no attribution", "Den mand der skrev til mig sagde:\nHej", "Den mand der skrev til mig sagde:\nHej", ""},
		{"original message", "Ok.\n-----Original Message-----\nFrom: a\nSent: b\nhej", "Ok.", "-----Original Message-----\nFrom: a\nSent: b\nhej"},
		{"oprindelig meddelelse", "Ok.\n----- Oprindelig meddelelse -----\nhej", "Ok.", "----- Oprindelig meddelelse -----\nhej"},
		{"outlook block with underscores", "Tak\n\n________________________________\nFra: Affald <a@kk.dk>\nSendt: 26. november 2026\nTil: x\n\nSofa hentes.",
			"Tak", "________________________________\nFra: Affald <a@kk.dk>\nSendt: 26. november 2026\nTil: x\n\nSofa hentes."},
		{"english outlook block", "Fine\nFrom: A\nSent: Monday\nTo: B\nold", "Fine", "From: A\nSent: Monday\nTo: B\nold"},
		{"fra without sendt stays", "Fra: min nabo har jeg hørt\nat spanden er fuld", "Fra: min nabo har jeg hørt\nat spanden er fuld", ""},
		{"signature", "Hej\n--\nJens Hansen\nTlf 12345678", "Hej", "--\nJens Hansen\nTlf 12345678"},
		{"interleaved replies are kept", "On Tue, 3 Dec 2024, A wrote:\n> Hvilken dag?\nMandag.\n> Hvilken adresse?\nVesterbro 1",
			"On Tue, 3 Dec 2024, A wrote:\n> Hvilken dag?\nMandag.\n> Hvilken adresse?\nVesterbro 1", ""},
		{"only quotes: nothing folded", "> a\n> b", "> a\n> b", ""},
		{"quote then signature", "Svar\n> spm\n--\nJens", "Svar", "> spm\n--\nJens"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body, quoted := splitQuoted(tc.in)
			if body != tc.body || quoted != tc.quoted {
				t.Errorf("splitQuoted(%q)\n = %q, %q\nwant %q, %q", tc.in, body, quoted, tc.body, tc.quoted)
			}
		})
	}
}
