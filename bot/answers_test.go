package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/answers"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
)

// The modals open in the fake, which refuses what Slack refuses (limits.go):
// every built-in answer in the editor, the reply modal with more answers and
// longer titles than a picker holds, and the forward modal with more
// destinations than that.
func TestAnswerAndForwardModalsStayInsideSlacksLimits(t *testing.T) {
	srv := slacktest.New(slacktest.Options{})
	defer srv.Close()
	api := slack.New("xoxb-1", slack.OptionAPIURL(srv.APIURL()))
	ctx := context.Background()
	for _, a := range answers.Builtin() {
		if _, err := api.OpenViewContext(ctx, "t", AnswerModal(a, LangDanish)); err != nil {
			t.Errorf("editor of /%s: %v", a.Name, err)
		}
	}
	var many []answers.Answer
	var dests []handlers.Destination
	for i := range 130 {
		many = append(many, answers.Answer{Name: fmt.Sprintf("svar-%03d-%s", i, strings.Repeat("x", 20)), Title: strings.Repeat("Lang titel ", 6), Body: "x"})
		dests = append(dests, handlers.Destination{Key: fmt.Sprintf("d%d", i), Name: strings.Repeat("Forvaltning ", 8), Address: fmt.Sprintf("d%d@example.org", i)})
	}
	e := &affaldsbot.Enquiry{ID: 7, Subject: "Emne", Status: affaldsbot.StatusNew}
	f := &handlers.ReplyForm{Enquiry: e, To: "a@example.dk", Subject: "Emne", Answers: many}
	if _, err := api.OpenViewContext(ctx, "t", ReplyModal(f, LangDanish)); err != nil {
		t.Errorf("reply modal with %d answers: %v", len(many), err)
	}
	if _, err := api.OpenViewContext(ctx, "t", ForwardModal(e, dests, LangEnglish)); err != nil {
		t.Errorf("forward modal with %d destinations: %v", len(dests), err)
	}
}

func TestReplyMetaNamesTheAnswerAPushedModalWasFilledWith(t *testing.T) {
	for pm, want := range map[string]string{"12": "", "12:pap": "pap"} {
		id, name, err := replyMeta(pm)
		if err != nil || id != 12 || name != want {
			t.Errorf("replyMeta(%q) = %d, %q, %v", pm, id, name, err)
		}
	}
}
