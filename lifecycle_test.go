package affaldsbot_test

import (
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

var now = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

func TestTransitions(t *testing.T) {
	type act func(e *affaldsbot.Enquiry) (affaldsbot.Event, error)
	claim := func(u string) act {
		return func(e *affaldsbot.Enquiry) (affaldsbot.Event, error) { return e.Claim(u, now) }
	}
	release := func(u string) act {
		return func(e *affaldsbot.Enquiry) (affaldsbot.Event, error) { return e.Release(u, now) }
	}
	handOver := func(u, to string) act {
		return func(e *affaldsbot.Enquiry) (affaldsbot.Event, error) { return e.HandOver(u, to, now) }
	}
	answer := func(u string) act {
		return func(e *affaldsbot.Enquiry) (affaldsbot.Event, error) { return e.Answer(u, now) }
	}
	closeBy := func(u string) act {
		return func(e *affaldsbot.Enquiry) (affaldsbot.Event, error) { return e.Close(u, now) }
	}
	reopen := func(u string) act {
		return func(e *affaldsbot.Enquiry) (affaldsbot.Event, error) { return e.Reopen(u, now) }
	}
	citizen := func(e *affaldsbot.Enquiry) (affaldsbot.Event, error) { return e.CitizenWrote(now), nil }
	const (
		New, Claimed, Answered, Closed = affaldsbot.StatusNew, affaldsbot.StatusClaimed, affaldsbot.StatusAnswered, affaldsbot.StatusClosed
	)
	for _, tc := range []struct {
		name       string
		status     affaldsbot.Status
		holder     string
		do         act
		wantStatus affaldsbot.Status
		wantHolder string
		wantEvent  affaldsbot.EventType
		wantCode   string
	}{
		{"claim new", New, "", claim("A"), Claimed, "A", affaldsbot.EventClaimed, ""},
		{"claim held by other", Claimed, "B", claim("A"), Claimed, "B", "", affaldsbot.ECONFLICT},
		{"claim own", Claimed, "A", claim("A"), Claimed, "A", "", affaldsbot.ECONFLICT},
		{"claim closed", Closed, "", claim("A"), Closed, "", "", affaldsbot.ECONFLICT},
		{"claim unheld answered", Answered, "", claim("A"), Answered, "A", affaldsbot.EventClaimed, ""},
		{"release own", Claimed, "A", release("A"), New, "", affaldsbot.EventReleased, ""},
		{"release other's", Claimed, "B", release("A"), Claimed, "B", "", affaldsbot.ECONFLICT},
		{"release unheld", New, "", release("A"), New, "", "", affaldsbot.ECONFLICT},
		{"release answered keeps answered", Answered, "A", release("A"), Answered, "", affaldsbot.EventReleased, ""},
		{"hand over own", Claimed, "A", handOver("A", "B"), Claimed, "B", affaldsbot.EventHandedOver, ""},
		{"hand over unheld", New, "", handOver("A", "B"), Claimed, "B", affaldsbot.EventHandedOver, ""},
		{"hand over other's", Claimed, "C", handOver("A", "B"), Claimed, "C", "", affaldsbot.ECONFLICT},
		{"hand over to nobody", Claimed, "A", handOver("A", ""), Claimed, "A", "", affaldsbot.EINVALID},
		{"hand over closed", Closed, "A", handOver("A", "B"), Closed, "A", "", affaldsbot.ECONFLICT},
		{"answer claimed", Claimed, "A", answer("A"), Answered, "A", affaldsbot.EventAnswered, ""},
		{"answer new takes it", New, "", answer("A"), Answered, "A", affaldsbot.EventAnswered, ""},
		{"answer closed", Closed, "A", answer("A"), Closed, "A", "", affaldsbot.ECONFLICT},
		{"close new", New, "", closeBy("A"), Closed, "", affaldsbot.EventClosed, ""},
		{"close answered", Answered, "A", closeBy("A"), Closed, "A", affaldsbot.EventClosed, ""},
		{"close closed", Closed, "A", closeBy("A"), Closed, "A", "", affaldsbot.ECONFLICT},
		{"reopen closed held", Closed, "A", reopen("B"), Claimed, "A", affaldsbot.EventReopened, ""},
		{"reopen closed unheld", Closed, "", reopen("B"), New, "", affaldsbot.EventReopened, ""},
		{"reopen answered", Answered, "A", reopen("A"), Claimed, "A", affaldsbot.EventReopened, ""},
		{"reopen open", Claimed, "A", reopen("A"), Claimed, "A", "", affaldsbot.ECONFLICT},
		{"citizen writes to answered", Answered, "A", citizen, Claimed, "A", affaldsbot.EventCitizenWrote, ""},
		{"citizen writes to closed unheld", Closed, "", citizen, New, "", affaldsbot.EventCitizenWrote, ""},
		{"citizen writes to new", New, "", citizen, New, "", affaldsbot.EventCitizenWrote, ""},
		{"citizen writes to claimed", Claimed, "A", citizen, Claimed, "A", affaldsbot.EventCitizenWrote, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := &affaldsbot.Enquiry{ID: 7, Status: tc.status, Holder: tc.holder}
			ev, err := tc.do(e)
			if code := affaldsbot.ErrorCode(err); code != tc.wantCode {
				t.Fatalf("error code %q (%v), want %q", code, err, tc.wantCode)
			}
			if e.Status != tc.wantStatus || e.Holder != tc.wantHolder {
				t.Errorf("status %s holder %q, want %s %q", e.Status, e.Holder, tc.wantStatus, tc.wantHolder)
			}
			if ev.Type != tc.wantEvent || (ev.Type != "" && (ev.EnquiryID != 7 || !ev.At.Equal(now))) {
				t.Errorf("event %+v, want type %q for enquiry 7 at now", ev, tc.wantEvent)
			}
		})
	}
}

func TestFirstResponseIsKept(t *testing.T) {
	e := &affaldsbot.Enquiry{ID: 1, Status: affaldsbot.StatusClaimed, Holder: "A"}
	e.Answer("A", now)
	e.CitizenWrote(now.Add(time.Hour))
	e.Answer("A", now.Add(2*time.Hour))
	if e.FirstResponseAt == nil || !e.FirstResponseAt.Equal(now) {
		t.Errorf("FirstResponseAt = %v, want %v", e.FirstResponseAt, now)
	}
}

func TestSetTopicRejectsUnknown(t *testing.T) {
	e := &affaldsbot.Enquiry{ID: 1, Topic: affaldsbot.TopicAndet}
	if _, err := e.SetTopic("A", "pizza", now); affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
		t.Errorf("err = %v, want EINVALID", err)
	}
	if ev, err := e.SetTopic("A", affaldsbot.TopicKlage, now); err != nil || e.Topic != affaldsbot.TopicKlage || ev.Payload["from"] != "andet" {
		t.Errorf("SetTopic = %+v, %v", ev, err)
	}
}
