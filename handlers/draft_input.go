package handlers

import (
	"context"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/guidance"
	"github.com/affaldsbot/affaldsbot/prompts"
	"github.com/affaldsbot/affaldsbot/redact"
)

const (
	draftPassages = 4 // passages given to the model
	guidanceShown = 3 // passages shown when there is no model
)

// draftInput is what a draft is made from.
type draftInput struct {
	enquiry  *affaldsbot.Enquiry
	subject  string
	text     string // the citizen's latest text, or a call's note
	lang     string
	passages []guidance.Hit
}

func (s *Service) draftInput(ctx context.Context, enquiryID int64) (draftInput, error) {
	e, err := s.DB.GetEnquiry(ctx, enquiryID)
	if err != nil {
		return draftInput{}, err
	}
	in := draftInput{enquiry: e, subject: e.Subject}
	if in.text, err = s.latestCitizenText(ctx, e); err != nil {
		return in, err
	}
	in.lang = prompts.DetectLang(in.subject + "\n" + in.text)
	if s.Guidance != nil {
		in.passages, err = s.Guidance.Search(in.subject+"\n"+in.text, draftPassages)
		in.passages = confirmedOnly(in.passages)
	}
	return in, err
}

// confirmedOnly are the passages a draft may use: those whose source bears
// out everything they say, whatever the search returned.
func confirmedOnly(hits []guidance.Hit) []guidance.Hit {
	out := hits[:0:0]
	for _, h := range hits {
		if h.Confirmed {
			out = append(out, h)
		}
	}
	return out
}

// latestCitizenText is the body of the citizen's latest mail, else the note
// the contact centre wrote for a call.
func (s *Service) latestCitizenText(ctx context.Context, e *affaldsbot.Enquiry) (string, error) {
	msgs, err := s.DB.Messages(ctx, e.ID)
	if err != nil {
		return "", err
	}
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Kind == affaldsbot.MessageInbound {
			if msgs[i].Subject != "" {
				e.Subject = msgs[i].Subject
			}
			return msgs[i].Body, nil
		}
	}
	if e.Channel != affaldsbot.ChannelPhone {
		return "", nil
	}
	note, _, err := s.DB.CallNote(ctx, e.ID)
	return note, err
}

// redactor replaces the citizen's name, address and number as the enquiry
// holds them, besides every CPR number, phone number and address in the text.
func (in draftInput) redactor() *redact.Redactor {
	e := in.enquiry
	return redact.New(e.CitizenName).Known(redact.KindEmail, e.CitizenEmail).Known(redact.KindPhone, e.CitizenPhone)
}

// prompt renders the model's messages from redacted text only.
func (in draftInput) prompt(r *redact.Redactor) (system, user string, err error) {
	data := prompts.DraftData{Lang: in.lang, Citizen: r.Redact(in.enquiry.CitizenName),
		Subject: r.Redact(in.subject), CitizenText: r.Redact(in.text)}
	for _, h := range in.passages {
		data.Passages = append(data.Passages, prompts.Passage{ID: h.ID, Title: h.Title, Source: h.Source, Text: h.Text})
	}
	return prompts.Draft(data)
}
