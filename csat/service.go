package csat

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
)

// DefaultTokenDays is how long a reply can be rated (CSAT_TOKEN_DAYS).
const DefaultTokenDays = 60

// Options configure a Service.
type Options struct {
	// Off stops new replies from getting links (CSAT=off); links sent
	// before keep working until they expire.
	Off bool
	// BaseURL is where the citizen's browser reaches the bot's HTTP
	// listener (PUBLIC_BASE_URL), without a trailing slash.
	BaseURL string
	// TokenTTL is how long after the reply its links work.
	TokenTTL time.Duration
	// AccessibilityURL is the municipality's accessibility statement
	// (ACCESSIBILITY_URL), linked from every page.
	AccessibilityURL string
	// OnRated runs inside the transaction that records a new or changed
	// rating or a new comment (never for a click that changes nothing): an
	// effect it enqueues on tx happens exactly when the rating is stored.
	OnRated func(ctx context.Context, tx *storage.Tx, r Rated) error
	// Lang is the language of pages for links whose reply is unknown.
	Lang string
	Log  *slog.Logger
}

// Rated is what OnRated is told.
type Rated struct {
	EnquiryID int64
	MessageID int64 // the reply that was rated
	Rating    int
	Previous  int  // 0 when this is the first rating
	Commented bool // a new comment was stored
	At        time.Time
}

// Service issues rating links for replies and records the ratings.
type Service struct {
	db     *storage.DB
	opts   Options
	limits *limiter

	mu  sync.Mutex
	sig *signer // loaded from the database on first use
}

// New returns a Service over db.
func New(db *storage.DB, opts Options) *Service {
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = DefaultTokenDays * 24 * time.Hour
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{db: db, opts: opts, limits: newLimiter(time.Now)}
}

// signer returns the signer of the key kept in the database.
func (s *Service) signer(ctx context.Context) (*signer, error) {
	return s.loadSigner(func() ([]byte, error) { return s.db.CSATKey(ctx) })
}

func (s *Service) loadSigner(load func() ([]byte, error)) (*signer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sig != nil {
		return s.sig, nil
	}
	key, err := load()
	if err != nil {
		return nil, err
	}
	s.sig = &signer{key: key}
	return s.sig, nil
}
