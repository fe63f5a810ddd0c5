package insights_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/answers"
	"github.com/affaldsbot/affaldsbot/insights"
)

// asked builds enquiries from id on, one a question, an hour apart.
func asked(id int64, topic affaldsbot.Topic, answer string, qs ...string) []insights.Enquiry {
	var out []insights.Enquiry
	for i, q := range qs {
		subject, text, _ := strings.Cut(q, "|")
		out = append(out, insights.Enquiry{ID: id + int64(i), Subject: subject, Text: text, Topic: topic, Answer: answer,
			Channel: affaldsbot.ChannelMail, ReceivedAt: t0.Add(time.Duration(id+int64(i)) * time.Hour)})
	}
	return out
}

func builtinAnswers() []insights.StandardAnswer {
	var out []insights.StandardAnswer
	for _, a := range answers.Builtin() {
		out = append(out, insights.StandardAnswer{Name: a.Name, Text: a.Title + "\n" + a.Body})
	}
	return out
}

// A recurring question that no standard answer covers is suggested for a
// new one, with its example subjects and enquiries; one a standard answer
// says much the same as, and one the advisers answered with a standard
// answer, are not.
func TestRecurringQuestionWithoutStandardAnswerIsSuggested(t *testing.T) {
	var es []insights.Enquiry
	es = append(es, asked(100, affaldsbot.TopicSortering, "",
		"Juletræ|Hvor skal jeg aflevere mit juletræ efter jul?",
		"Afhentning af juletræ|Henter I mit juletræ efter jul?",
		"Gammelt juletræ|Hvor af med juletræ efter jul?",
		"Juletræ i gården|Må vi stille et juletræ i gården efter jul?")...)
	es = append(es, asked(200, affaldsbot.TopicSortering, "",
		"Pizzabakker|Skal pizzabakker i pap eller i restaffald?",
		"Pizzabakker og pap|Hvor skal pizzabakker hen, pap eller restaffald?",
		"Pap med madrester|Må pizzabakker med madrester komme i pap?",
		"Pizzabakker|Er pizzabakker pap eller restaffald?")...)
	es = append(es, asked(300, affaldsbot.TopicAfhentning, "storskrald",
		"Hegn|Kan et gammelt havehegn og en hegnspæl komme med storskrald?",
		"Havehegn|Hvordan skiller jeg mig af med et havehegn og hegnspæle?",
		"Hegnspæle|Hvor afleverer jeg hegnspæle og et gammelt hegn?")...)
	es = append(es, asked(400, affaldsbot.TopicKlage, "", "Klage|Skraldebilen kørte ind i min cykel.")...)

	r := insights.Analyse(insights.Input{Enquiries: es, Answers: builtinAnswers()}, insights.Options{})
	covered := map[string]string{}
	for _, q := range r.Recurring {
		covered[q.Question] = q.Answer
	}
	if len(r.Recurring) != 3 {
		t.Fatalf("recurring %+v, want the three questions", r.Recurring)
	}
	var got [][]int64
	for _, q := range r.NewAnswers {
		got = append(got, q.Enquiries)
	}
	if want := [][]int64{{100, 101, 102, 103}}; !cmp.Equal(got, want) {
		t.Errorf("suggested new answers for %v, want the Christmas trees %v (recurring: %v)", got, want, covered)
	}
	for q, a := range covered {
		switch {
		case strings.Contains(strings.ToLower(q), "pizza") && a != "pap":
			t.Errorf("%q is covered by %q, want the pap answer", q, a)
		case strings.Contains(strings.ToLower(q), "hegn") && a != "storskrald":
			t.Errorf("%q is covered by %q, want storskrald, the answer its replies used", q, a)
		}
	}

	var b bytes.Buffer
	if err := insights.WriteText(&b, r, "da"); err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(b.String(), "Forslag til nye standardsvar")
	section, _, _ = strings.Cut(section, "\n\n")
	for _, want := range []string{"juletræ", "4 henvendelser", "#100 #101 #102 #103"} {
		if !strings.Contains(strings.ToLower(section), strings.ToLower(want)) {
			t.Errorf("the suggestion lacks %q:\n%s", want, section)
		}
	}
	if strings.Contains(strings.ToLower(section), "pizza") || strings.Contains(section, "#300") {
		t.Errorf("the suggestions name a covered question:\n%s", section)
	}

	// With no standard answers at all every recurring question is suggested
	// but the one the replies were answered with.
	r = insights.Analyse(insights.Input{Enquiries: es}, insights.Options{})
	if len(r.NewAnswers) != 2 {
		t.Errorf("without answers: %d suggestions, want 2", len(r.NewAnswers))
	}
}
