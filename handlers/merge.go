package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// What a merge notice says (MergeNotice.Kind).
const (
	MergeSuggested = "suggested" // in the newer thread: the open enquiry of the same citizen, with a merge button
	MergedAway     = "merged"    // in the newer thread: merged into the older one, with an undo button
	MergedHere     = "merged_in" // in the older thread: the newer one's messages follow
	UnmergedAway   = "unmerged"  // in the newer thread: its own enquiry again
	UnmergedHere   = "unmerged_from"
)

// MergeNotice is a message about merging in an enquiry's thread. The surface
// words it in its language and gives it the button that fits: merge on a
// suggestion, undo on a merge.
type MergeNotice struct {
	Kind         string
	Newer, Older int64
	Subject      string // the older enquiry's subject, as the citizen wrote it
	Actor        string // the adviser who merged or undid
	// The other enquiry's root message, for a link; empty before it is posted.
	OtherChannel, OtherRootTS string
	// Mark names this notice for FindNotice, so that it is posted once.
	Mark string
}

// SuggestMergeArgs suggests, in a new enquiry's thread, the open enquiry of
// the same citizen that it may belong to.
type SuggestMergeArgs struct {
	EnquiryID int64 `json:"enquiry_id"`
	Candidate int64 `json:"candidate"`
}

func (SuggestMergeArgs) Kind() string { return "suggest_merge" }

// MergeNoticeArgs tells both threads about a merge or its undoing, and after
// a merge posts the moved messages in the older thread.
type MergeNoticeArgs struct {
	Newer int64  `json:"newer"`
	Older int64  `json:"older"`
	Actor string `json:"actor"`
	Undo  bool   `json:"undo,omitempty"`
	// Seq is the newer enquiry's count of events with the merge's (or the
	// undo's): it tells this merge's notices from those of an earlier one.
	Seq int64 `json:"seq,omitempty"`
}

// mark names one of the notice's posts (kind) for FindNotice.
func (a MergeNoticeArgs) mark(kind string) string {
	return fmt.Sprintf("merge-%d-%d-%d-%s", a.Newer, a.Older, a.Seq, kind)
}

func (MergeNoticeArgs) Kind() string { return "merge_notice" }

// suggestMerge enqueues a suggestion for a new mail enquiry when its citizen
// has an older open one.
func suggestMerge(ctx context.Context, tx *storage.Tx, e *affaldsbot.Enquiry) error {
	if e.CitizenEmail == "" {
		return nil
	}
	older, ok, err := tx.OpenEnquiryOf(ctx, e.CitizenEmail, e.ID)
	if ok {
		tx.Enqueue(SuggestMergeArgs{EnquiryID: e.ID, Candidate: older})
	}
	return err
}

// Merge merges enquiry newer into the older enquiry of the same citizen for
// an adviser: the newer one's messages move into the older one, which Slack
// then shows in its thread; the newer one is closed as merged, with a link
// and an undo button in its thread, and statistics count the two as one.
// The input (origin) is recorded with the change, so the same click
// delivered again, after an undo too, changes nothing.
func (s *Service) Merge(ctx context.Context, user string, newer, older int64, origin Origin) (*affaldsbot.Enquiry, error) {
	return s.merging(ctx, user, newer, origin, func(ctx context.Context, tx *storage.Tx, n *affaldsbot.Enquiry) error {
		o, err := lockPair(ctx, tx, n, older)
		if err != nil {
			return err
		}
		if moved, err := tx.HasMovedIn(ctx, n.ID); err != nil || moved {
			return errors.Join(err, movedInErr(moved, n))
		}
		evs, err := n.MergeInto(o, user, tx.Now())
		if err != nil {
			return err
		}
		if _, err := tx.MoveMessages(ctx, n.ID, o.ID); err != nil {
			return err
		}
		return saveMerge(ctx, tx, n, o, evs, MergeNoticeArgs{Newer: n.ID, Older: o.ID, Actor: user})
	})
}

// Unmerge undoes a merge for an adviser: the messages that came from newer
// go back to it and it is an open enquiry again. Exactly once per input,
// like Merge.
func (s *Service) Unmerge(ctx context.Context, user string, newer int64, origin Origin) (*affaldsbot.Enquiry, error) {
	return s.merging(ctx, user, newer, origin, func(ctx context.Context, tx *storage.Tx, n *affaldsbot.Enquiry) error {
		if n.MergedInto == nil {
			return affaldsbot.NewError(affaldsbot.ECONFLICT, "merge_not_merged", n.Ref())
		}
		o, err := lockPair(ctx, tx, n, *n.MergedInto)
		if err != nil {
			return err
		}
		evs, err := n.Unmerge(o, user, tx.Now())
		if err != nil {
			return err
		}
		if _, err := tx.MoveMessagesBack(ctx, n.ID, o.ID); err != nil {
			return err
		}
		return saveMerge(ctx, tx, n, o, evs, MergeNoticeArgs{Newer: n.ID, Older: o.ID, Actor: user, Undo: true})
	})
}

// merging runs fn on the locked newer enquiry for an adviser, once per
// input: an input recorded before returns the enquiry as it stands.
func (s *Service) merging(ctx context.Context, user string, newer int64, origin Origin,
	fn func(context.Context, *storage.Tx, *affaldsbot.Enquiry) error) (*affaldsbot.Enquiry, error) {
	if err := s.Authorize(ctx, user); err != nil {
		return nil, err
	}
	var e *affaldsbot.Enquiry
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		var err error
		if e, err = tx.LockEnquiry(ctx, newer); err != nil {
			return err
		}
		if _, err := repeated(ctx, tx, origin); err != nil {
			return err
		}
		if err := fn(ctx, tx, e); err != nil {
			return err
		}
		if first, err := tx.RecordInput(ctx, origin, 0); err != nil || !first {
			return errors.Join(err, repeatIf(!first))
		}
		return nil
	})
	if errors.Is(err, errRepeat) {
		return s.DB.GetEnquiry(ctx, newer)
	} else if err != nil {
		return nil, fmt.Errorf("merge enquiry %d: %w", newer, err)
	}
	return e, nil
}

func repeatIf(b bool) error {
	if b {
		return errRepeat
	}
	return nil
}

func movedInErr(moved bool, e *affaldsbot.Enquiry) error {
	if !moved {
		return nil
	}
	return affaldsbot.NewError(affaldsbot.ECONFLICT, "merge_has_merged", e.Ref())
}

// lockPair locks the older enquiry after the newer one (always in this
// order: the newer one is locked first by every merge and undo).
func lockPair(ctx context.Context, tx *storage.Tx, newer *affaldsbot.Enquiry, older int64) (*affaldsbot.Enquiry, error) {
	if older == newer.ID {
		return nil, affaldsbot.NewError(affaldsbot.EINVALID, "merge_newer_into_older", newer.Ref(), newer.Ref())
	}
	return tx.LockEnquiry(ctx, older)
}

func saveMerge(ctx context.Context, tx *storage.Tx, n, o *affaldsbot.Enquiry, evs []affaldsbot.Event, notice MergeNoticeArgs) error {
	if err := tx.SaveEnquiry(ctx, n, evs[0]); err != nil {
		return err
	}
	if err := tx.SaveEnquiry(ctx, o, evs[1]); err != nil {
		return err
	}
	if err := tx.MarkDraftsStale(ctx, o.ID); err != nil {
		return err
	}
	seq, err := tx.EventCount(ctx, n.ID)
	if err != nil {
		return err
	}
	notice.Seq = seq
	tx.Enqueue(notice)
	return nil
}
