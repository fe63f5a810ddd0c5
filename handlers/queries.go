package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// listLimit is how many enquiries a command lists.
const listLimit = 20

// Listing is the answer to a command: a title and enquiries, or only a text
// (help, a question back).
type Listing struct {
	Title     string
	Text      string
	Enquiries []*affaldsbot.Enquiry
	More      bool // there were more than listed
}

// Command answers `/affald …` and `@affaldsbot …` for an adviser: mine,
// åbne/open, find TEXT, hjælp/help. Anything else gets the help.
func (s *Service) Command(ctx context.Context, user, text string) (*Listing, error) {
	word, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	word = strings.ToLower(word)
	switch word {
	case "", "hjælp", "hjaelp", "help":
		return &Listing{Text: s.T("help")}, nil
	case "mine", "mine:", "my":
		return s.list(ctx, user, s.T("list_mine"), storage.EnquiryFilter{Holder: user, OpenOnly: true})
	case "åbne", "aabne", "open":
		return s.list(ctx, user, s.T("list_open"), storage.EnquiryFilter{OpenOnly: true})
	case "find", "søg":
		if q := strings.TrimSpace(rest); q != "" {
			return s.list(ctx, user, s.T("list_found", q), storage.EnquiryFilter{Text: q})
		}
		return &Listing{Text: s.T("find_what")}, nil
	}
	return &Listing{Text: s.T("unknown_command", word) + "\n" + s.T("help")}, nil
}

func (s *Service) list(ctx context.Context, user, title string, f storage.EnquiryFilter) (*Listing, error) {
	if ok, err := s.mayView(ctx, user); err != nil {
		return nil, fmt.Errorf("authorize %s: %w", user, err)
	} else if !ok {
		return nil, affaldsbot.NewError(affaldsbot.EFORBIDDEN, "not_adviser")
	}
	f.Limit = listLimit + 1
	es, err := s.DB.ListEnquiries(ctx, f)
	if err != nil {
		return nil, err
	}
	l := &Listing{Title: title, Enquiries: es}
	if len(es) > listLimit {
		l.Enquiries, l.More = es[:listLimit], true
	}
	if len(l.Enquiries) == 0 {
		l.Text = s.T("list_empty")
	}
	return l, nil
}

// Home is what an adviser's App Home shows.
type Home struct {
	Adviser bool // false: the home only explains who may use the bot
	Mine    []*affaldsbot.Enquiry
	Queue   []*affaldsbot.Enquiry // new and unclaimed
	Week    storage.Week
	// EraseFailures (leads only) are messages and files Slack would not
	// delete from erased enquiries' threads.
	EraseFailures []storage.SlackEraseFailure
}

// EnquiryIDs are the enquiries the home shows.
func (h *Home) EnquiryIDs() []int64 {
	var out []int64
	for _, es := range [][]*affaldsbot.Enquiry{h.Mine, h.Queue} {
		for _, e := range es {
			out = append(out, e.ID)
		}
	}
	return out
}

// homeFailures is how many items Slack would not delete a lead's home lists.
const homeFailures = 20

// PublishHome gathers a user's App Home, publishes it and records which
// enquiries it shows, so an erasure can publish it again.
func (s *Service) PublishHome(ctx context.Context, user string) error {
	h, err := s.Home(ctx, user)
	if err != nil {
		return err
	}
	if err := s.Slack.PublishHome(ctx, user, h); err != nil {
		return err
	}
	return s.DB.SetHomeItems(ctx, user, h.EnquiryIDs())
}

// Home gathers an adviser's App Home: their open enquiries, the unclaimed
// queue and this week's figures.
func (s *Service) Home(ctx context.Context, user string) (*Home, error) {
	ok, err := s.mayView(ctx, user)
	if err != nil || !ok {
		return &Home{}, err
	}
	h := &Home{Adviser: true}
	if h.Mine, err = s.DB.ListEnquiries(ctx, storage.EnquiryFilter{Holder: user, OpenOnly: true, Limit: listLimit}); err != nil {
		return nil, err
	}
	if h.Queue, err = s.DB.ListEnquiries(ctx, storage.EnquiryFilter{Status: affaldsbot.StatusNew, Limit: listLimit}); err != nil {
		return nil, err
	}
	if h.Week, err = s.DB.WeekFigures(ctx, s.weekStart(s.DB.Now())); err != nil {
		return nil, err
	}
	if lead, err := s.Directory.IsLead(ctx, user); err != nil || !lead {
		return h, err
	}
	h.EraseFailures, err = s.DB.SlackEraseFailures(ctx, homeFailures)
	return h, err
}

// weekStart is Monday 00:00 of now's week in the working-hours zone.
func (s *Service) weekStart(now time.Time) time.Time {
	loc := time.UTC
	if s.Calendar != nil {
		loc = s.Calendar.Location()
	}
	t := now.In(loc)
	days := (int(t.Weekday()) + 6) % 7
	y, m, d := t.Date()
	return time.Date(y, m, d-days, 0, 0, 0, 0, loc)
}

// Enquiry is the enquiry with this id; ENOTFOUND when there is none.
func (s *Service) Enquiry(ctx context.Context, id int64) (*affaldsbot.Enquiry, error) {
	return s.DB.GetEnquiry(ctx, id)
}

// EnquiryOfRoot is the enquiry whose root message is ts in channel; false
// when the message is no enquiry's root.
func (s *Service) EnquiryOfRoot(ctx context.Context, channel, ts string) (int64, bool, error) {
	return s.DB.EnquiryBySlackTS(ctx, channel, ts)
}

// RootChannel is the channel of the enquiry's root message; false while it
// has none.
func (s *Service) RootChannel(ctx context.Context, id int64) (string, bool, error) {
	ref, ok, err := s.DB.SlackRef(ctx, id)
	if err != nil || !ok {
		return "", false, err
	}
	return ref.Channel, true, nil
}
