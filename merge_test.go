package affaldsbot_test

import (
	"testing"

	"github.com/affaldsbot/affaldsbot"
)

func TestMergeInto(t *testing.T) {
	const (
		New, Claimed, Answered, Closed = affaldsbot.StatusNew, affaldsbot.StatusClaimed, affaldsbot.StatusAnswered, affaldsbot.StatusClosed
	)
	seven := int64(7)
	for _, tc := range []struct {
		name                 string
		newerID, olderID     int64
		newer, older         affaldsbot.Status
		olderHolder          string
		newerMerged          *int64
		wantCode             string
		wantNewer, wantOlder affaldsbot.Status
	}{
		{name: "newer into older", newerID: 9, olderID: 7, newer: New, older: Claimed, olderHolder: "U1", wantNewer: Closed, wantOlder: Claimed},
		{name: "answered older reopens", newerID: 9, olderID: 7, newer: New, older: Answered, olderHolder: "U1", wantNewer: Closed, wantOlder: Claimed},
		{name: "answered unheld older is new again", newerID: 9, olderID: 7, newer: Claimed, older: Answered, wantNewer: Closed, wantOlder: New},
		{name: "older into newer refused", newerID: 7, olderID: 9, newer: New, older: New, wantCode: affaldsbot.EINVALID},
		{name: "into itself refused", newerID: 7, olderID: 7, newer: New, older: New, wantCode: affaldsbot.EINVALID},
		{name: "into a closed enquiry refused", newerID: 9, olderID: 7, newer: New, older: Closed, wantCode: affaldsbot.ECONFLICT},
		{name: "merged twice refused", newerID: 9, olderID: 7, newer: Closed, older: New, newerMerged: &seven, wantCode: affaldsbot.ECONFLICT},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newer := &affaldsbot.Enquiry{ID: tc.newerID, Status: tc.newer, MergedInto: tc.newerMerged}
			older := &affaldsbot.Enquiry{ID: tc.olderID, Status: tc.older, Holder: tc.olderHolder}
			evs, err := newer.MergeInto(older, "U2", now)
			if got := affaldsbot.ErrorCode(err); got != tc.wantCode {
				t.Fatalf("MergeInto error = %v, want code %q", err, tc.wantCode)
			}
			if err != nil {
				return
			}
			if newer.Status != tc.wantNewer || older.Status != tc.wantOlder {
				t.Errorf("statuses = %s, %s; want %s, %s", newer.Status, older.Status, tc.wantNewer, tc.wantOlder)
			}
			if newer.MergedInto == nil || *newer.MergedInto != older.ID || newer.ClosedAt == nil {
				t.Errorf("newer = %+v, want merged into %d and closed", newer, older.ID)
			}
			if len(evs) != 2 || evs[0].Type != affaldsbot.EventMerged || evs[0].EnquiryID != newer.ID ||
				evs[1].Type != affaldsbot.EventMergedFrom || evs[1].EnquiryID != older.ID || evs[0].Actor != "U2" {
				t.Errorf("events = %+v", evs)
			}
		})
	}
}

func TestUnmerge(t *testing.T) {
	seven := int64(7)
	newer := &affaldsbot.Enquiry{ID: 9, Status: affaldsbot.StatusClosed, MergedInto: &seven, ClosedAt: &now}
	older := &affaldsbot.Enquiry{ID: 7, Status: affaldsbot.StatusClaimed, Holder: "U1"}
	evs, err := newer.Unmerge(older, "U2", now)
	if err != nil {
		t.Fatal(err)
	}
	if newer.MergedInto != nil || newer.Status != affaldsbot.StatusNew || newer.ClosedAt != nil {
		t.Errorf("newer after undo = %+v, want open and not merged", newer)
	}
	if len(evs) != 2 || evs[0].Type != affaldsbot.EventUnmerged || evs[1].Type != affaldsbot.EventUnmergedFrom {
		t.Errorf("events = %+v", evs)
	}
	if _, err := newer.Unmerge(older, "U2", now); affaldsbot.ErrorCode(err) != affaldsbot.ECONFLICT {
		t.Errorf("second undo: %v, want a conflict", err)
	}
	other := &affaldsbot.Enquiry{ID: 8}
	newer.MergedInto = &seven
	if _, err := newer.Unmerge(other, "U2", now); affaldsbot.ErrorCode(err) != affaldsbot.EINVALID {
		t.Errorf("undo against the wrong enquiry: %v, want invalid", err)
	}
}
