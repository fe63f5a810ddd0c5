package bot

import (
	"context"
	"strconv"
	"time"

	"github.com/slack-go/slack"
)

// ActionFile is the root message's button that files the conversation with
// the case-management system (JOURNAL_ADDR); value = enquiry id.
const ActionFile = "enquiry_file"

// handleFiling makes the receiver answer the file button. Only advisers may
// file; the mail itself is sent by a job, and the root message shows when it
// was filed.
func (r *Receiver) handleFiling() {
	r.HandleAction(ActionFile, r.requestFiling)
}

func (r *Receiver) requestFiling(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseID(a.Value)
	if err == nil {
		err = r.h.RequestFiling(ctx, cb.User.ID, id)
	}
	if err == nil {
		return r.bot.Ephemeral(ctx, cb.Channel.ID, cb.User.ID, filingLabels(r.bot.lang).queued)
	}
	return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
}

// withFileButton adds the file button to the root message's buttons when
// filing is on.
func withFileButton(b *slack.ActionBlock, v rootMessage) *slack.ActionBlock {
	if !v.CanFile {
		return b
	}
	btn := slack.NewButtonBlockElement(ActionFile, strconv.FormatInt(v.Enquiry.ID, 10),
		slack.NewTextBlockObject(slack.PlainTextType, filingLabels(v.Lang).button, true, false))
	if b == nil {
		return slack.NewActionBlock(ActionsBlockID, btn)
	}
	b.Elements.ElementSet = append(b.Elements.ElementSet, btn)
	return b
}

// filedLine is the root message's note of when it was last filed.
func filedLine(at time.Time, v rootMessage, l *labels) string {
	return filingLabels(v.Lang).filed + " " + l.formatTime(at.In(location(v.Loc)))
}

type filingWords struct{ button, filed, queued string }

func filingLabels(lang string) filingWords {
	if lang == LangEnglish {
		return filingWords{button: "File", filed: "filed", queued: "The conversation is being filed."}
	}
	return filingWords{button: "Journalisér", filed: "journaliseret", queued: "Samtalen journaliseres nu."}
}
