// Package historygen makes a seeded history in the shape of the pilot
// report: the mail line opened in February 2023, the phone line in June
// 2023, both to December 2025, about 3,150 mails and 1,600 transferred
// calls a year, calls of 17–21 minutes. It writes the history as an mbox of
// the citizens' mail, an mbox of the sent replies and a calls CSV
// (docs/commands.md), the inputs of `affaldsbot import`.
package historygen

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/affaldsbot/affaldsbot/workcal"
)

// Mail is one citizen's mail and, unless nil, the reply it got.
type Mail struct {
	MessageID string
	From      string
	Subject   string
	Body      string
	Received  time.Time
	Reply     *Reply
	// Planted is the recurring question the mail asks (Options.Questions):
	// k for PlantedQuestions[k-1], 0 for none.
	Planted int
}

// Reply is a reply sent from the shared mailbox.
type Reply struct {
	MessageID string
	Sent      time.Time
}

// Call is one transferred call; AnsweredAt and EndedAt are nil when nobody
// answered.
type Call struct {
	ID            string
	Number        string
	TransferredAt time.Time
	AnsweredAt    *time.Time
	EndedAt       *time.Time
	// Note and Planted are the contact centre's note and the recurring
	// question it records (Options.Questions); without them the note is
	// the fixed one of WriteCallsCSV.
	Note    string
	Planted int
}

// History is what Generate made, oldest first.
type History struct {
	Mails []Mail
	Calls []Call
}

// Options shape a history; Default is the pilot's.
type Options struct {
	Seed                    uint64
	MailFrom, PhoneFrom, To workcal.Date // both ends included
	MailsPerYear            float64
	CallsPerYear            float64
	RepliedShare            float64 // share of mails that got a reply
	AnsweredShare           float64 // share of calls that were answered
	RepeatShare             float64 // share of mails from someone who wrote within the last 14 days
	// Questions, when set, makes the texts varied with recurring questions
	// planted among one-off ones; nil keeps the six fixed texts.
	Questions *Questions
}

// Default is the pilot: February 2023 (mail) and June 2023 (phone) to the
// end of 2025.
func Default(seed uint64) Options {
	return Options{Seed: seed,
		MailFrom: workcal.Date{Year: 2023, Month: 2, Day: 1}, PhoneFrom: workcal.Date{Year: 2023, Month: 6, Day: 1},
		To: workcal.Date{Year: 2025, Month: 12, Day: 31}, MailsPerYear: 3150, CallsPerYear: 1600,
		RepliedShare: 0.95, AnsweredShare: 0.9, RepeatShare: 0.05}
}

// Generate makes the history of o, the same for the same options.
func Generate(o Options, cal *workcal.Calendar) *History {
	g := &generator{o: o, cal: cal, rng: rand.New(rand.NewPCG(o.Seed, 2023)), texts: newQuestioner(o.Questions, o.Seed)}
	return &History{Mails: g.mails(), Calls: g.calls()}
}

type generator struct {
	o     Options
	cal   *workcal.Calendar
	rng   *rand.Rand
	texts *questioner // nil: the fixed texts
}

// count is how many items a line active over p makes at perYear.
func count(p workcal.Period, perYear float64) int {
	return int(perYear*float64(p.Days())/365.25 + 0.5)
}

// instants spreads n times over the working days of p, between the hours
// given, sorted.
func (g *generator) instants(p workcal.Period, n int, fromHour, hours int) []time.Time {
	var days []workcal.Date
	for d := p.From; !d.After(p.To); d = d.AddDays(1) {
		if g.cal.IsWorkingDate(d) {
			days = append(days, d)
		}
	}
	out := make([]time.Time, n)
	for i := range out {
		d := days[g.rng.IntN(len(days))]
		secs := fromHour*3600 + g.rng.IntN(hours*3600)
		out[i] = d.In(g.cal.Location()).Add(time.Duration(secs) * time.Second).UTC()
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

func (g *generator) mails() []Mail {
	times := g.instants(workcal.Period{From: g.o.MailFrom, To: g.o.To}, count(workcal.Period{From: g.o.MailFrom, To: g.o.To}, g.o.MailsPerYear), 7, 12)
	out := make([]Mail, len(times))
	for i, at := range times {
		topic := topics[g.rng.IntN(len(topics))]
		out[i] = Mail{MessageID: fmt.Sprintf("m%05d@borger.example", i), From: g.citizen(out[:i], i, at),
			Subject: topic[0], Body: topic[1], Received: at}
		if g.texts != nil {
			q := g.texts.next()
			out[i].Subject, out[i].Body, out[i].Planted = q.subject, q.body, q.planted
		}
		if g.rng.Float64() < g.o.RepliedShare {
			wait := time.Duration(30+g.rng.IntN(30*60)) * time.Minute
			out[i].Reply = &Reply{MessageID: fmt.Sprintf("r%05d@kk.example", i), Sent: g.cal.AddWorkingTime(at, wait).UTC()}
		}
	}
	return out
}

// citizen is a new address, or now and then that of a recent writer.
func (g *generator) citizen(earlier []Mail, i int, at time.Time) string {
	if len(earlier) > 0 && g.rng.Float64() < g.o.RepeatShare {
		prev := earlier[len(earlier)-1-g.rng.IntN(min(len(earlier), 5))]
		if at.Sub(prev.Received) < 14*24*time.Hour {
			return prev.From
		}
	}
	return fmt.Sprintf("borger%05d@example.dk", i)
}

func (g *generator) calls() []Call {
	p := workcal.Period{From: g.o.PhoneFrom, To: g.o.To}
	times := g.instants(p, count(p, g.o.CallsPerYear), 8, 7)
	out := make([]Call, len(times))
	for i, at := range times {
		out[i] = Call{ID: fmt.Sprintf("pz-%05d", i), Number: fmt.Sprintf("+45%08d", 20000000+i), TransferredAt: at}
		if g.texts != nil {
			q := g.texts.next()
			out[i].Note, out[i].Planted = q.subject+": "+q.core, q.planted
		}
		if g.rng.Float64() < g.o.AnsweredShare {
			answered := at.Add(time.Duration(g.rng.IntN(180)) * time.Second)
			ended := answered.Add(time.Duration(17*60+g.rng.IntN(4*60+1)) * time.Second)
			out[i].AnsweredAt, out[i].EndedAt = &answered, &ended
		}
	}
	return out
}

// topics are subjects and texts the topic classifier knows.
var topics = [][2]string{
	{"Pizzabakker", "Hvor skal jeg sortere fedtede pizzabakker?"},
	{"Manglende tømning", "Vores affald blev ikke afhentet i tirsdags."},
	{"Storskrald", "Hvordan kommer jeg af med en gammel sofa?"},
	{"Maling", "Hvor afleverer jeg rester af maling og spraydåser?"},
	{"Ny beholder", "Vi mangler en ekstra beholder til papir i ejendommen."},
	{"Klage", "Jeg vil klage over skraldebilen, der kørte ind i porten."},
}
