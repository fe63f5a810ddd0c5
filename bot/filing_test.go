package bot

import (
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

func TestRootGoldenFiled(t *testing.T) {
	loc := copenhagen(t)
	filed := time.Date(2026, 11, 27, 13, 5, 0, 0, time.UTC)
	closed := mailEnquiry()
	closed.Status = affaldsbot.StatusClosed
	views := map[string]rootMessage{
		"root_filed_da":    {RootView: handlers.RootView{Enquiry: closed, Preview: "Hej", CanFile: true, FiledAt: &filed}, Lang: LangDanish, Loc: loc},
		"root_fileable_en": {RootView: handlers.RootView{Enquiry: mailEnquiry(), Preview: "Hi", CanFile: true}, Lang: LangEnglish, Loc: loc},
	}
	for name, v := range views {
		t.Run(name, func(t *testing.T) {
			blocks, fallback := RootBlocks(v.RootView, v.Lang, v.Loc)
			checkLimits(t, name, blocks)
			golden(t, name, map[string]any{"text": fallback, "blocks": blocks})
		})
	}
}

func TestFileButtonOnlyWhenFilingIsOn(t *testing.T) {
	for _, on := range []bool{false, true} {
		blocks, _ := RootBlocks(handlers.RootView{Enquiry: mailEnquiry(), CanFile: on}, "", time.UTC)
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
