package insights

import (
	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// Report is what citizens struggled with in one period; its JSON form is
// documented in docs/insights.md.
type Report struct {
	From              workcal.Date `json:"from"`
	To                workcal.Date `json:"to"`
	PreviousFrom      workcal.Date `json:"previous_from"`
	PreviousTo        workcal.Date `json:"previous_to"`
	Enquiries         int          `json:"enquiries"`
	PreviousEnquiries int          `json:"previous_enquiries"`
	Topics            []TopicTrend `json:"topics"`
	Recurring         []Recurring  `json:"recurring"`
	// NewAnswers are the recurring questions no standard answer covers:
	// each may deserve one.
	NewAnswers  []Recurring `json:"suggested_answers"`
	Poorly      []Poor      `json:"poorly_answered"`
	Repeats     []Hotspot   `json:"repeat_hotspots"`
	LowestRated []Rated     `json:"lowest_rated"`
}

// TopicTrend is one topic's count now and in the previous period.
type TopicTrend struct {
	Topic    affaldsbot.Topic `json:"topic"`
	Count    int              `json:"count"`
	Previous int              `json:"previous"`
	Change   int              `json:"change"`
	// Trend is "rising", "falling" or "steady".
	Trend string `json:"trend"`
}

// Recurring is a question many citizens asked in their own words.
type Recurring struct {
	Question  string           `json:"question"` // the most typical subject
	Count     int              `json:"count"`
	Previous  int              `json:"previous"` // similar enquiries in the previous period
	Examples  []string         `json:"examples"` // up to three subjects
	Topic     affaldsbot.Topic `json:"topic"`    // the commonest topic among them
	Poor      int              `json:"poorly_answered"`
	Repeats   int              `json:"repeat_contacts"`
	Cohesion  float64          `json:"cohesion"`
	Enquiries []int64          `json:"enquiries"`
	// Answer is the standard answer that covers the question: one its
	// enquiries were answered with, or one that says much the same; ""
	// when none does.
	Answer string `json:"standard_answer,omitempty"`
}

// Poor is an enquiry the guidance answered poorly, and why.
type Poor struct {
	Enquiry   int64            `json:"enquiry"`
	Subject   string           `json:"subject"`
	Topic     affaldsbot.Topic `json:"topic"`
	Reasons   []string         `json:"reasons"` // low_retrieval, draft_discarded, draft_rewritten
	Retrieval *float64         `json:"retrieval,omitempty"`
	Rewrite   *float64         `json:"rewrite,omitempty"` // share of words changed, 0–1
}

// Reasons an answer counts as poor.
const (
	ReasonLowRetrieval   = "low_retrieval"
	ReasonDraftDiscarded = "draft_discarded"
	ReasonDraftRewritten = "draft_rewritten"
)

// Hotspot is where citizens had to come back: a topic or a recurring
// question with many repeat contacts.
type Hotspot struct {
	Kind      string  `json:"kind"` // "topic" or "question"
	Name      string  `json:"name"`
	Repeats   int     `json:"repeats"`
	Of        int     `json:"of"`
	Rate      float64 `json:"rate"`
	Enquiries []int64 `json:"enquiries"` // the repeat contacts
}

// Rated is one of the lowest-rated answers.
type Rated struct {
	Enquiry int64            `json:"enquiry"`
	Subject string           `json:"subject"`
	Topic   affaldsbot.Topic `json:"topic"`
	Rating  int              `json:"rating"`
}
