package bot

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/locale"
)

// maxKeptListed is how many oversized attachments are named one by one.
const maxKeptListed = 20

// keptAttachmentsBlock names the attachments that are not uploaded because
// they are over the size cap (no data kept), with size and hash; nil when
// there are none.
func keptAttachmentsBlock(atts []affaldsbot.Attachment, lang string) slack.Block {
	var lines []string
	for _, a := range atts {
		if !a.Truncated {
			continue
		}
		if len(lines) == maxKeptListed {
			lines = append(lines, "…")
			break
		}
		lines = append(lines, fmt.Sprintf("• %s (%s, sha256 %s)", Truncate(EscapeLine(a.Filename), FieldChars, "…"),
			byteSize(a.Size, lang), Truncate(a.SHA256, 12, "…")))
	}
	if len(lines) == 0 {
		return nil
	}
	head := locale.NewPrinter(lang).Printf("attachments_kept_head")
	return contextBlock("kept_attachments", head+"\n"+strings.Join(lines, "\n"))
}

// byteSize is n bytes for people: "512 B", "4,1 kB", "10,5 MB".
func byteSize(n int64, lang string) string {
	var s string
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		s = fmt.Sprintf("%.1f kB", float64(n)/1000)
	default:
		s = fmt.Sprintf("%.1f MB", float64(n)/1000/1000)
	}
	if lang != LangEnglish {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// withKeptAttachments adds the list of oversized attachments to the last
// page of a thread message, or as a page of its own when that one is full.
func withKeptAttachments(pages [][]slack.Block, atts []affaldsbot.Attachment, lang string) [][]slack.Block {
	b := keptAttachmentsBlock(atts, lang)
	if b == nil || len(pages) == 0 {
		return pages
	}
	last := len(pages) - 1
	size := blockTextLen(b)
	for _, x := range pages[last] {
		size += blockTextLen(x)
	}
	if len(pages[last]) < MaxBlocks && size <= BlockTextBudget {
		pages[last] = append(pages[last], b)
		return pages
	}
	return append(pages, []slack.Block{b})
}
