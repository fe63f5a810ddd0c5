package affaldsbot

import (
	"strconv"
	"time"
)

// Events of merging: the newer enquiry records that it was merged into the
// older one, the older one that it took the newer one's messages; undoing a
// merge records the reverse on both.
const (
	EventMerged       EventType = "merged"
	EventMergedFrom   EventType = "merged_from"
	EventUnmerged     EventType = "unmerged"
	EventUnmergedFrom EventType = "unmerged_from"
)

// MergeInto merges e, the newer enquiry of a citizen who wrote again in a new
// mail, into older, an open enquiry: e is closed as merged and older takes
// its messages, which reopens an answered older enquiry as a citizen's mail
// does. It returns e's event and older's.
func (e *Enquiry) MergeInto(older *Enquiry, actor string, now time.Time) ([]Event, error) {
	switch {
	case e.ID == older.ID || e.ID < older.ID:
		return nil, NewError(EINVALID, "merge_newer_into_older", e.Ref(), older.Ref())
	case e.MergedInto != nil:
		return nil, NewError(ECONFLICT, "merge_already", e.Ref(), "#"+strconv.FormatInt(*e.MergedInto, 10))
	case older.MergedInto != nil:
		return nil, NewError(ECONFLICT, "merge_already", older.Ref(), "#"+strconv.FormatInt(*older.MergedInto, 10))
	case older.Status == StatusClosed:
		return nil, NewError(ECONFLICT, "closed_reopen_first", older.Ref())
	}
	from := e.Status
	e.Status, e.MergedInto = StatusClosed, &older.ID
	t := now
	e.ClosedAt = &t
	olderFrom := older.Status
	if olderFrom == StatusAnswered {
		older.reopen()
	}
	return []Event{
		e.event(EventMerged, actor, now, map[string]string{"into": strconv.FormatInt(older.ID, 10), "from": string(from)}),
		older.event(EventMergedFrom, actor, now, map[string]string{"merged": strconv.FormatInt(e.ID, 10),
			"from": string(olderFrom), "to": string(older.Status)}),
	}, nil
}

// Unmerge undoes MergeInto: e is its own enquiry again, open (claimed when
// someone holds it, else new), and older gives its messages back.
func (e *Enquiry) Unmerge(older *Enquiry, actor string, now time.Time) ([]Event, error) {
	switch {
	case e.MergedInto == nil:
		return nil, NewError(ECONFLICT, "merge_not_merged", e.Ref())
	case *e.MergedInto != older.ID:
		return nil, NewError(EINVALID, "merge_not_merged", e.Ref())
	}
	e.MergedInto = nil
	e.reopen()
	return []Event{
		e.event(EventUnmerged, actor, now, map[string]string{"from": strconv.FormatInt(older.ID, 10)}),
		older.event(EventUnmergedFrom, actor, now, map[string]string{"merged": strconv.FormatInt(e.ID, 10)}),
	}, nil
}
