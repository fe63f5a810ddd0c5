package stats

import (
	"context"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// CSAT is what citizens said about the replies to the period's enquiries
// (docs/statistics.md): of the replies sent with rating links (responses), how many
// were rated, and the score, the share of ratings of 4 or 5 on the
// five-point scale.
type CSAT struct {
	CSATPart
	ByTopic   map[affaldsbot.Topic]CSATPart   `json:"by_topic"`
	ByChannel map[affaldsbot.Channel]CSATPart `json:"by_channel"`
}

// CSATPart is the satisfaction figures of some of the replies.
type CSATPart struct {
	Rated     int `json:"rated"`
	Responses int `json:"responses"` // replies sent with rating links
	// Score is the share of the ratings that are 4 or 5 (0 to 1).
	Score float64 `json:"score"`
	// ResponseRate is rated ÷ responses.
	ResponseRate float64 `json:"response_rate"`
	Satisfied    int     `json:"satisfied"` // rated 4 or 5
}

func (p CSATPart) add(t storage.CSATTally) CSATPart {
	p.Rated += t.Rated
	p.Responses += t.Responses
	p.Satisfied += t.Satisfied
	return p.rates()
}

func (p CSATPart) rates() CSATPart {
	p.Score, p.ResponseRate = 0, 0
	if p.Rated > 0 {
		p.Score = Round(float64(p.Satisfied)/float64(p.Rated), 3)
	}
	if p.Responses > 0 {
		p.ResponseRate = Round(float64(p.Rated)/float64(p.Responses), 3)
	}
	return p
}

// csat sums the rating tallies of [q.from, q.to).
func (q *query) csat(ctx context.Context) (CSAT, error) {
	tallies, err := q.src.CSATTallies(ctx, q.from, q.to)
	if err != nil {
		return CSAT{}, err
	}
	return sumCSAT(tallies), nil
}

func sumCSAT(tallies []storage.CSATTally) CSAT {
	c := CSAT{ByTopic: map[affaldsbot.Topic]CSATPart{}, ByChannel: map[affaldsbot.Channel]CSATPart{}}
	for _, t := range tallies {
		c.CSATPart = c.CSATPart.add(t)
		c.ByTopic[affaldsbot.Topic(t.Topic)] = c.ByTopic[affaldsbot.Topic(t.Topic)].add(t)
		c.ByChannel[affaldsbot.Channel(t.Channel)] = c.ByChannel[affaldsbot.Channel(t.Channel)].add(t)
	}
	return c
}

// ratingsOf sets each row's latest rating.
func ratingsOf(ctx context.Context, src Source, rows []Row, from, to time.Time) error {
	ratings, err := src.CSATRatings(ctx, from, to)
	if err != nil {
		return err
	}
	for i := range rows {
		if n, ok := ratings[rows[i].ID]; ok {
			rows[i].Rating = &n
		}
	}
	return nil
}
