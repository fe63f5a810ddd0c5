package bot

import (
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/handlers"
)

// An enquiry without a subject says so in its header, in words that are not
// the ones for a mail without text.
func TestRootHeaderOfEmptySubject(t *testing.T) {
	for lang, want := range map[string]string{LangDanish: "(intet emne)", LangEnglish: "(no subject)"} {
		e := mailEnquiry()
		e.Subject = "  "
		blocks, _ := RootBlocks(handlers.RootView{Enquiry: e}, lang, time.UTC)
		h, ok := blocks[0].(*slack.HeaderBlock)
		if !ok {
			t.Fatalf("first block is %T, want the header", blocks[0])
		}
		if got := h.Text.Text; got != "📧 "+e.Ref()+" "+want {
			t.Errorf("%s: header %q, want it to end in %q", lang, got, want)
		}
	}
}
