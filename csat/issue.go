package csat

import (
	"context"
	"fmt"
	"strconv"

	"github.com/affaldsbot/affaldsbot/storage"
)

// Link is one rating link of a reply.
type Link struct {
	Rating int
	Label  string
	URL    string
}

// Issue records, inside the transaction that records the reply, that the
// reply carries rating links; lang ("da" or "en") is the reply's language
// and that of the page the links open. Calling it again for the same reply
// changes nothing. It returns the links, best rating first; none when
// rating is off.
func (s *Service) Issue(ctx context.Context, tx *storage.Tx, messageID, enquiryID int64, lang string) ([]Link, error) {
	if s.opts.Off {
		return nil, nil
	}
	sig, err := s.signerTx(ctx, tx)
	if err != nil {
		return nil, err
	}
	token := sig.token(messageID)
	hash, err := sig.check(token)
	if err != nil {
		return nil, fmt.Errorf("issue rating links of reply %d: %w", messageID, err)
	}
	r := &storage.CSATRating{TokenHash: hash, MessageID: messageID, EnquiryID: enquiryID, Lang: Lang(lang)}
	if err := tx.InsertCSATRating(ctx, r); err != nil {
		return nil, err
	}
	return s.links(token, lang), nil
}

// Links returns the rating links of a reply issued before, in the language
// they were issued in; ok is false when the reply carries none (rating was
// off when it was recorded). The mail builder calls it, so every attempt to
// send the reply carries the same links.
func (s *Service) Links(ctx context.Context, messageID int64) (links []Link, lang string, ok bool, err error) {
	r, ok, err := s.db.CSATRatingOfReply(ctx, messageID)
	if err != nil || !ok {
		return nil, "", false, err
	}
	sig, err := s.signer(ctx)
	if err != nil {
		return nil, "", false, err
	}
	return s.links(sig.token(messageID), r.Lang), r.Lang, true, nil
}

// FooterOf is Footer for a reply issued before; "" when it carries no links.
func (s *Service) FooterOf(ctx context.Context, messageID int64) (string, error) {
	links, lang, ok, err := s.Links(ctx, messageID)
	if err != nil || !ok {
		return "", err
	}
	return Footer(lang, links), nil
}

func (s *Service) links(token, lang string) []Link {
	out := make([]Link, 0, MaxRating)
	for n := MaxRating; n >= MinRating; n-- {
		out = append(out, Link{Rating: n, Label: Label(lang, n), URL: s.opts.BaseURL + PathPrefix + token + "/" + strconv.Itoa(n)})
	}
	return out
}

// signerTx is signer for a caller inside a transaction: the key is read
// on the transaction's connection the first time.
func (s *Service) signerTx(ctx context.Context, tx *storage.Tx) (*signer, error) {
	return s.loadSigner(func() ([]byte, error) { return tx.CSATKey(ctx) })
}
