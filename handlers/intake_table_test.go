package handlers_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// What HandleMail must make of a mail (docs/never.md, docs/lifecycle.md).
const (
	opensEnquiry = "new enquiry"
	appends      = "appended to the first enquiry"
	ignored      = "ignored, no enquiry"
	ignoredInto  = "ignored, kept in the first enquiry's thread"
	duplicate    = "nothing stored"
)

// intakeRow is one mail and what must become of it; raw's {id} is the
// first enquiry's number.
type intakeRow struct {
	name   string
	raw    string
	want   string
	reason string // of an ignored mail
}

// firstMail opens the enquiry the other rows follow up or leave alone.
const firstMail = "From: Jens Hansen <jens@example.dk>\r\nTo: " + ourAddress + "\r\nSubject: Min gamle sofa\r\n" +
	"Message-ID: <first@example.dk>\r\n\r\nHvor kan jeg komme af med en sofa?\r\n"

func mailWith(headers, body string) string {
	return headers + "To: " + ourAddress + "\r\n\r\n" + body + "\r\n"
}

var intakeRows = []intakeRow{
	{name: "a citizen's first mail",
		raw:  mailWith("From: Anna <anna@example.dk>\r\nSubject: Glas\r\nMessage-ID: <anna1@example.dk>\r\n", "Hvor afleverer jeg glas?"),
		want: opensEnquiry},
	{name: "mail from our own address",
		raw:  mailWith("From: Affald <"+ourAddress+">\r\nSubject: Test\r\nMessage-ID: <own1@kk.example>\r\n", "Et svar der kom retur."),
		want: ignored, reason: "from our own address (loop)"},
	{name: "mail from our own address in capitals",
		raw:  mailWith("From: AFFALD@KK.EXAMPLE\r\nSubject: Test\r\nMessage-ID: <own2@kk.example>\r\n", "Igen."),
		want: ignored, reason: "from our own address (loop)"},
	{name: "mail from our own address answering the enquiry",
		raw:  mailWith("From: <"+ourAddress+">\r\nSubject: Re: Min gamle sofa [#{id}]\r\nIn-Reply-To: <first@example.dk>\r\nMessage-ID: <own3@kk.example>\r\n", "Sløjfe."),
		want: ignored, reason: "from our own address (loop)"},
	{name: "auto-reply (Auto-Submitted)",
		raw:  mailWith("From: Bo <bo@example.dk>\r\nSubject: Fraværende\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <auto1@example.dk>\r\n", "Jeg er på ferie."),
		want: ignored, reason: "auto-submitted: auto-replied"},
	{name: "auto-reply (X-Autoreply)",
		raw:  mailWith("From: Bo <bo@example.dk>\r\nSubject: Out of office\r\nX-Autoreply: yes\r\nMessage-ID: <auto2@example.dk>\r\n", "Away."),
		want: ignored, reason: "x-autoreply"},
	{name: "auto-reply (Precedence: auto_reply)",
		raw:  mailWith("From: Bo <bo@example.dk>\r\nSubject: Away\r\nPrecedence: auto_reply\r\nMessage-ID: <auto3@example.dk>\r\n", "Away."),
		want: ignored, reason: "precedence: auto_reply"},
	{name: "auto-reply to the enquiry",
		raw:  mailWith("From: Jens Hansen <jens@example.dk>\r\nSubject: Automatisk svar: Min gamle sofa\r\nAuto-Submitted: auto-replied\r\nIn-Reply-To: <first@example.dk>\r\nMessage-ID: <auto4@example.dk>\r\n", "Jeg er på ferie."),
		want: ignoredInto, reason: "auto-submitted: auto-replied"},
	{name: "bounce (delivery status notification)",
		raw: "From: Mail Delivery System <mailer@mx.example.dk>\r\nTo: " + ourAddress + "\r\nSubject: Undelivered Mail\r\nMessage-ID: <dsn1@mx.example.dk>\r\n" +
			"MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n" +
			"--b\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.dk\r\n\r\nFinal-Recipient: rfc822; nobody@example.dk\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n",
		want: ignored, reason: "bounce: multipart/report"},
	{name: "bounce (MAILER-DAEMON)",
		raw:  mailWith("From: MAILER-DAEMON@mx.example.dk\r\nSubject: Returned mail\r\nMessage-ID: <dsn2@mx.example.dk>\r\n", "User unknown."),
		want: ignored, reason: "bounce: mailer-daemon"},
	{name: "bounce (postmaster)",
		raw:  mailWith("From: postmaster@mx.example.dk\r\nSubject: Delivery failure\r\nMessage-ID: <dsn3@mx.example.dk>\r\n", "User unknown."),
		want: ignored, reason: "bounce: postmaster"},
	{name: "empty return path",
		raw:  "Return-Path: <>\r\n" + mailWith("From: Notifier <notify@example.dk>\r\nSubject: Notice\r\nMessage-ID: <rp1@example.dk>\r\n", "Notice."),
		want: ignored, reason: "empty return path"},
	{name: "mailing list (List-Id)",
		raw:  mailWith("From: Nyhedsbrev <news@example.dk>\r\nSubject: Nyt fra genbrug\r\nList-Id: <genbrug.example.dk>\r\nMessage-ID: <list1@example.dk>\r\n", "Nyheder."),
		want: ignored, reason: "list-id"},
	{name: "mailing list (List-Unsubscribe)",
		raw:  mailWith("From: Nyhedsbrev <news@example.dk>\r\nSubject: Nyt\r\nList-Unsubscribe: <mailto:leave@example.dk>\r\nMessage-ID: <list2@example.dk>\r\n", "Nyheder."),
		want: ignored, reason: "list-unsubscribe"},
	{name: "bulk mail (Precedence: bulk)",
		raw:  mailWith("From: Kampagne <news@example.dk>\r\nSubject: Tilbud\r\nPrecedence: bulk\r\nMessage-ID: <bulk1@example.dk>\r\n", "Tilbud."),
		want: ignored, reason: "precedence: bulk"},
	{name: "mailing list (Precedence: list)",
		raw:  mailWith("From: Liste <list@example.dk>\r\nSubject: Digest\r\nPrecedence: list\r\nMessage-ID: <list3@example.dk>\r\n", "Digest."),
		want: ignored, reason: "precedence: list"},
	{name: "the first mail delivered again",
		raw:  firstMail,
		want: duplicate},
	{name: "follow-up by In-Reply-To",
		raw:  mailWith("From: Jens Hansen <jens@example.dk>\r\nSubject: Sofaen igen\r\nIn-Reply-To: <first@example.dk>\r\nMessage-ID: <jens2@example.dk>\r\n", "Og hvad med puderne?"),
		want: appends},
	{name: "follow-up by References",
		raw:  mailWith("From: Jens Hansen <jens@example.dk>\r\nSubject: Sofaen\r\nIn-Reply-To: <unknown@example.dk>\r\nReferences: <first@example.dk> <unknown@example.dk>\r\nMessage-ID: <jens3@example.dk>\r\n", "Og stellet?"),
		want: appends},
	{name: "follow-up by the subject tag",
		raw:  mailWith("From: Jens Hansen <jens@example.dk>\r\nSubject: Re: Min gamle sofa [#{id}]\r\nMessage-ID: <jens4@example.dk>\r\n", "Tak for svaret."),
		want: appends},
	{name: "a tag of no enquiry",
		raw:  mailWith("From: Ole <ole@example.dk>\r\nSubject: Re: Noget [#987654]\r\nMessage-ID: <ole1@example.dk>\r\n", "Hej."),
		want: opensEnquiry},
}

// TestHandleMailDecides runs each kind of mail through HandleMail after a
// first enquiry and checks what it became: a new enquiry, a message in the
// first enquiry's thread, or a message kept as ignored with its reason.
func TestHandleMailDecides(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		first := intake(t, env.svc, db, 1, []byte(firstMail))
		if first.EnquiryID == nil {
			t.Fatalf("the first mail opened no enquiry: %+v", first)
		}
		id := *first.EnquiryID
		env.jobs.Take()
		for i, row := range intakeRows {
			raw := strings.ReplaceAll(row.raw, "{id}", fmt.Sprint(id))
			checkIntakeRow(t, env, db, uint32(i+2), id, raw, row)
		}
	})
}

func checkIntakeRow(t *testing.T, env *actEnv, db *storage.DB, uid uint32, first int64, raw string, row intakeRow) {
	t.Helper()
	messagesBefore, enquiriesBefore := allMessageCount(t, db), enquiryCount(t, db)
	m := intake(t, env.svc, db, uid, []byte(raw))
	jobs := kinds(env.jobs.Take())
	newMessages, newEnquiries := allMessageCount(t, db)-messagesBefore, enquiryCount(t, db)-enquiriesBefore
	got := intakeOutcome(m, first, newMessages, newEnquiries)
	if got != row.want {
		t.Errorf("%s: %s (message %d kind %s, enquiry %v, reason %q; %d messages, %d enquiries added), want %s",
			row.name, got, m.ID, m.Kind, ptrString(m.EnquiryID), m.Reason, newMessages, newEnquiries, row.want)
		return
	}
	if (row.want == ignored || row.want == ignoredInto) && m.Reason != row.reason {
		t.Errorf("%s: ignored with reason %q, want %q", row.name, m.Reason, row.reason)
	}
	wantSync := row.want != ignored && row.want != duplicate
	if slices.Contains(jobs, "sync_slack") != wantSync {
		t.Errorf("%s: jobs %v, want a Slack sync: %v", row.name, jobs, wantSync)
	}
}

// intakeOutcome names what became of the last mail.
func intakeOutcome(m *affaldsbot.Message, first int64, newMessages, newEnquiries int) string {
	switch {
	case newMessages == 0 && newEnquiries == 0:
		return duplicate
	case newMessages != 1:
		return fmt.Sprintf("%d messages stored", newMessages)
	case m.Kind == affaldsbot.MessageIgnored && m.EnquiryID == nil && newEnquiries == 0:
		return ignored
	case m.Kind == affaldsbot.MessageIgnored && m.EnquiryID != nil && *m.EnquiryID == first && newEnquiries == 0:
		return ignoredInto
	case m.Kind == affaldsbot.MessageInbound && m.EnquiryID != nil && *m.EnquiryID == first && newEnquiries == 0:
		return appends
	case m.Kind == affaldsbot.MessageInbound && m.EnquiryID != nil && *m.EnquiryID != first && newEnquiries == 1:
		return opensEnquiry
	}
	return "something else"
}

func allMessageCount(t *testing.T, db *storage.DB) int {
	t.Helper()
	var n int
	if err := db.DB.GetContext(context.Background(), &n, `SELECT COUNT(*) FROM messages`); err != nil {
		t.Fatal(err)
	}
	return n
}

func ptrString(p *int64) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprint(*p)
}
