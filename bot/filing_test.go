package bot

import (
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
)

func TestRootGoldenFiled(t *testing.T) {
	loc := copenhagen(t)
	filed := time.Date(2026, 11, 27, 13, 5, 0, 0, time.UTC)
	closed := mailEnquiry()
	closed.Status = affaldsbot.StatusClosed
	views := map[string]RootView{
		"root_filed_da":    {Enquiry: closed, Preview: "Hej", Lang: LangDanish, Loc: loc, CanFile: true, FiledAt: &filed},
		"root_fileable_en": {Enquiry: mailEnquiry(), Preview: "Hi", Lang: LangEnglish, Loc: loc, CanFile: true},
	}
	for name, v := range views {
		t.Run(name, func(t *testing.T) {
			blocks, fallback := RootBlocks(v)
			checkLimits(t, name, blocks)
			golden(t, name, map[string]any{"text": fallback, "blocks": blocks})
		})
	}
}

func TestFileButtonOnlyWhenFilingIsOn(t *testing.T) {
	for _, on := range []bool{false, true} {
		blocks, _ := RootBlocks(RootView{Enquiry: mailEnquiry(), Loc: time.UTC, CanFile: on})
		got := false
		for _, id := range actionIDs(blocks) {
			got = got || id == ActionFile
		}
		if got != on {
			t.Errorf("CanFile=%v: file button shown=%v", on, got)
		}
	}
}

func actionIDs(blocks []slack.Block) []string {
	var out []string
	for _, b := range blocks {
		if ab, ok := b.(*slack.ActionBlock); ok {
			for _, el := range ab.Elements.ElementSet {
				if btn, ok := el.(*slack.ButtonBlockElement); ok {
					out = append(out, btn.ActionID)
				}
			}
		}
	}
	return out
}
