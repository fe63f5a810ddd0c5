package affaldsbot

import (
	"strings"
	"time"
)

// EventCitizenAddressSet: an adviser gave the address to reply to, for a
// mail whose sender address could not be trusted.
const EventCitizenAddressSet EventType = "citizen_address_set"

// SetCitizenEmail records the address an adviser typed for a mail enquiry
// that has none. An address the mail itself gave is never replaced this way.
func (e *Enquiry) SetCitizenEmail(actor, addr string, now time.Time) (Event, error) {
	switch {
	case e.Channel != ChannelMail:
		return Event{}, NewError(EINVALID, "address_not_mail", e.Ref())
	case strings.EqualFold(e.CitizenEmail, addr):
		return Event{}, NewError(ECONFLICT, "address_same", e.Ref())
	case e.CitizenEmail != "":
		return Event{}, NewError(ECONFLICT, "address_from_mail", e.Ref())
	}
	e.CitizenEmail = addr
	return e.event(EventCitizenAddressSet, actor, now, map[string]string{"source": "adviser"}), nil
}
