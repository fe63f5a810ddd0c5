package terminal

import (
	"context"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// book books a call-back on call enquiry N at DATE TIME (in the team's time
// zone), optionally confirmed to the citizen by mail or sms, as the booking
// modal does: "book 12 2026-12-03 10:30 sms".
func (c *Chat) book(ctx context.Context, args string) error {
	usage := UsageError(c.usageOf("book"))
	id, rest, err := EnquiryArg(args, string(usage))
	if err != nil {
		return err
	}
	f := strings.Fields(rest)
	if len(f) < 2 || len(f) > 3 {
		return usage
	}
	loc := workcal.Default().Location()
	if c.svc.Calendar != nil {
		loc = c.svc.Calendar.Location()
	}
	at, err := time.ParseInLocation("2006-01-02 15:04", f[0]+" "+f[1], loc)
	if err != nil {
		return usage
	}
	b := handlers.CallbackBooking{EnquiryID: id, At: at}
	if len(f) == 3 {
		b.Notify = f[2]
	}
	if _, err := c.svc.BookCallback(ctx, c.user, b, nil); err != nil {
		return err
	}
	c.Print("✔ " + locale.NewPrinter(c.lang).Printf("callback_booked", "#"+itoa(id), c.svc.CallbackWhen(at)))
	return nil
}
