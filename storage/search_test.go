package storage_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// searchFixture stores a mail from Karen Møller on Østerbro, a call from
// 12 34 56 78 and a mail from Aase in Aabenraa; it returns them by name.
func searchFixture(t *testing.T, db *storage.DB) map[string]*affaldsbot.Enquiry {
	t.Helper()
	ctx := context.Background()
	out := map[string]*affaldsbot.Enquiry{
		"mail": {Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicAfhentning,
			Subject: "Manglende tømning på Østerbro", CitizenName: "Karen Møller", CitizenEmail: "Karen.Moller@Example.dk", ReceivedAt: t0},
		"phone": {Channel: affaldsbot.ChannelPhone, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicStortIndbo,
			Subject: "Opkald om storskrald", CitizenName: "Ahmad Khan", CitizenPhone: "+4512345678", ReceivedAt: t0.Add(1)},
		"aa": {Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicSortering,
			Subject: "Spørgsmål om glas", CitizenName: "Aase Ågård", CitizenEmail: "aase@example.dk", ReceivedAt: t0.Add(2)},
	}
	bodies := map[string]string{"mail": "Skraldespanden i gården er ikke TØMT siden mandag.", "aa": "Jeg bor i Aabenraagade og har en CAFÉ."}
	for _, k := range []string{"mail", "phone", "aa"} {
		e := out[k]
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			if err := tx.CreateEnquiry(ctx, e); err != nil || bodies[k] == "" {
				return err
			}
			m := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageInbound, FromAddr: e.CitizenEmail,
				Subject: e.Subject, Body: bodies[k], ReceivedAt: e.ReceivedAt}
			_, err := tx.InsertMessage(ctx, m, nil, "", storage.MailOrigin{})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestFindByEveryKind: find folds case and Danish letters the same way on
// both databases, and knows phone numbers and enquiry numbers.
func TestFindByEveryKind(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		es := searchFixture(t, db)
		tests := []struct {
			kind, query string
			want        []string
		}{
			{"name in capitals", "MØLLER", []string{"mail"}},
			{"name in lower case", "karen møller", []string{"mail"}},
			{"subject, Ø in lower case", "østerbro", []string{"mail"}},
			{"subject, Ø in capitals", "ØSTERBRO", []string{"mail"}},
			{"subject, one word", "tømning", []string{"mail"}},
			{"subject, æ-ø-å word in capitals", "SPØRGSMÅL", []string{"aa"}},
			{"text in capitals", "tømt siden", []string{"mail"}},
			{"text, accent folded", "cafe", []string{"aa"}},
			{"text, aa is å", "åbenrå", []string{"aa"}},
			{"name, å is aa", "aagaard", []string{"aa"}},
			{"name, aa is å", "Åse", []string{"aa"}},
			{"e-mail", "karen.moller@example.dk", []string{"mail"}},
			{"e-mail in capitals", "KAREN.MOLLER@EXAMPLE.DK", []string{"mail"}},
			{"phone, eight digits", "12345678", []string{"phone"}},
			{"phone, +45", "+4512345678", []string{"phone"}},
			{"phone, 0045 in pairs", "0045 12 34 56 78", []string{"phone"}},
			{"phone, in pairs", "12 34 56 78", []string{"phone"}},
			{"phone, with dashes", "12-34-56-78", []string{"phone"}},
			{"number with #", fmt.Sprintf("#%d", es["phone"].ID), []string{"phone"}},
			{"number alone", fmt.Sprint(es["aa"].ID), []string{"aa"}},
			{"nothing", "sofa", nil},
		}
		byID := map[int64]string{}
		for k, e := range es {
			byID[e.ID] = k
		}
		for _, tt := range tests {
			found, err := db.ListEnquiries(ctx, storage.EnquiryFilter{Text: tt.query})
			if err != nil {
				t.Fatalf("%s %q: %v", tt.kind, tt.query, err)
			}
			var got []string
			for _, e := range found {
				got = append(got, byID[e.ID])
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("find by %s %q = %v, want %v", tt.kind, tt.query, got, tt.want)
			}
		}
	})
}

// TestFoldIsTheSameInSQL: the database's affald_fold gives what Fold gives,
// so a folded query matches folded columns on either database.
func TestFoldIsTheSameInSQL(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		for _, s := range []string{"MØLLER", "Østerbro", "ÆBLE æble", "Aabenraa ÅBENRÅ", "AAGE", "CAFÉ Crème", "Müller Ärger Öl",
			"Señor Ça", "plain ascii 123 #12", "100%_", ""} {
			var got string
			if err := db.Get(&got, db.Rebind(`SELECT affald_fold(?)`), s); err != nil {
				t.Fatal(err)
			}
			if want := storage.Fold(s); got != want {
				t.Errorf("affald_fold(%q) = %q, Fold = %q", s, got, want)
			}
		}
	})
}

// BenchmarkFindInText is a search that must read every message's text.
func BenchmarkFindInText(b *testing.B) {
	for _, d := range storagetest.Dialects {
		b.Run(d, func(b *testing.B) {
			db := storagetest.Open(b, d)
			ctx := context.Background()
			const n = 5000
			err := db.InTx(ctx, func(tx *storage.Tx) error {
				for i := range n {
					e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusClosed, Topic: affaldsbot.TopicSortering,
						Subject: fmt.Sprintf("Spørgsmål %d om pizzabakker", i), CitizenName: "Jens Hansen", CitizenEmail: fmt.Sprintf("c%d@example.dk", i), ReceivedAt: t0}
					if err := tx.CreateEnquiry(ctx, e); err != nil {
						return err
					}
					for j := range 2 {
						m := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageInbound, FromAddr: e.CitizenEmail, Subject: e.Subject,
							Body: fmt.Sprintf("Hej. Vi får tit pizza, og bakkerne er fedtede i bunden. Må de komme i papcontaineren i gården? %d/%d\n\nMed venlig hilsen", i, j), ReceivedAt: t0}
						if _, err := tx.InsertMessage(ctx, m, nil, fmt.Sprintf("k%d-%d", i, j), storage.MailOrigin{}); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if _, err := db.ListEnquiries(ctx, storage.EnquiryFilter{Text: "ØSTERBRO"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"MØLLER": "møller", "Østerbro": "østerbro", "Aabenraa": "åbenrå", "AAA": "åa", "CAFÉ": "cafe", "Müller": "myller",
		"Ärger Öl": "ærger øl", "Karen.Moller@Example.dk": "karen.moller@example.dk", "": "", "a": "a", "ba": "ba",
	} {
		if got := storage.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
