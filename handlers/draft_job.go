package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// draftUpdateEvery is the least time between two updates of a draft message
// while it streams in.
var draftUpdateEvery = time.Second

// Draft writes a requested draft into one thread message: from the model,
// streamed, when one is configured, else from the guidance passages alone.
// A model that fails or times out leaves the draft failed, with the reason in
// the thread; the job then ends, and the adviser may ask again. Nothing is
// ever sent to the citizen from here.
func (s *Service) Draft(ctx context.Context, a DraftArgs) error {
	d, err := s.DB.GetDraft(ctx, a.DraftID)
	if err != nil {
		return err
	}
	if s.Slack == nil {
		return affaldsbot.Errorf(affaldsbot.EINVALID, "drafts: no surface to show draft %d on", d.ID)
	}
	ref, err := s.threadOf(ctx, d.EnquiryID)
	if err != nil {
		return err
	}
	if d.State != storage.DraftPending {
		return s.showDraft(ctx, ref, d) // a retry after the work was done
	}
	in, err := s.draftInput(ctx, d.EnquiryID)
	if err != nil {
		return err
	}
	if in.enquiry.ErasedAt != nil { // erased while the draft waited: nothing to write from, nowhere to show it
		return s.inTx(ctx, func(tx *storage.Tx) error { return tx.SetDraftState(ctx, d.ID, storage.DraftDiscarded) })
	}
	if d.SlackTS == "" {
		if d.SlackTS, err = s.postPending(ctx, ref, d, in); err != nil {
			return err
		}
	}
	if s.Drafter == nil {
		return s.draftFromGuidance(ctx, ref, d, in)
	}
	return s.draftFromModel(ctx, ref, d, in)
}

// RenderDraft re-renders a draft's message from what is stored.
func (s *Service) RenderDraft(ctx context.Context, a RenderDraftArgs) error {
	d, err := s.DB.GetDraft(ctx, a.DraftID)
	if err != nil || d.SlackTS == "" || s.Slack == nil {
		return err
	}
	ref, err := s.threadOf(ctx, d.EnquiryID)
	if err != nil {
		return err
	}
	return s.showDraft(ctx, ref, d)
}

func (s *Service) threadOf(ctx context.Context, enquiryID int64) (storage.SlackRef, error) {
	ref, ok, err := s.DB.SlackRef(ctx, enquiryID)
	if err != nil {
		return ref, err
	} else if !ok || ref.RootTS == "" {
		return ref, fmt.Errorf("draft for #%d: the enquiry's root message is not posted yet", enquiryID)
	}
	return ref, nil
}

func (s *Service) postPending(ctx context.Context, ref storage.SlackRef, d *storage.Draft, in draftInput) (string, error) {
	v := DraftView{DraftID: d.ID, Number: d.Number, EnquiryID: d.EnquiryID, State: DraftStreaming, Lang: in.lang, FromGuidance: s.Drafter == nil}
	ts, err := s.Slack.PostDraft(ctx, ref.Channel, ref.RootTS, v)
	if err != nil {
		return "", err
	}
	return ts, s.DB.SetDraftSlackTS(ctx, d.ID, ts)
}

func (s *Service) draftFromGuidance(ctx context.Context, ref storage.SlackRef, d *storage.Draft, in draftInput) error {
	hits := relevant(in.passages)
	sources := sourcesOf(hits)
	body := letter{lang: in.lang, name: in.enquiry.CitizenName, answer: guidanceAnswer(in.lang, hits),
		links: links(sources), signature: s.signature(in.lang)}.String()
	if _, err := s.DB.FinishDraft(ctx, d.ID, body, encodeSources(sources), ""); err != nil {
		return err
	}
	return s.showStored(ctx, ref, d.ID)
}

func (s *Service) draftFromModel(ctx context.Context, ref storage.SlackRef, d *storage.Draft, in draftInput) error {
	r := in.redactor()
	system, user, err := in.prompt(r)
	if err != nil {
		return err
	}
	live := &liveDraft{s: s, ref: ref, ts: d.SlackTS, view: DraftView{DraftID: d.ID, Number: d.Number, EnquiryID: d.EnquiryID, State: DraftStreaming, Lang: in.lang}}
	answer, err := s.Drafter.Stream(ctx, system, user, func(so string) { live.update(ctx, r.Restore(so)) })
	if err != nil {
		s.Log.LogAttrs(ctx, slog.LevelWarn, "draft failed", slog.Int64("draft", d.ID), slog.Int64("enquiry", d.EnquiryID), slog.String("error", err.Error()))
		if err := s.DB.FailDraft(ctx, d.ID, failReason(err)); err != nil {
			return err
		}
		return s.showStored(ctx, ref, d.ID)
	}
	sources := citedSources(answer, in.passages)
	text, greeted := modelAnswer(r.Restore(answer))
	name := in.enquiry.CitizenName
	if name == "" {
		name = greeted // the model's greeting named the citizen from their mail's signature
	}
	body := letter{lang: in.lang, name: name, answer: text, links: citedLinks(answer, in.passages), signature: s.signature(in.lang)}.String()
	if _, err := s.DB.FinishDraft(ctx, d.ID, body, encodeSources(sources), s.modelName()); err != nil {
		return err
	}
	return s.showStored(ctx, ref, d.ID)
}

// showStored renders a draft as it is stored now (ready, stale, discarded).
func (s *Service) showStored(ctx context.Context, ref storage.SlackRef, id int64) error {
	d, err := s.DB.GetDraft(ctx, id)
	if err != nil {
		return err
	}
	return s.showDraft(ctx, ref, d)
}

func (s *Service) showDraft(ctx context.Context, ref storage.SlackRef, d *storage.Draft) error {
	if d.SlackTS == "" {
		return nil
	}
	return s.Slack.UpdateDraft(ctx, ref.Channel, d.SlackTS, viewOf(d))
}

func (s *Service) modelName() string {
	if m, ok := s.Drafter.(interface{ Model() string }); ok {
		return m.Model()
	}
	return "llm"
}

// liveDraft updates the streaming message at most once per draftUpdateEvery.
type liveDraft struct {
	s    *Service
	ref  storage.SlackRef
	ts   string
	view DraftView
	last time.Time
}

func (l *liveDraft) update(ctx context.Context, text string) {
	if time.Since(l.last) < draftUpdateEvery {
		return
	}
	l.last = time.Now()
	l.view.Text = text
	if err := l.s.Slack.UpdateDraft(ctx, l.ref.Channel, l.ts, l.view); err != nil {
		l.s.Log.LogAttrs(ctx, slog.LevelDebug, "draft update skipped", slog.Int64("draft", l.view.DraftID), slog.String("error", err.Error()))
	}
}
