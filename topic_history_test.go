package affaldsbot_test

import (
	"fmt"
	"testing"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/internal/historygen"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// generatorTopics is the topic each of historygen's mail subjects stands for,
// and callNoteTopic that of the one note every generated call carries.
var generatorTopics = map[string]affaldsbot.Topic{
	"Pizzabakker":       affaldsbot.TopicSortering,
	"Manglende tømning": affaldsbot.TopicAfhentning,
	"Storskrald":        affaldsbot.TopicStortIndbo,
	"Maling":            affaldsbot.TopicFarligtAffald,
	"Ny beholder":       affaldsbot.TopicBeholdere,
	"Klage":             affaldsbot.TopicKlage,
}

const callNote, callNoteTopic = "Spørger om storskrald", affaldsbot.TopicStortIndbo

// TestTopicAgreementWithHistory: on the generated three-year history the
// classifier gives every enquiry the topic the generator meant. The history
// is made of six fixed mails and one call note, so this checks only that
// those templates are understood; the labelled sets measure the rest.
//
//	go test -count=1 -run TopicAgreement -v .
func TestTopicAgreementWithHistory(t *testing.T) {
	h := historygen.Generate(historygen.Default(7), workcal.Default())
	agree, total := 0, 0
	for _, m := range h.Mails {
		want, ok := generatorTopics[m.Subject]
		if !ok {
			t.Fatalf("historygen subject %q has no topic here", m.Subject)
		}
		total++
		if got := affaldsbot.ClassifyTopic(m.Subject, m.Body); got == want {
			agree++
		} else {
			t.Errorf("mail %q: %s, generator meant %s", m.Subject, got, want)
		}
	}
	for range h.Calls {
		total++
		if affaldsbot.ClassifyTopic("", callNote) == callNoteTopic {
			agree++
		}
	}
	fmt.Printf("agreement with historygen: %.3f (%d/%d enquiries: %d mails, %d calls)\n",
		float64(agree)/float64(total), agree, total, len(h.Mails), len(h.Calls))
	if agree != total {
		t.Errorf("%d of %d generated enquiries classified against the generator's topic", total-agree, total)
	}
}
