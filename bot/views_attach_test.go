package bot

import (
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
)

func TestWithKeptAttachments(t *testing.T) {
	kept := affaldsbot.Attachment{Filename: "<!channel>.pdf", Size: 4100, SHA256: strings.Repeat("ab", 32), Truncated: true}
	small := affaldsbot.Attachment{Filename: "lille.txt", Size: 9, Data: []byte("lille fil")}
	full := make([]slack.Block, MaxBlocks)
	for i := range full {
		full[i] = contextBlock("x", "x")
	}
	for _, tc := range []struct {
		name      string
		pages     [][]slack.Block
		atts      []affaldsbot.Attachment
		wantPages int
		wantLast  int
	}{
		{"none over the cap", [][]slack.Block{{contextBlock("h", "h")}}, []affaldsbot.Attachment{small}, 1, 1},
		{"added to the last page", [][]slack.Block{{contextBlock("h", "h")}}, []affaldsbot.Attachment{small, kept}, 1, 2},
		{"own page when full", [][]slack.Block{full}, []affaldsbot.Attachment{kept}, 2, 1},
	} {
		got := withKeptAttachments(tc.pages, tc.atts, LangDanish)
		if len(got) != tc.wantPages || len(got[len(got)-1]) != tc.wantLast {
			t.Errorf("%s: %d pages, last with %d blocks; want %d, %d", tc.name, len(got), len(got[len(got)-1]), tc.wantPages, tc.wantLast)
		}
	}
	text := keptAttachmentsBlock([]affaldsbot.Attachment{kept}, LangDanish).(*slack.ContextBlock).ContextElements.Elements[0].(*slack.TextBlockObject).Text
	if !strings.Contains(text, "4,1 kB") || !strings.Contains(text, "&lt;!channel&gt;.pdf") || !strings.Contains(text, "sha256 ababab") {
		t.Errorf("kept attachment shown as %q", text)
	}
}
