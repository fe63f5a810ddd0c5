// Package stats computes the team lead's figures (docs/statistics.md) from the
// enquiries, their events and messages: volumes, annualised rates, response
// and handling times, deadline breaches, repeat contacts, topics and
// advisers. It renders them as JSON, text, CSV and a weekly chart.
package stats

import (
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// Report is the statistics of one period; its JSON form is docs/statistics.md.
type Report struct {
	From                 workcal.Date                    `json:"from"`
	To                   workcal.Date                    `json:"to"`
	GeneratedAt          time.Time                       `json:"generated_at"`
	Enquiries            Counts                          `json:"enquiries"`
	PerYear              PerYear                         `json:"per_year"`
	Open                 Open                            `json:"open"`
	FirstResponseMinutes ResponseMinutes                 `json:"first_response_minutes"`
	CallHandlingMinutes  HandlingMinutes                 `json:"call_handling_minutes"`
	DeadlineBreaches     int                             `json:"deadline_breaches"`
	RepeatContactRate    float64                         `json:"repeat_contact_rate"`
	ByTopic              map[affaldsbot.Topic]int        `json:"by_topic"`
	ByAdviser            map[string]storage.AdviserTally `json:"by_adviser"`
	CSAT                 CSAT                            `json:"csat"`
	Forwarded            Forwarded                       `json:"forwarded"`
	StandardAnswers      map[string]int                  `json:"standard_answers"` // uses by answer name

	// Responded is how many enquiries had a first response, Handled how
	// many answered calls had a handling time: the counts behind the
	// medians, which are 0 when there is nothing to measure.
	Responded int `json:"-"`
	Handled   int `json:"-"`
	// PerYearDays is the longest of the channels' active days that
	// PerYear annualises over.
	PerYearDays int `json:"-"`

	// Rows (Options.Rows) are the period's enquiries one by one, for CSV.
	Rows []Row `json:"-"`
	// Weekly (Options.Weekly) is the series the chart draws.
	Weekly []Week `json:"-"`
}

// Counts are enquiries by channel.
type Counts struct {
	Total int `json:"total"`
	Mail  int `json:"mail"`
	Phone int `json:"phone"`
}

// PerYear are the counts annualised over each channel's active days.
type PerYear struct {
	Mail  float64 `json:"mail"`
	Phone float64 `json:"phone"`
	Total float64 `json:"total"`
}

// Open counts the period's enquiries that are not closed now, by status.
type Open struct {
	New      int `json:"new"`
	Claimed  int `json:"claimed"`
	Answered int `json:"answered"`
}

// ResponseMinutes is the spread of first-response times in working minutes.
type ResponseMinutes struct {
	Median float64 `json:"median"`
	P90    float64 `json:"p90"`
}

// HandlingMinutes is the spread of answered calls' handling times.
type HandlingMinutes struct {
	Mean   float64 `json:"mean"`
	Median float64 `json:"median"`
}

// Row is one enquiry of the period with what statistics derived from it.
type Row struct {
	ID           int64
	Channel      affaldsbot.Channel
	ReceivedAt   time.Time
	Topic        affaldsbot.Topic
	Status       affaldsbot.Status
	CitizenEmail string
	CitizenPhone string
	Holder       string
	DeadlineAt   *time.Time // mail only
	Breached     bool
	// FirstResponse is in working minutes; nil before any response.
	FirstResponse *float64
	// Handling is an answered call's handling time in minutes.
	Handling *float64
	Repeat   bool
	// Rating is the citizen's latest rating of a reply (1–5); nil when none.
	Rating *int
}

// Week is one ISO week (Monday first) of the period.
type Week struct {
	Monday workcal.Date
	Mail   int
	Phone  int
	// FirstResponseHours is the median first response of the week's
	// enquiries in working hours; nil when none was answered.
	FirstResponseHours *float64
	// Rated and Satisfied count the week's enquiries the citizen rated and
	// rated 4 or 5 (the latest rating); SatisfiedShare is the latter in per
	// cent of the former, nil when none was rated.
	Rated, Satisfied int
	SatisfiedShare   *float64
}
