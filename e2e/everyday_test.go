package e2e

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// The adviser's everyday tools through the binary, on both databases: a
// standard answer from the thread, a forward from its modal, merging a
// citizen's second mail and a booked call-back. Each input is delivered
// twice, and across a restart where a restart could make a second effect.
func TestEveryday(t *testing.T) {
	if testing.Short() {
		t.Skip("four scenarios through the binary on two databases: about a minute")
	}
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Run("standard answer", func(t *testing.T) { standardAnswer(t, dialect) })
			t.Run("forward", func(t *testing.T) { forward(t, dialect) })
			t.Run("merge", func(t *testing.T) { merging(t, dialect) })
			t.Run("call-back", func(t *testing.T) { callBack(t, dialect) })
		})
	}
}

// standardAnswer: `svar: /pap` in the thread sends the filled answer to the
// citizen once, and the statistics count the answer's use.
func standardAnswer(t *testing.T, dialect string) {
	d := newDesk(t, dialect)
	d.startBot(t)
	if _, err := d.imap.Deliver("INBOX", mailFrom("jens@example.dk", "Jens Hansen", "Pizzabakker", "sa-1@example.dk",
		"Hej, hvor skal mine pizzabakker hen?"), time.Now()); err != nil {
		t.Fatal(err)
	}
	id := d.enquiryOf(t, "sa-1@example.dk")
	root := d.root(t, id)
	event := d.threadMessage(root.TS, "svar: /pap")
	d.send(t, event)
	waitUntil(t, 30*time.Second, "the answer mailed", func() bool { return len(d.mailsTo("jens@example.dk")) > 0 })
	d.send(t, event) // Slack delivers the event again
	settle()
	mails := d.mailsTo("jens@example.dk")
	if len(mails) != 1 {
		t.Fatalf("%d mails to the citizen, want 1", len(mails))
	}
	text, _ := mailText(t, mails[0].Data)
	for _, want := range []string{"Hej Jens,", "Pizzabakker og andet pap med madrester", "#" + strconv.FormatInt(id, 10)} {
		if !strings.Contains(text, want) && !strings.Contains(headerValue(mails[0].Data, "Subject"), want) {
			t.Errorf("the answer lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "{fornavn}") || strings.Contains(text, "/pap") {
		t.Errorf("the answer was not filled in:\n%s", text)
	}
	if got := field(d.stats(t), "standard_answers", "pap"); got != 1.0 {
		t.Errorf("standard_answers.pap = %v, want 1", got)
	}
	d.bot.stop(t)
}

// forward: the button opens the modal, its submission forwards once — the
// mail to the destination with the citizen's mail attached and the § 7
// notice to the citizen — however often it is delivered, a restart between
// deliveries included; the enquiry is closed as forwarded and counted by
// destination.
func forward(t *testing.T, dialect string) {
	d := newDesk(t, dialect)
	d.startBot(t)
	if _, err := d.imap.Deliver("INBOX", mailFrom("karen@example.dk", "Karen Jensen", "Parkeringsbøde ved genbrugsstationen",
		"fw-1@example.dk", "Jeg fik en parkeringsbøde, da jeg afleverede storskrald."), time.Now()); err != nil {
		t.Fatal(err)
	}
	id := d.enquiryOf(t, "fw-1@example.dk")
	root := d.root(t, id)
	d.send(t, press("enquiry_forward", strconv.FormatInt(id, 10), root.TS, "100.1"))
	v := d.view(t, "forward_modal")
	submission := submit(v, map[string]any{
		"forward_to":   map[string]any{"destination": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "parkering", "text": map[string]any{"type": "plain_text", "text": "Parkering"}}}},
		"forward_note": map[string]any{"note": map[string]any{"type": "plain_text_input", "value": "Hører under jer."}},
	})
	d.send(t, submission)
	waitUntil(t, 30*time.Second, "the forward and the notice mailed", func() bool {
		return len(d.mailsTo("parkering@kk.example")) > 0 && len(d.mailsTo("karen@example.dk")) > 0
	})
	d.send(t, submission) // redelivered
	d.restart(t)
	d.send(t, submission) // and again after a restart
	settle()
	fwd, notice := d.mailsTo("parkering@kk.example"), d.mailsTo("karen@example.dk")
	if len(fwd) != 1 || len(notice) != 1 {
		t.Fatalf("%d forwards and %d notices, want 1 and 1", len(fwd), len(notice))
	}
	text, attached := mailText(t, fwd[0].Data)
	if !strings.Contains(text, "Hører under jer.") || !strings.Contains(text, "parkeringsbøde") {
		t.Errorf("the forward lacks the note or the citizen's text:\n%s", text)
	}
	if len(attached) != 1 || attached[0] != "message/rfc822" {
		t.Errorf("the forward's attachments %v, want the citizen's mail as message/rfc822", attached)
	}
	if text, _ := mailText(t, notice[0].Data); !strings.Contains(text, "§ 7") || !strings.Contains(text, "parkering@kk.example") {
		t.Errorf("the notice lacks § 7 or the destination:\n%s", text)
	}
	e, err := d.db.GetEnquiry(t.Context(), id)
	if err != nil || e.Status != "closed" {
		t.Errorf("enquiry %+v, %v; want closed", e, err)
	}
	if n := countEvents(t, d.db, id, "forwarded"); n != 1 {
		t.Errorf("%d forwarded events, want 1", n)
	}
	r := d.stats(t)
	if got, total := field(r, "forwarded", "by_destination", "Parkering"), field(r, "forwarded", "total"); got != 1.0 || total != 1.0 {
		t.Errorf("forwarded %v, want 1 to Parkering", field(r, "forwarded"))
	}
	d.bot.stop(t)
}

// merging: a second mail from the same citizen with a new subject is
// suggested for merging in its thread; the click moves its messages into
// the older enquiry and leaves a link, the statistics count one enquiry,
// and the undo button brings it back.
func merging(t *testing.T, dialect string) {
	d := newDesk(t, dialect)
	d.startBot(t)
	deliver := func(subject, msgID, body string) int64 {
		if _, err := d.imap.Deliver("INBOX", mailFrom("ole@example.dk", "Ole Berg", subject, msgID, body), time.Now()); err != nil {
			t.Fatal(err)
		}
		return d.enquiryOf(t, msgID)
	}
	older := deliver("Storskrald i gården", "mg-1@example.dk", "Hvornår hentes storskrald i gården?")
	olderRoot := d.root(t, older)
	newer := deliver("Glemte at spørge om batterier", "mg-2@example.dk", "Og hvor afleverer jeg batterier?")
	newerRoot := d.root(t, newer)
	if got := field(d.stats(t), "enquiries", "total"); got != 2.0 {
		t.Fatalf("before the merge: %v enquiries, want 2", got)
	}
	value := fmt.Sprintf("%d:%d", newer, older)
	var suggestion string
	waitUntil(t, 30*time.Second, "the suggestion in the newer thread", func() bool {
		if posts := d.threadPosts(newerRoot.TS, `"value":"`+value+`"`); len(posts) > 0 {
			suggestion = posts[0].TS
			return true
		}
		return false
	})
	click := press("enquiry_merge", value, suggestion, "200.1")
	d.send(t, click)
	waitUntil(t, 30*time.Second, "the newer mail shown in the older thread", func() bool {
		return len(d.threadPosts(olderRoot.TS, "batterier")) > 0
	})
	d.send(t, click) // delivered again
	settle()
	if n := len(d.threadPosts(olderRoot.TS, "batterier")); n != 1 {
		t.Errorf("the moved mail is shown %d times in the older thread, want 1", n)
	}
	undo := d.threadPosts(newerRoot.TS, `"action_id":"enquiry_unmerge"`)
	if len(undo) != 1 {
		t.Fatalf("%d merge notices with an undo button in the newer thread, want 1", len(undo))
	}
	if link := "/archives/" + channel + "/p" + strings.Replace(olderRoot.TS, ".", "", 1); !strings.Contains(string(undo[0].Blocks), link) {
		t.Errorf("the merge notice does not link the older thread: %s", undo[0].Blocks)
	}
	if msgs, _ := d.db.Messages(t.Context(), newer); len(msgs) != 0 {
		t.Errorf("%d messages left in the merged enquiry, want 0", len(msgs))
	}
	if got := field(d.stats(t), "enquiries", "total"); got != 1.0 {
		t.Errorf("after the merge: %v enquiries, want 1", got)
	}

	d.send(t, press("enquiry_unmerge", strconv.FormatInt(newer, 10), undo[0].TS, "300.1"))
	waitUntil(t, 30*time.Second, "the merge undone", func() bool {
		e, err := d.db.GetEnquiry(t.Context(), newer)
		return err == nil && e.MergedInto == nil
	})
	if msgs, _ := d.db.Messages(t.Context(), newer); len(msgs) != 1 {
		t.Errorf("after the undo: %d messages in the newer enquiry, want 1", len(msgs))
	}
	if got := field(d.stats(t), "enquiries", "total"); got != 2.0 {
		t.Errorf("after the undo: %v enquiries, want 2", got)
	}
	d.bot.stop(t)
}

// callBack: a call-back booked on a call enquiry sends the caller one SMS
// through the gateway and reminds the holder in the thread ten minutes
// before, once, a restart included. The reminder waits in the job table
// until its time; the test brings that time forward in the table.
func callBack(t *testing.T, dialect string) {
	d := newDesk(t, dialect)
	d.startBot(t)
	id := d.call(t, "e2e-cb-1", "+4512345678")
	root := d.root(t, id)
	d.send(t, press("call_book", strconv.FormatInt(id, 10), root.TS, "400.1"))
	v := d.view(t, "call_book_modal")
	due := nextWorkingMorning(time.Now())
	submission := submit(v, map[string]any{
		"call_book_when":   map[string]any{"when": map[string]any{"type": "datetimepicker", "selected_date_time": due.Unix()}},
		"call_book_notify": map[string]any{"notify": map[string]any{"type": "radio_buttons", "selected_option": map[string]any{"value": "sms", "text": map[string]any{"type": "plain_text", "text": "SMS"}}}},
	})
	d.send(t, submission)
	waitUntil(t, 30*time.Second, "the SMS sent", func() bool { return len(d.sms.Sent()) > 0 })
	d.send(t, submission) // redelivered
	settle()
	if sent := d.sms.Sent(); len(sent) != 1 || sent[0].To != "+4512345678" || !strings.Contains(sent[0].Text, due.In(cph()).Format("15:04")) {
		t.Errorf("SMS sent %+v, want one to the caller with the time", sent)
	}
	if n := d.sms.Refused(); n != 0 {
		t.Errorf("the gateway refused %d requests", n)
	}
	at := d.reminderAt(t)
	if want := due.Add(-10 * time.Minute); !at.Equal(want) {
		t.Errorf("the reminder waits until %s, want %s", at, want)
	}
	d.reminderNow(t)
	waitUntil(t, 60*time.Second, "the reminder in the thread", func() bool { return len(d.threadPosts(root.TS, "<@"+adviser+"> påmindelse")) > 0 })
	d.restart(t)
	settle()
	if posts := d.threadPosts(root.TS, "<@"+adviser+"> påmindelse"); len(posts) != 1 || !strings.Contains(posts[0].Text, due.In(cph()).Format("15:04")) {
		t.Errorf("reminders %+v, want one with the time", posts)
	}
	if sent := d.sms.Sent(); len(sent) != 1 {
		t.Errorf("after the restart: %d SMS, want 1", len(sent))
	}
	d.bot.stop(t)
}

func cph() *time.Location { return workcal.Default().Location() }

// nextWorkingMorning is 10:00 in Copenhagen on the next working day after
// now's.
func nextWorkingMorning(now time.Time) time.Time {
	cal := workcal.Default()
	day := now.In(cal.Location())
	for {
		day = day.AddDate(0, 0, 1)
		at := time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, cal.Location())
		if cal.IsWorkingDay(at) {
			return at
		}
	}
}

// reminderAt is when the call-back reminder job is to run, from its
// arguments in the job table.
func (d *desk) reminderAt(t *testing.T) time.Time {
	t.Helper()
	var args []string
	q := `SELECT CAST(args AS TEXT) FROM river_job WHERE kind = 'callback_reminder'`
	if d.db.Dialect == storage.SQLite {
		q = `SELECT json(args) FROM river_job WHERE kind = 'callback_reminder'` // River keeps it as JSONB there
	}
	if err := d.db.Select(&args, q); err != nil || len(args) != 1 {
		t.Fatalf("reminder jobs %v, %v; want 1", args, err)
	}
	var a struct {
		At time.Time `json:"at"`
	}
	if err := json.Unmarshal([]byte(args[0]), &a); err != nil {
		t.Fatal(err)
	}
	return a.At
}

// reminderNow brings the reminder job's time forward to now.
func (d *desk) reminderNow(t *testing.T) {
	t.Helper()
	q := `UPDATE river_job SET scheduled_at = now() - interval '1 second' WHERE kind = 'callback_reminder'`
	if d.db.Dialect == storage.SQLite {
		q = `UPDATE river_job SET scheduled_at = datetime('now', 'subsec', '-1 second') WHERE kind = 'callback_reminder'`
	}
	if _, err := d.db.Exec(q); err != nil {
		t.Fatal(err)
	}
}

// countEvents counts an enquiry's events of one type.
func countEvents(t *testing.T, db *storage.DB, id int64, typ string) int {
	t.Helper()
	evs, err := db.Events(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range evs {
		if string(e.Type) == typ {
			n++
		}
	}
	return n
}
