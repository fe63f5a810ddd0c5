package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// SyncSlack makes Slack show an enquiry: the root message, posted exactly
// once, then every conversation item not in its thread yet.
//
// Exactly once holds across attempts, jobs and replicas by two things:
//
//   - One sync of an enquiry at a time. Several sync jobs of one enquiry are
//     normal (the mail, a follow-up, a reply, a note each enqueue one) and a
//     job may be rescued while its first attempt is slow but alive. A sync
//     takes the enquiry's lease for as long as its attempt may run (its
//     context's deadline: River cancels an attempt at the job timeout, before
//     its rescue, and every Slack call honours the context) plus SlackSettle.
//     A sync that finds the lease held posts nothing and tries again later.
//   - Each post is marked pending before it is made. A sync that holds the
//     lease and finds a pending mark knows the attempt that made it is over:
//     its post landed, and is found in Slack by its metadata, or never will.
//     An attempt that ends in an error may have left a request on its way
//     (its answer lost, its context cancelled), so it keeps the lease
//     SlackSettle longer, until that post would be visible.
func (s *Service) SyncSlack(ctx context.Context, a SyncSlackArgs) (err error) {
	done, err := s.leaseSlackSync(ctx, a.EnquiryID)
	if err != nil {
		return err
	}
	defer func() { done(err) }()
	e, err := s.DB.GetEnquiry(ctx, a.EnquiryID)
	if err != nil {
		return err
	}
	channel, root, err := s.ensureRoot(ctx, e)
	if err != nil {
		return err
	}
	items, err := s.DB.UnpostedMessages(ctx, e.ID)
	if err != nil {
		return err
	}
	for i := range items {
		if err := s.postItem(ctx, channel, root, &items[i]); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) ensureRoot(ctx context.Context, e *affaldsbot.Enquiry) (channel, ts string, err error) {
	ref, ok, err := s.DB.SlackRef(ctx, e.ID)
	if err != nil || (ok && ref.RootTS != "") {
		return ref.Channel, ref.RootTS, err
	}
	channel = s.channelOf(e)
	if ok {
		channel = ref.Channel
		if ts, found, err := s.Slack.FindRoot(ctx, channel, e.ID, e.CreatedAt.Add(-time.Minute)); err != nil || found {
			return channel, ts, s.rootPosted(ctx, e.ID, ts, err)
		}
	} else if err := s.DB.MarkRootPending(ctx, e.ID, channel); err != nil {
		return "", "", err
	}
	view, err := s.rootView(ctx, e)
	if err != nil {
		return "", "", err
	}
	ts, err = s.Slack.PostRoot(ctx, channel, view)
	s.metrics().SlackPosts.Inc()
	return channel, ts, s.rootPosted(ctx, e.ID, ts, err)
}

func (s *Service) rootPosted(ctx context.Context, id int64, ts string, err error) error {
	if err != nil {
		return err
	}
	return s.DB.SetRootTS(ctx, id, ts)
}

func (s *Service) postItem(ctx context.Context, channel, root string, m *storage.UnpostedMessage) error {
	if m.SlackTS == storage.SlackPending {
		ts, found, err := s.Slack.FindThread(ctx, channel, root, m.ID)
		if err != nil {
			return err
		} else if found {
			return s.DB.SetMessageSlackTS(ctx, m.ID, ts)
		}
	} else if err := s.DB.MarkMessagePending(ctx, m.ID); err != nil {
		return err
	}
	atts, err := s.DB.Attachments(ctx, m.ID)
	if err != nil {
		return err
	}
	ts, err := s.Slack.PostThread(ctx, channel, root, &m.Message, atts)
	s.metrics().SlackPosts.Inc()
	if err != nil {
		return err
	}
	return s.DB.SetMessageSlackTS(ctx, m.ID, ts)
}

// inTx runs fn in one transaction, the way every change of an enquiry is
// committed: with it, each enquiry whose root message shows what fn changed
// gets exactly one root update.
func (s *Service) inTx(ctx context.Context, fn func(tx *storage.Tx) error) error {
	return s.DB.InTx(ctx, func(tx *storage.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		enqueueRootUpdates(tx)
		return nil
	})
}

// enqueueRootUpdates enqueues one root update of each enquiry whose root
// message shows what tx changed so far.
func enqueueRootUpdates(tx *storage.Tx) {
	for _, id := range tx.TakeShownChanges() {
		tx.Enqueue(UpdateRootArgs{EnquiryID: id})
	}
}

// UpdateRoot re-renders the root message after a change; before the root is
// posted there is nothing to update (the post will show the latest state).
func (s *Service) UpdateRoot(ctx context.Context, a UpdateRootArgs) error {
	ref, ok, err := s.DB.SlackRef(ctx, a.EnquiryID)
	if err != nil || !ok || ref.RootTS == "" {
		return err
	}
	e, err := s.DB.GetEnquiry(ctx, a.EnquiryID)
	if err != nil {
		return err
	}
	view, err := s.rootView(ctx, e)
	if err != nil {
		return err
	}
	return s.Slack.UpdateRoot(ctx, ref.Channel, ref.RootTS, view)
}

func (s *Service) channelOf(e *affaldsbot.Enquiry) string {
	if e.Channel == affaldsbot.ChannelPhone {
		return s.Routes.ForQueue(e.Mailbox)
	}
	return s.Routes.ForMailbox(e.Mailbox)
}

// RootView is what the enquiry's root message shows now, for a chat that
// answers a button with the message itself (Teams' universal actions).
func (s *Service) RootView(ctx context.Context, id int64) (RootView, error) {
	e, err := s.DB.GetEnquiry(ctx, id)
	if err != nil {
		return RootView{}, err
	}
	return s.rootView(ctx, e)
}

// rootView gathers what the root message shows: the first part of the
// citizen's first text (or the call's note).
func (s *Service) rootView(ctx context.Context, e *affaldsbot.Enquiry) (RootView, error) {
	v := RootView{Enquiry: e, CanFile: s.Settings.JournalAddr != "", CanForward: len(s.Destinations) > 0}
	if err := s.filedView(ctx, &v); err != nil {
		return v, err
	}
	to, err := s.forwardedTo(ctx, e.ID)
	if err != nil {
		return v, err
	}
	v.ForwardedTo = to
	preview, err := s.DB.FirstText(ctx, e.ID)
	if err != nil {
		return v, err
	}
	v.Preview = preview
	rating, err := s.DB.LatestRating(ctx, e.ID)
	if err != nil {
		return v, err
	}
	v.Rating = rating.Rating
	if e.Channel == affaldsbot.ChannelPhone {
		v.Note, v.TransferredBy, err = s.DB.CallNote(ctx, e.ID)
	}
	return v, err
}

// SlackSettle is how long a Slack request whose answer was lost (its
// connection broke, its attempt was cancelled) may still take to land.
const SlackSettle = 5 * time.Second

// slackSyncTTL bounds a sync without a deadline (none runs so in the bot:
// River gives every attempt one).
const slackSyncTTL = 2 * time.Minute

var errSyncElsewhere = errors.New("another attempt is posting this enquiry to Slack")

// leaseSlackSync takes the enquiry's Slack lease for this attempt, or asks to
// be retried later when another attempt holds it. done gives the lease up
// after a successful sync and keeps it SlackSettle longer after a failed one.
func (s *Service) leaseSlackSync(ctx context.Context, id int64) (done func(error), err error) {
	name, holder := "slack:enquiry:"+strconv.FormatInt(id, 10), attemptID()
	ttl := slackSyncTTL
	if deadline, ok := ctx.Deadline(); ok {
		ttl = time.Until(deadline)
	}
	got, err := s.DB.AcquireLease(ctx, name, holder, ttl+SlackSettle)
	if err != nil {
		return nil, err
	} else if !got {
		return nil, &affaldsbot.RetryLater{After: time.Second, Err: errSyncElsewhere}
	}
	return func(err error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err == nil {
			s.DB.ReleaseLease(ctx, name, holder) // if this fails, the lease runs out
		} else {
			s.DB.AcquireLease(ctx, name, holder, SlackSettle) // shortened, if still ours
		}
	}, nil
}

// attemptID names one attempt of a job uniquely among all replicas.
func attemptID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
