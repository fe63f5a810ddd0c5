package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/insights"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/storage"
)

// ActionMarkGap is the button beside a recurring question of the weekly
// report that marks it as a gap in the sorting guidance; its value is a
// GapValue.
const ActionMarkGap = "insights_gap"

// GapValue is what the gap button carries: the question and its enquiries,
// so the press needs nothing of the report that is gone by then.
type GapValue struct {
	Question  string  `json:"q"`
	Enquiries []int64 `json:"e"`
}

// Bounds of a GapValue, so the button's value stays within Slack's limit
// (MaxButtonValue).
const (
	maxGapQuestion  = 300 // characters
	maxGapEnquiries = 50
)

// insightsTextBudget is the block text of the report's text part, below
// BlockTextBudget with room for the header and the intro.
const insightsTextBudget = BlockTextBudget - 1500

var _ handlers.LeadDirectory = (*Directory)(nil)

// Leads lists SLACK_LEADS with user groups resolved to their members.
func (d *Directory) Leads(ctx context.Context) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(u string) {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, id := range d.leads {
		if !strings.HasPrefix(id, "S") {
			add(id)
			continue
		}
		users, err := d.groupUsers(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, u := range users {
			add(u)
		}
	}
	return out, nil
}

// PostInsights sends the weekly report to a lead in a direct message (the
// bot's DM with them, chat.postMessage to the user ID): the report as
// `affaldsbot insights` prints it, then its recurring questions, each with
// a button that marks it as a guidance gap.
func (b *Bot) PostInsights(ctx context.Context, lead string, w *handlers.WeeklyInsights) error {
	workspace := b.workspaceURL(ctx)
	report, text := InsightsBlocks(w, workspace)
	gaps, gapsText := InsightsGapBlocks(w, workspace)
	for _, m := range []struct {
		blocks []slack.Block
		text   string
	}{{report, text}, {gaps, gapsText}} {
		if len(m.blocks) == 0 {
			continue
		}
		err := b.paced(ctx, lead, func() error {
			_, _, err := b.api.PostMessageContext(ctx, lead, slack.MsgOptionBlocks(m.blocks...), slack.MsgOptionText(m.text, false),
				slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl())
			return err
		})
		if err != nil {
			return fmt.Errorf("post insights %s: %w", w.Week, retryable(err))
		}
	}
	return nil
}

// InsightsBlocks renders the report: a header, what it covers, and the
// text of `affaldsbot insights` (escaped, in code sections), cut with a
// marker where it would pass Slack's limits.
//
// With the workspace's address (auth.test's url) the text is plain mrkdwn
// in which each enquiry with a thread is a link to it; without, it keeps
// the code sections' columns.
func InsightsBlocks(w *handlers.WeeklyInsights, workspace string) ([]slack.Block, string) {
	p := locale.NewPrinter(w.Lang)
	r := w.Report
	title := Truncate(p.Printf("insights_title", w.Week), MaxHeaderText, "…")
	intro := p.Printf("insights_intro", r.From.String(), r.To.String(), r.From.String(), r.To.String())
	blocks := []slack.Block{
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, title, false, false), slack.HeaderBlockOptionBlockID("insights_header")),
		textSection("insights_intro", intro),
	}
	link := threadLinks(w.Roots, workspace)
	linked := workspace != "" && len(w.Roots) > 0
	chunks, cut := textChunks(Escape(handlers.InsightsText(w)), MaxSectionText-10, insightsTextBudget)
	for i, c := range chunks {
		if linked {
			c = linkEnquiries(c, link)
		} else {
			c = "```" + c + "```"
		}
		blocks = append(blocks, textSection("insights_text_"+strconv.Itoa(i), c))
	}
	if cut {
		blocks = append(blocks, contextBlock("insights_cut", p.Printf("insights_cut")))
	}
	return blocks, Truncate(title+"\n"+intro, MaxUpdateText, "…")
}

// textChunks splits text at line ends into chunks of at most size runes,
// at most budget runes in all; cut reports that some was left out.
func textChunks(text string, size, budget int) (chunks []string, cut bool) {
	var cur strings.Builder
	used := 0
	for _, line := range strings.SplitAfter(strings.TrimRight(text, "\n"), "\n") {
		line = Truncate(line, size, "…")
		n := utf8.RuneCountInString(line)
		if used+n > budget {
			cut = true
			break
		}
		if utf8.RuneCountInString(cur.String())+n > size {
			chunks = append(chunks, strings.TrimRight(cur.String(), "\n"))
			cur.Reset()
		}
		cur.WriteString(line)
		used += n
	}
	if cur.Len() > 0 {
		chunks = append(chunks, strings.TrimRight(cur.String(), "\n"))
	}
	return chunks, cut
}

// InsightsGapBlocks renders the report's recurring questions, each with its
// count, enquiry numbers and a button that marks it as a guidance gap;
// none when the report found none.
//
// workspace is the workspace's address (auth.test's url): with it each
// enquiry is a link to its thread.
func InsightsGapBlocks(w *handlers.WeeklyInsights, workspace string) ([]slack.Block, string) {
	if len(w.Report.Recurring) == 0 {
		return nil, ""
	}
	p := locale.NewPrinter(w.Lang)
	head := p.Printf("insights_recurring")
	blocks := []slack.Block{textSection("insights_recurring", "*"+head+"*")}
	for i, q := range w.Report.Recurring {
		if len(blocks) >= MaxBlocks-1 {
			break
		}
		blocks = append(blocks, gapSection(i, q, p, threadLinks(w.Roots, workspace)))
	}
	return blocks, head
}

func gapSection(i int, q insights.Recurring, p *locale.Printer, link func(id int64) string) slack.Block {
	text := fmt.Sprintf("*%d.* %s — %d (%s)\n%s", i+1, EscapeLine(q.Question), q.Count, TopicLabel(q.Topic, p.Lang()), enquiryRefs(q.Enquiries, link))
	button := slack.NewButtonBlockElement(ActionMarkGap, gapValue(q),
		slack.NewTextBlockObject(slack.PlainTextType, p.Printf("insights_gap_button"), false, false))
	return slack.NewSectionBlock(mrkdwn(Truncate(text, MaxSectionText, "…")), nil, slack.NewAccessory(button),
		slack.SectionBlockOptionBlockID("insights_gap_"+strconv.Itoa(i)))
}

// enquiryRefs lists enquiry numbers as Slack shows them, each a link to its
// thread where link gives one: "#12 #40 #41".
func enquiryRefs(ids []int64, link func(id int64) string) string {
	parts := make([]string, 0, len(ids))
	for i, id := range ids {
		if i == 30 {
			parts = append(parts, fmt.Sprintf("… +%d", len(ids)-i))
			break
		}
		ref := "#" + strconv.FormatInt(id, 10)
		if u := link(id); u != "" {
			ref = "<" + u + "|" + ref + ">"
		}
		parts = append(parts, ref)
	}
	return strings.Join(parts, " ")
}

// enquiryRef is an enquiry's number in the report's text: "#12".
var enquiryRef = regexp.MustCompile(`#[0-9]+\b`)

// linkEnquiries turns each "#12" of escaped text into a link to its thread
// where link gives one. A chunk stays within its size: a link adds at most
// the address, and textChunks leaves room below Slack's limit only for the
// code fence, so a chunk that would pass the limit keeps its plain numbers.
func linkEnquiries(text string, link func(id int64) string) string {
	out := enquiryRef.ReplaceAllStringFunc(text, func(ref string) string {
		id, err := strconv.ParseInt(ref[1:], 10, 64)
		if u := link(id); err == nil && u != "" {
			return "<" + u + "|" + ref + ">"
		}
		return ref
	})
	if utf8.RuneCountInString(out) > MaxSectionText {
		return text
	}
	return out
}

// threadLinks gives an enquiry's thread address, as chat.getPermalink
// would: the workspace's address, the channel and the root's ts without its
// dot; "" without a thread or a workspace address.
func threadLinks(roots map[int64]handlers.ThreadRef, workspace string) func(id int64) string {
	return func(id int64) string {
		r, ok := roots[id]
		if !ok || workspace == "" || !safeLink(workspace) {
			return ""
		}
		return strings.TrimSuffix(workspace, "/") + "/archives/" + r.Channel + "/p" + strings.Replace(r.TS, ".", "", 1)
	}
}

func gapValue(q insights.Recurring) string {
	v := GapValue{Question: Truncate(q.Question, maxGapQuestion, "…"), Enquiries: q.Enquiries}
	if len(v.Enquiries) > maxGapEnquiries {
		v.Enquiries = v.Enquiries[:maxGapEnquiries]
	}
	b, _ := json.Marshal(v) // strings and numbers always marshal
	return string(b)
}

// markGap records the pressed question as a guidance gap, for leads only,
// and tells the lead what was recorded.
func (r *Receiver) markGap(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	var v GapValue
	err := json.Unmarshal([]byte(a.Value), &v)
	if err != nil || len(a.Value) > MaxButtonValue {
		err = affaldsbot.NewError(affaldsbot.EINVALID, "gap_no_question")
	}
	var g *storage.GuidanceGap
	if err == nil {
		g, err = r.h.MarkGap(ctx, cb.User.ID, strings.TrimSpace(v.Question), v.Enquiries, pressOrigin(ctx, cb, a))
	}
	if err != nil || g == nil {
		return r.tell(ctx, cb.Channel.ID, cb.User.ID, err)
	}
	return r.bot.Ephemeral(ctx, cb.Channel.ID, cb.User.ID, r.bot.printer().Printf("gap_marked", g.ID, g.Question))
}
