package bot

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/stats"
)

// handleStats makes `/affald stats [periode] [eksport]` and `@affaldsbot
// stats …` answer with statistics.
//
// Where the answer goes: the team's figures (no per-adviser lines) are
// posted as a message in the channel where the command was typed, with the
// weekly chart in its thread, because they are for the whole team. A lead's
// per-adviser figures and an export's CSV are for the lead alone: they go to
// the lead's direct messages with the bot (or stay in the DM when the
// command was typed there), and the lead is told so ephemerally. When the bot
// cannot post in the channel, the whole answer goes to the asker's DM.
func (r *Receiver) handleStats() {
	r.HandleCommand("stats", r.stats)
	r.HandleCommand("statistik", r.stats)
}

type statsTexts struct{ private, fallback string }

var statsReplyTexts = map[string]statsTexts{
	LangDanish: {private: "Tallene pr. rådgiver og en eventuel eksport er sendt til dig i en privat besked fra affaldsbot.",
		fallback: "Jeg kan ikke skrive i kanalen, så statistikken er sendt til dig i en privat besked."},
	LangEnglish: {private: "The figures per adviser, and any export, were sent to you in a direct message from affaldsbot.",
		fallback: "I cannot post in the channel, so the statistics were sent to you in a direct message."},
}

func (r *Receiver) stats(ctx context.Context, user, channel, rest string) (string, error) {
	period, export := statsRequest(rest)
	a, err := r.h.Stats(ctx, user, period, export)
	if err == nil {
		var out string
		if out, err = r.postStats(ctx, user, channel, a); err == nil {
			return out, nil
		}
	}
	if affaldsbot.ErrorCode(err) == affaldsbot.EINTERNAL {
		r.logError(ctx, "stats", err)
		return r.bot.printer().Printf("internal_error"), nil
	}
	return "", err
}

// statsRequest splits `sidste måned eksport` into the period and whether an
// export was asked for.
func statsRequest(rest string) (period string, export bool) {
	words := strings.Fields(rest)
	if n := len(words); n > 0 {
		switch strings.ToLower(words[n-1]) {
		case "eksport", "export", "eksportér", "eksporter":
			return strings.Join(words[:n-1], " "), true
		}
	}
	return strings.Join(words, " "), false
}

// postStats posts the answer as HandleStats describes and returns the text
// shown to the asker alone ("" for none).
func (r *Receiver) postStats(ctx context.Context, user, channel string, a *handlers.StatsAnswer) (string, error) {
	t := statsReplyTexts[LangEnglish]
	if r.bot.lang != LangEnglish {
		t = statsReplyTexts[LangDanish]
	}
	private := a.Lead && (len(a.Report.ByAdviser) > 0 || a.CSV != nil)
	inDM := strings.HasPrefix(channel, "D")
	shown := a.Report
	if private && !inDM {
		shown = teamOnly(a.Report)
	}
	where, ts, err := r.bot.postStats(ctx, channel, shown, a.Chart, a.Filename)
	note := ""
	if err != nil {
		r.logError(ctx, "stats in channel", err)
		shown, inDM, note = a.Report, true, t.fallback
		if where, ts, err = r.bot.postStats(ctx, user, a.Report, a.Chart, a.Filename); err != nil {
			return "", err
		}
	}
	if !private {
		return note, nil
	}
	if shown != a.Report {
		if where, ts, err = r.bot.postStats(ctx, user, a.Report, nil, ""); err != nil {
			return "", err
		}
		note = t.private
	}
	if a.CSV != nil {
		err = r.bot.uploadFile(ctx, where, ts, a.Filename+".csv", a.CSV)
	}
	return note, err
}

// teamOnly is the report without what only leads see.
func teamOnly(r *stats.Report) *stats.Report {
	c := *r
	c.ByAdviser, c.Rows = nil, nil
	return &c
}

// postStats posts a report's summary in channel (a user ID means the DM with
// that user) and, when chart is set, uploads it in the summary's thread. It
// returns the channel Slack posted in and the summary's ts.
func (b *Bot) postStats(ctx context.Context, channel string, r *stats.Report, chart []byte, name string) (string, string, error) {
	names := b.userNamesOf(ctx, stats.AdviserOrder(r), maxAdviserLines)
	st := stats.Style{Lang: b.lang, Location: b.loc, Name: func(u string) string { return names[u] }}
	blocks := StatsBlocks(r, st)
	l := statsDA
	if b.lang == LangEnglish {
		l = statsEN
	}
	text := fmt.Sprintf("%s %s", l.title, st.Period(r))
	var where, ts string
	err := b.paced(ctx, channel, func() (err error) {
		where, ts, err = b.api.PostMessageContext(ctx, channel, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false))
		return err
	})
	if err != nil {
		return "", "", fmt.Errorf("post statistics in %s: %w", channel, err)
	}
	if len(chart) > 0 {
		err = b.uploadFile(ctx, where, ts, name+".png", chart)
	}
	return where, ts, err
}

// uploadFile shares data as a file in the thread of ts.
func (b *Bot) uploadFile(ctx context.Context, channel, ts, filename string, data []byte) error {
	_, err := b.api.UploadFileContext(ctx, slack.UploadFileParameters{Reader: bytes.NewReader(data), FileSize: len(data),
		Filename: filename, Title: filename, Channel: channel, ThreadTimestamp: ts})
	if err != nil {
		return fmt.Errorf("upload %s: %w", filename, err)
	}
	return nil
}
