package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/answers"
	"github.com/affaldsbot/affaldsbot/storage"
)

// AdviserNames gives the name an adviser signs with ({rådgiver}); the chat
// surface knows it.
type AdviserNames interface {
	AdviserName(ctx context.Context, user string) (string, error)
}

// StandardAnswers returns the answers on offer: the folder's (or the
// built-in set) with the team lead's saved changes laid over them. The saved
// changes live in the database, so every replica offers the same set.
func (s *Service) StandardAnswers(ctx context.Context) ([]answers.Answer, error) {
	stored, err := s.DB.StoredAnswers(ctx)
	if err != nil {
		return nil, err
	}
	overrides := make([]answers.Override, len(stored))
	for i, a := range stored {
		overrides[i] = answers.Override{Answer: answers.Answer{Name: a.Name, Title: a.Title, Body: a.Body, BodyEN: a.BodyEN}, Retired: a.Retired}
	}
	return answers.Merge(s.Answers, overrides), nil
}

// StandardAnswer returns one answer on offer, for editing (leads only).
func (s *Service) StandardAnswer(ctx context.Context, user, name string) (answers.Answer, bool, error) {
	if err := s.authorizeLead(ctx, user); err != nil {
		return answers.Answer{}, false, err
	}
	list, err := s.StandardAnswers(ctx)
	if err != nil {
		return answers.Answer{}, false, err
	}
	a, ok := answers.Find(list, name)
	return a, ok, nil
}

// SaveStandardAnswer stores a team lead's new or changed answer, or retires
// one (retire true); only leads may.
func (s *Service) SaveStandardAnswer(ctx context.Context, user string, a answers.Answer, retire bool) error {
	if err := s.authorizeLead(ctx, user); err != nil {
		return err
	}
	if retire {
		if err := answers.CheckName(a.Name); err != nil {
			return affaldsbot.NewError(affaldsbot.EINVALID, "answer_bad_name", a.Name, answers.MaxNameChars)
		}
	} else if err := a.Check(); err != nil {
		return affaldsbot.Errorf(affaldsbot.EINVALID, "%s", err.Error())
	}
	return s.inTx(ctx, func(tx *storage.Tx) error {
		err := tx.SaveAnswer(ctx, storage.StoredAnswer{Name: a.Name, Title: a.Title, Body: a.Body, BodyEN: a.BodyEN, Retired: retire, UpdatedBy: user})
		if err != nil {
			return err
		}
		return tx.Audit(ctx, user, "answer.save", "standard_answers:"+a.Name, map[bool]string{true: "retired", false: "saved"}[retire])
	})
}

func (s *Service) authorizeLead(ctx context.Context, user string) error {
	ok := false
	var err error
	if s.Directory != nil && user != "" {
		ok, err = s.Directory.IsLead(ctx, user)
	}
	if err != nil {
		return fmt.Errorf("authorize %s: %w", user, err)
	} else if !ok {
		return affaldsbot.NewError(affaldsbot.EFORBIDDEN, "not_lead")
	}
	return nil
}

// FillAnswer is the standard answer name filled in for an enquiry by an
// adviser, in the citizen's language (English when they wrote English and
// the answer has an English text), ready to be edited and sent.
func (s *Service) FillAnswer(ctx context.Context, user string, id int64, name string) (string, error) {
	if err := s.Authorize(ctx, user); err != nil {
		return "", err
	}
	list, err := s.StandardAnswers(ctx)
	if err != nil {
		return "", err
	}
	a, ok := answers.Find(list, strings.ToLower(name))
	if !ok {
		return "", affaldsbot.NewError(affaldsbot.ENOTFOUND, "answer_unknown", name, answerNames(list))
	}
	e, err := s.DB.GetEnquiry(ctx, id)
	if err != nil {
		return "", err
	}
	lang, err := s.citizenLang(ctx, e.ID)
	if err != nil {
		return "", err
	}
	return answers.Fill(a.Text(lang), s.answerVars(ctx, e, user, lang)), nil
}

func answerNames(list []answers.Answer) string {
	names := make([]string, len(list))
	for i, a := range list {
		names[i] = "/" + a.Name
	}
	return strings.Join(names, " ")
}

func (s *Service) answerVars(ctx context.Context, e *affaldsbot.Enquiry, user, lang string) answers.Vars {
	v := answers.Vars{FirstName: answers.FirstName(e.CitizenName), Number: e.Ref(), Adviser: user}
	if s.Names != nil {
		if n, err := s.Names.AdviserName(ctx, user); err == nil && n != "" {
			v.Adviser = n
		}
	}
	if e.DeadlineAt != nil {
		v.Deadline = longDate(*e.DeadlineAt, s.location(), lang)
	}
	return v
}

func (s *Service) location() *time.Location {
	if s.Calendar != nil {
		return s.Calendar.Location()
	}
	return time.UTC
}

var monthsDA = []string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}

// longDate writes a date as a letter does: "17. december 2026", "17 December 2026".
func longDate(t time.Time, loc *time.Location, lang string) string {
	t = t.In(loc)
	if lang == "en" {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d. %s %d", t.Day(), monthsDA[t.Month()-1], t.Year())
}

// citizenLang guesses the language the citizen wrote in: "en" when their
// first text has clearly more common English words than Danish ones.
func (s *Service) citizenLang(ctx context.Context, id int64) (string, error) {
	text, err := s.DB.FirstText(ctx, id)
	if err != nil {
		return "", err
	}
	return guessLang(text), nil
}

var (
	englishWords = wordSet("the and is are my i you your please hello hi dear thank thanks what where when how can do does it to of in for with not bin waste")
	danishWords  = wordSet("og er jeg du din dit min mit hej kære tak hvad hvor hvornår hvordan kan det til af i på for med ikke skal affald hilsen")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func guessLang(text string) string {
	en, da := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r == 'æ' || r == 'ø' || r == 'å') }) {
		if englishWords[w] {
			en++
		}
		if danishWords[w] {
			da++
		}
	}
	if en > da+1 {
		return "en"
	}
	return "da"
}

// ExpandAnswer replaces a leading "/name" of a reply typed in the thread
// with the standard answer filled in; what follows the name is kept after
// it. A body without a leading slash comes back as it is, with name "".
func (s *Service) ExpandAnswer(ctx context.Context, user string, id int64, body string) (text, name string, err error) {
	t := strings.TrimSpace(body)
	if !strings.HasPrefix(t, "/") {
		return body, "", nil
	}
	first, rest, _ := strings.Cut(t[1:], "\n")
	name, tail, _ := strings.Cut(strings.TrimSpace(first), " ")
	if answers.CheckName(strings.ToLower(name)) != nil {
		return body, "", nil // "/ 5 kg" or a path: not a name
	}
	filled, err := s.FillAnswer(ctx, user, id, name)
	if err != nil {
		return "", "", err
	}
	extra := strings.TrimSpace(tail + "\n" + rest)
	if extra != "" {
		filled += "\n\n" + extra
	}
	return filled, strings.ToLower(name), nil
}
