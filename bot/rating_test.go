package bot_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// TestRatingBlocksEscapeTheComment: a citizen's comment pings nobody and
// links nothing, in the blocks and the fallback text alike.
func TestRatingBlocksEscapeTheComment(t *testing.T) {
	v := handlers.RatingView{NoticeID: 7, Enquiry: "#12", Rating: 2, Previous: 4, Lang: "da",
		Comment: "<!channel> se <https://evil.example|her> @here\nlinje to"}
	blocks, text := bot.RatingBlocks(v)
	raw, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{string(raw), text} {
		for _, bad := range []string{"<!channel>", "<https://", "@here"} {
			if strings.Contains(s, bad) {
				t.Errorf("%q is live in %s", bad, s)
			}
		}
	}
	if !strings.Contains(string(raw), "Utilfreds (2 af 5)") || !strings.Contains(string(raw), "før Tilfreds") {
		t.Errorf("blocks do not say the change from 4 to 2: %s", raw)
	}
	if !strings.Contains(string(raw), `\u003e linje to`) && !strings.Contains(string(raw), "> linje to") {
		t.Errorf("the comment's second line is not quoted: %s", raw)
	}
}
