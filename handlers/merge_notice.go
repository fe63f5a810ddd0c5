package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// errRootNotPosted snoozes a suggestion until the root message is posted.
var errRootNotPosted = errors.New("root message not posted yet")

// SuggestMerge posts the suggestion in the new enquiry's thread once its root
// is posted, if both enquiries still stand as they did: the new one not
// merged, the older one open.
func (s *Service) SuggestMerge(ctx context.Context, a SuggestMergeArgs) error {
	e, err := s.DB.GetEnquiry(ctx, a.EnquiryID)
	if err != nil {
		return err
	}
	older, err := s.DB.GetEnquiry(ctx, a.Candidate)
	if err != nil {
		return err
	}
	if e.MergedInto != nil || older.MergedInto != nil || older.Status == affaldsbot.StatusClosed || older.ErasedAt != nil {
		return nil
	}
	ref, ok, err := s.DB.SlackRef(ctx, e.ID)
	if err != nil {
		return err
	} else if !ok || ref.RootTS == "" {
		return &affaldsbot.RetryLater{After: 2 * time.Second, Err: errRootNotPosted}
	}
	n := MergeNotice{Kind: MergeSuggested, Newer: e.ID, Older: older.ID, Subject: older.Subject}
	olderRef, posting, err := s.DB.SlackRef(ctx, older.ID)
	if err != nil {
		return err
	} else if posting && olderRef.RootTS == "" { // the older root is being posted: wait for its link
		return &affaldsbot.RetryLater{After: 2 * time.Second, Err: errRootNotPosted}
	}
	n.OtherChannel, n.OtherRootTS = olderRef.Channel, olderRef.RootTS
	n.Mark = fmt.Sprintf("merge-suggest-%d-%d", e.ID, older.ID)
	return s.postMergeNoticeOnce(ctx, ref.Channel, ref.RootTS, n)
}

// MergeNotice tells both threads about a merge or its undoing; after a merge
// it then has the moved messages posted in the older thread. A thread whose root
// is not posted yet gets no notice (its root shows the state). Each notice
// carries a mark and is looked for before it is posted, so a retry after a
// partial failure posts only what is missing.
func (s *Service) MergeNotice(ctx context.Context, a MergeNoticeArgs) error {
	newerCh, newerTS := s.rootOf(ctx, a.Newer)
	olderCh, olderTS := s.rootOf(ctx, a.Older)
	away, here := MergedAway, MergedHere
	if a.Undo {
		away, here = UnmergedAway, UnmergedHere
	}
	n := MergeNotice{Newer: a.Newer, Older: a.Older, Actor: a.Actor}
	if newerTS != "" {
		n.Kind, n.OtherChannel, n.OtherRootTS, n.Mark = away, olderCh, olderTS, a.mark(away)
		if err := s.postMergeNoticeOnce(ctx, newerCh, newerTS, n); err != nil {
			return err
		}
	}
	if olderTS != "" {
		n.Kind, n.OtherChannel, n.OtherRootTS, n.Mark = here, newerCh, newerTS, a.mark(here)
		if err := s.postMergeNoticeOnce(ctx, olderCh, olderTS, n); err != nil {
			return err
		}
	}
	if a.Undo {
		return nil
	}
	// A job of its own: a sync deferred (another attempt holds the enquiry) or
	// failed need not look for the notices again.
	return s.inTx(ctx, func(tx *storage.Tx) error {
		tx.Enqueue(SyncSlackArgs{EnquiryID: a.Older})
		return nil
	})
}

// postMergeNoticeOnce posts n unless a post with its mark is in the thread,
// as noticeOnce does for a text.
func (s *Service) postMergeNoticeOnce(ctx context.Context, channel, rootTS string, n MergeNotice) error {
	if found, err := s.Slack.FindNotice(ctx, channel, rootTS, n.Mark); err != nil || found {
		return err
	}
	return s.Slack.PostMergeNotice(ctx, channel, rootTS, n)
}

// rootOf is the channel and ts of an enquiry's root message, empty when it is
// not posted (or cannot be read: the notice then goes without a link).
func (s *Service) rootOf(ctx context.Context, id int64) (channel, ts string) {
	ref, ok, err := s.DB.SlackRef(ctx, id)
	if err != nil || !ok {
		return "", ""
	}
	return ref.Channel, ref.RootTS
}
