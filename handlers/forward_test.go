package handlers_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

var testDestinations = []handlers.Destination{
	{Key: "borgerservice", Name: "Borgerservice", Address: "borgerservice@example.dk"},
	{Key: "parkering", Name: "Parkering", Address: "parkering@example.dk"},
}

// runJobs runs the jobs enqueued so far, and those they enqueue, as the job
// queue would.
func (e *actEnv) runJobs(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	for jobs := e.jobs.Take(); len(jobs) > 0; jobs = e.jobs.Take() {
		for _, j := range jobs {
			var err error
			switch a := j.(type) {
			case handlers.SendReplyArgs:
				err = e.svc.SendReply(ctx, a)
			case handlers.SendForwardArgs:
				err = e.svc.SendForward(ctx, a)
			}
			if err != nil {
				t.Fatalf("job %s: %v", j.Kind(), err)
			}
		}
	}
}

func TestForwardSendsTheMailsOnceAndTellsTheCitizenOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Destinations = testDestinations
		ctx := context.Background()
		id := env.citizenMail(t, 3)
		origin := handlers.ViewOrigin("VFWD1")
		got, err := env.svc.Forward(ctx, "UADV1", id, "Borgerservice", "Hun spørger om sit pas, ikke om affald.", origin)
		if err != nil {
			t.Fatal(err)
		}
		if got.Destination.Name != "Borgerservice" || !got.Notice || got.Enquiry.Status != affaldsbot.StatusClosed {
			t.Errorf("Forward = %+v, want closed, to Borgerservice, citizen told", got)
		}
		env.runJobs(t)
		again, err := env.svc.Forward(ctx, "UADV1", id, "parkering", "en anden note", origin) // the same submission delivered again
		if err != nil || again == nil || again.Destination.Name != "Borgerservice" {
			t.Fatalf("replayed Forward = %+v, %v; want the first forward", again, err)
		}
		// a restart: a new process on the same database gets the input once more
		restarted := *env.svc
		if _, err := restarted.Forward(ctx, "UADV1", id, "borgerservice", "", origin); err != nil {
			t.Fatal(err)
		}
		env.runJobs(t)
		mails := env.smtp.Mails()
		if len(mails) != 2 {
			t.Fatalf("%d mails sent, want the forward and the notice", len(mails))
		}
		byRcpt := map[string][]byte{}
		for _, m := range mails {
			byRcpt[strings.Join(m.To, ",")] = m.Data
		}
		checkForwardMail(t, byRcpt["borgerservice@example.dk"])
		notice := string(byRcpt["jens3@example.dk"])
		for _, want := range []string{"Borgerservice", "forvaltningslovens =C2=A7 7", "Hej Jens,"} {
			if !strings.Contains(notice, want) {
				t.Errorf("the citizen's notice lacks %q:\n%s", want, notice)
			}
		}
		f, err := db.LastForward(ctx, id)
		if err != nil || f.State != storage.FilingSent || f.Destination != "Borgerservice" || f.Note == "" {
			t.Errorf("forward %+v, %v; want sent to Borgerservice with its note", f, err)
		}
		e, _ := db.GetEnquiry(ctx, id)
		if e.Status != affaldsbot.StatusClosed {
			t.Errorf("enquiry %s, want closed", e.Status)
		}
		if n, _ := db.ForwardTally(ctx, e.ReceivedAt.Add(-time.Minute), e.ReceivedAt.Add(time.Minute)); !cmp.Equal(n, map[string]int{"Borgerservice": 1}) {
			t.Errorf("forwards by destination %v", n)
		}
	})
}

// checkForwardMail: the adviser's note and the citizen's text in the body,
// their mail attached as it arrived, nothing internal.
func checkForwardMail(t *testing.T, raw []byte) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	var types []string
	var text string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		types = append(types, strings.Split(p.Header.Get("Content-Type"), ";")[0])
		if len(types) == 1 {
			text = string(b)
		}
	}
	if !cmp.Equal(types, []string{"text/plain", "message/rfc822"}) {
		t.Errorf("forward parts %v, want the text and the citizen's mail", types)
	}
	for _, want := range []string{"spørger om sit pas", "Hvornår henter I storskrald?"} {
		if !strings.Contains(text, want) {
			t.Errorf("forward text lacks %q:\n%s", want, text)
		}
	}
}

func TestForwardIsForAdvisersOnly(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Destinations = testDestinations
		id := env.citizenMail(t, 4)
		_, err := env.svc.Forward(context.Background(), "UCITIZEN", id, "borgerservice", "", handlers.ViewOrigin("VX"))
		if affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Errorf("err = %v, want EFORBIDDEN", err)
		}
		if f, _ := db.LastForward(context.Background(), id); f != nil || len(env.jobs.Take()) != 0 {
			t.Errorf("a refused forward left %+v", f)
		}
	})
}

func TestForwardRefusesAnUnknownDestinationNamingTheKnownOnes(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Destinations = testDestinations
		id := env.citizenMail(t, 5)
		_, err := env.svc.Forward(context.Background(), "UADV1", id, "skat", "", nil)
		if affaldsbot.ErrorCode(err) != affaldsbot.ENOTFOUND || !strings.Contains(affaldsbot.ErrorText(locale.NewPrinter("en"), err), "parkering") {
			t.Errorf("err = %v, want ENOTFOUND naming the destinations", err)
		}
	})
}

func TestParseDestinations(t *testing.T) {
	got, err := handlers.ParseDestinations("Borgerservice <borgerservice@kk.dk>; Teknik- og Miljø <tmf@kk.dk>\n# kommentar\nFrederiksberg Kommune <info@frederiksberg.dk>")
	want := []handlers.Destination{{Key: "borgerservice", Name: "Borgerservice", Address: "borgerservice@kk.dk"},
		{Key: "teknik-og-miljo", Name: "Teknik- og Miljø", Address: "tmf@kk.dk"},
		{Key: "frederiksberg-kommune", Name: "Frederiksberg Kommune", Address: "info@frederiksberg.dk"}}
	if err != nil || !cmp.Equal(want, got) {
		t.Errorf("ParseDestinations = %v, %v; (-want +got)\n%s", got, err, cmp.Diff(want, got))
	}
	for _, bad := range []string{"borgerservice@kk.dk; x <y@z.dk>", "A <a@kk.dk>; a <b@kk.dk>", "Navn <ikke en adresse>"} {
		if _, err := handlers.ParseDestinations(bad); err == nil || !strings.Contains(err.Error(), "FORWARD_DESTINATIONS") {
			t.Errorf("ParseDestinations(%q) err = %v, want one naming the setting", bad, err)
		}
	}
}

func TestForwardingACallSendsTheNoteAndTellsTheAdviserToRing(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Destinations = testDestinations
		ctx := context.Background()
		res, err := env.svc.ReceiveCall(ctx, sampleCall())
		if err != nil {
			t.Fatal(err)
		}
		env.jobs.Take()
		got, err := env.svc.Forward(ctx, "UADV1", res.EnquiryID, "parkering", "Ring til borgeren.", handlers.ViewOrigin("VCALL"))
		if err != nil {
			t.Fatal(err)
		}
		if got.Notice {
			t.Error("a caller without an address was to be told by mail")
		}
		env.runJobs(t)
		mails := env.smtp.Mails()
		if len(mails) != 1 || strings.Join(mails[0].To, ",") != "parkering@example.dk" {
			t.Fatalf("mails %d to %v, want only the forward to parkering@example.dk", len(mails), mails)
		}
		for _, want := range []string{"Spørger om storskrald i gården", "Ring til borgeren."} {
			if !strings.Contains(string(mails[0].Data), want) && !strings.Contains(decodeQP(mails[0].Data), want) {
				t.Errorf("the forward lacks %q", want)
			}
		}
	})
}

// decodeQP reads a quoted-printable body loosely, for text checks.
func decodeQP(raw []byte) string {
	r := quotedprintable.NewReader(bytes.NewReader(raw))
	b, _ := io.ReadAll(r)
	return string(b)
}
