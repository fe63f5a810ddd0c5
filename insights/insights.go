// Package insights finds what citizens struggle with in a period's
// enquiries: topics rising or falling against the period before, questions
// that recur (clusters of similar enquiries), questions the sorting
// guidance answered poorly, repeat-contact hotspots and the lowest-rated
// answers, each with the enquiry numbers it rests on. It reads no database
// itself: Load fills its input from storage.
package insights

import (
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// Enquiry is one enquiry as the analysis reads it.
type Enquiry struct {
	ID         int64
	Subject    string
	Text       string // the first mail's text or the call's note
	Topic      affaldsbot.Topic
	Channel    affaldsbot.Channel
	ReceivedAt time.Time
	Citizen    string // who asked, as one key (address or number); "" unknown
	// Retrieval is how well the sorting guidance matches the question:
	// the best passage's search score; nil when unknown.
	Retrieval *float64
	Drafts    int    // drafts made (ready or discarded)
	Discarded int    // drafts an adviser threw away
	Draft     string // the latest ready draft
	Reply     string // the first reply sent
	Rating    *int   // the citizen's rating of the reply, 1–5
	// Answer is the standard answer a reply to it began from; "" none.
	Answer string
}

// StandardAnswer is one of the team's standard answers, by its name and
// what it says (title and text), for telling which recurring questions one
// covers.
type StandardAnswer struct {
	Name, Text string
}

// Options tune the analysis; the zero value takes the defaults.
type Options struct {
	// Similarity is the least cosine similarity between an enquiry and a
	// cluster's centre for the enquiry to join it.
	Similarity float64
	// Cohesion is the least mean similarity between a cluster's members
	// for it to count as one recurring question.
	Cohesion float64
	// MinCluster is the fewest enquiries that make a recurring question.
	MinCluster int
	// LowRetrieval is the search score below which the guidance is taken
	// not to cover a question.
	LowRetrieval float64
	// Rewritten is the share of words changed between draft and reply
	// (normalised edit distance) from which a draft counts as rewritten.
	Rewritten float64
	// AnswerCoverage is the least share of a recurring question's key terms
	// (the KeyTerms heaviest of its centre, by weight) that a standard
	// answer must use for it to cover the question.
	AnswerCoverage float64
	// Top bounds each list.
	Top int
}

// Defaults, tuned on the generated history with planted questions
// (insights_history_test.go) and on the guidance's labelled questions.
const (
	DefaultSimilarity     = 0.30
	DefaultCohesion       = 0.20
	DefaultMinCluster     = 3
	DefaultLowRetrieval   = 0.1
	DefaultRewritten      = 0.5
	DefaultTop            = 10
	DefaultAnswerCoverage = 0.5
	// KeyTerms is how many of a recurring question's heaviest terms say
	// what it is about. A standard answer is a whole letter: its words
	// other than those are no sign it answers the question.
	KeyTerms = 3
)

func (o Options) withDefaults() Options {
	def := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Similarity, DefaultSimilarity)
	def(&o.Cohesion, DefaultCohesion)
	def(&o.LowRetrieval, DefaultLowRetrieval)
	def(&o.Rewritten, DefaultRewritten)
	def(&o.AnswerCoverage, DefaultAnswerCoverage)
	if o.MinCluster <= 1 {
		o.MinCluster = DefaultMinCluster
	}
	if o.Top <= 0 {
		o.Top = DefaultTop
	}
	return o
}

// Input is a period's enquiries and those of the period just before it
// (Previous), each oldest first, and the standard answers on offer.
type Input struct {
	Period, Previous workcal.Period
	Enquiries        []Enquiry
	Before           []Enquiry
	Answers          []StandardAnswer
}

// Analyse computes the report of in.
func Analyse(in Input, opts Options) *Report {
	opts = opts.withDefaults()
	r := &Report{From: in.Period.From, To: in.Period.To, PreviousFrom: in.Previous.From, PreviousTo: in.Previous.To,
		Enquiries: len(in.Enquiries), PreviousEnquiries: len(in.Before)}
	r.Topics = topicTrends(in.Enquiries, in.Before)
	clusters := clusterEnquiries(in.Enquiries, in.Before, opts)
	r.Recurring = recurring(in.Enquiries, clusters, in.Answers, opts)
	r.NewAnswers = uncovered(r.Recurring)
	r.Poorly = poorlyAnswered(in.Enquiries, opts)
	r.Repeats = repeatHotspots(in.Enquiries, in.Before, clusters, opts)
	r.LowestRated = lowestRated(in.Enquiries, opts)
	return r
}
