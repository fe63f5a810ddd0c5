package affaldsbot

import "time"

// EventType names a change in an enquiry's life. Statistics are computed from
// events (docs/lifecycle.md), so every change is one.
type EventType string

const (
	EventCreated      EventType = "created"
	EventClaimed      EventType = "claimed"
	EventReleased     EventType = "released"
	EventHandedOver   EventType = "handed_over"
	EventAnswered     EventType = "answered" // a reply left for the citizen
	EventClosed       EventType = "closed"
	EventReopened     EventType = "reopened"
	EventCitizenWrote EventType = "citizen_wrote" // a follow-up from the citizen
	EventTopicChanged EventType = "topic_changed"
	EventNoted        EventType = "noted"
	EventCallAttempt  EventType = "call_attempt"
	EventCallUpdated  EventType = "call_updated"
)

// ActorSystem is the actor of events the bot causes by itself.
const ActorSystem = "system"

// Event is one change of one enquiry, with who did it and when.
type Event struct {
	ID        int64             `db:"id"`
	EnquiryID int64             `db:"enquiry_id"`
	Type      EventType         `db:"type"`
	Actor     string            `db:"actor"`
	At        time.Time         `db:"at"`
	Payload   map[string]string `db:"-"`
}

func (e *Enquiry) event(t EventType, actor string, now time.Time, payload map[string]string) Event {
	e.UpdatedAt = now
	return Event{EnquiryID: e.ID, Type: t, Actor: actor, At: now, Payload: payload}
}

// Claim gives the enquiry to actor. Only an unheld, open enquiry can be claimed.
func (e *Enquiry) Claim(actor string, now time.Time) (Event, error) {
	switch {
	case e.Status == StatusClosed:
		return Event{}, NewError(ECONFLICT, "closed_reopen_first", e.Ref())
	case e.Holder == actor:
		return Event{}, NewError(ECONFLICT, "already_yours", e.Ref())
	case e.Holder != "":
		return Event{}, NewError(ECONFLICT, "held_by", e.Ref(), e.Holder)
	}
	e.Holder = actor
	if e.Status == StatusNew {
		e.Status = StatusClaimed
	}
	return e.event(EventClaimed, actor, now, nil), nil
}

// Release gives up the holder's claim; a claimed enquiry goes back to new.
func (e *Enquiry) Release(actor string, now time.Time) (Event, error) {
	if e.Holder != actor {
		return Event{}, e.notHolder(actor)
	}
	prev := e.Holder
	e.Holder = ""
	if e.Status == StatusClaimed {
		e.Status = StatusNew
	}
	return e.event(EventReleased, actor, now, map[string]string{"from": prev}), nil
}

// HandOver passes the enquiry from its holder (or from nobody) to another adviser.
func (e *Enquiry) HandOver(actor, to string, now time.Time) (Event, error) {
	switch {
	case to == "":
		return Event{}, NewError(EINVALID, "handover_to_whom", e.Ref())
	case e.Status == StatusClosed:
		return Event{}, NewError(ECONFLICT, "closed_reopen_first", e.Ref())
	case e.Holder != "" && e.Holder != actor:
		return Event{}, e.notHolder(actor)
	case e.Holder == to:
		return Event{}, NewError(ECONFLICT, "already_holds", to, e.Ref())
	}
	prev := e.Holder
	e.Holder = to
	if e.Status == StatusNew {
		e.Status = StatusClaimed
	}
	return e.event(EventHandedOver, actor, now, map[string]string{"from": prev, "to": to}), nil
}

// Answer records that a reply left for the citizen. An unheld enquiry becomes
// the replier's.
func (e *Enquiry) Answer(actor string, now time.Time) (Event, error) {
	if e.Status == StatusClosed {
		return Event{}, NewError(ECONFLICT, "reply_closed", e.Ref())
	}
	if e.Holder == "" {
		e.Holder = actor
	}
	e.Status = StatusAnswered
	if e.FirstResponseAt == nil {
		t := now
		e.FirstResponseAt = &t
	}
	return e.event(EventAnswered, actor, now, nil), nil
}

// Close ends the enquiry.
func (e *Enquiry) Close(actor string, now time.Time) (Event, error) {
	if e.Status == StatusClosed {
		return Event{}, NewError(ECONFLICT, "already_closed", e.Ref())
	}
	e.Status = StatusClosed
	t := now
	e.ClosedAt = &t
	return e.event(EventClosed, actor, now, nil), nil
}

// Reopen brings back an answered or closed enquiry: claimed when someone holds
// it, else new.
func (e *Enquiry) Reopen(actor string, now time.Time) (Event, error) {
	if e.Status != StatusClosed && e.Status != StatusAnswered {
		return Event{}, NewError(ECONFLICT, "still_open", e.Ref())
	}
	e.reopen()
	return e.event(EventReopened, actor, now, nil), nil
}

// CitizenWrote records a follow-up from the citizen; it reopens an answered or
// closed enquiry (docs/lifecycle.md).
func (e *Enquiry) CitizenWrote(now time.Time) Event {
	from := e.Status
	if from == StatusClosed || from == StatusAnswered {
		e.reopen()
	}
	return e.event(EventCitizenWrote, ActorSystem, now, map[string]string{"from": string(from), "to": string(e.Status)})
}

// SetTopic changes the topic.
func (e *Enquiry) SetTopic(actor string, t Topic, now time.Time) (Event, error) {
	if !t.Valid() {
		return Event{}, NewError(EINVALID, "unknown_topic", string(t))
	}
	prev := e.Topic
	e.Topic = t
	return e.event(EventTopicChanged, actor, now, map[string]string{"from": string(prev), "to": string(t)}), nil
}

func (e *Enquiry) reopen() {
	e.ClosedAt = nil
	if e.Holder != "" {
		e.Status = StatusClaimed
	} else {
		e.Status = StatusNew
	}
}

func (e *Enquiry) notHolder(actor string) error {
	if e.Holder == "" {
		return NewError(ECONFLICT, "nobody_holds", e.Ref())
	}
	return NewError(ECONFLICT, "held_by_other", e.Ref(), e.Holder)
}

// Job is a durable side effect (post to Slack, send a mail, draft) enqueued in
// the same transaction as the change that causes it. Its Kind names the worker.
type Job interface {
	Kind() string
}

// ScheduledJob is a Job that must not run before RunAt (a reminder before a
// booked call-back). It waits in the queue's table, so it survives restarts.
type ScheduledJob interface {
	Job
	RunAt() time.Time
}
