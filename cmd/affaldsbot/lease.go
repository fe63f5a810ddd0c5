package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"time"
)

// leaseTTL is how long a mailbox lease lasts without renewal: a replica killed
// with SIGKILL hands its mailboxes over within this time plus one retry
// interval (ttl/3) of the next replica.
const leaseTTL = 15 * time.Second

// processHolder names this process in the leases table: host, pid and a random
// part, so a restarted process with a reused pid is still someone else.
var processHolder = holderID()

func holderID() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))
}

// leaseStore keeps the leases (storage.DB).
type leaseStore interface {
	AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, holder string) error
}

// lease runs a piece of work on one replica at a time: only while this
// process holds the named lease in the database. The others keep asking and
// take over when the holder stops renewing.
type lease struct {
	store  leaseStore
	name   string
	holder string
	ttl    time.Duration
	log    *slog.Logger
	held   atomic.Bool
}

func newLease(store leaseStore, name string, log *slog.Logger) *lease {
	return &lease{store: store, name: name, holder: processHolder, ttl: leaseTTL,
		log: log.With(slog.String("lease", name))}
}

// Held reports whether this process holds the lease now.
func (l *lease) Held() bool { return l.held.Load() }

// Run waits for the lease, runs work while holding it (cancelling work's
// context when the lease is lost, and waiting for it again), and returns when
// ctx ends or work returns by itself.
func (l *lease) Run(ctx context.Context, work func(context.Context) error) error {
	for ctx.Err() == nil {
		if ok, _ := l.acquire(ctx); !ok {
			pause(ctx, l.ttl/3)
			continue
		}
		stopped, err := l.hold(ctx, work)
		if stopped {
			return err
		}
	}
	return nil
}

// acquire takes or renews the lease, giving the database at most ttl/3.
func (l *lease) acquire(ctx context.Context) (bool, error) {
	actx, cancel := context.WithTimeout(ctx, l.ttl/3)
	defer cancel()
	ok, err := l.store.AcquireLease(actx, l.name, l.holder, l.ttl)
	if err != nil && ctx.Err() == nil {
		l.log.Warn("lease not acquired", slog.Any("err", err))
	}
	return ok && err == nil, err
}

// hold runs work while the lease is renewed; it reports whether work ended by
// itself (then with its error), and releases the lease in every case.
func (l *lease) hold(ctx context.Context, work func(context.Context) error) (bool, error) {
	l.held.Store(true)
	l.log.Info("lease taken", slog.String("holder", l.holder))
	defer l.release()
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- work(wctx) }()
	if ended, err := l.keep(ctx, done); ended {
		return true, err
	}
	cancel()
	err := <-done
	return ctx.Err() != nil, err
}

// keep renews the lease every ttl/3 until ctx ends, work ends (ended=true) or
// the lease is lost: taken by another holder, or not renewed in time to last
// until the next renewal.
func (l *lease) keep(ctx context.Context, done <-chan error) (ended bool, err error) {
	validUntil := time.Now().Add(l.ttl)
	t := time.NewTicker(l.ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return false, nil
		case err := <-done:
			return true, err
		case <-t.C:
		}
		started := time.Now()
		ok, err := l.acquire(ctx)
		switch {
		case ok:
			validUntil = started.Add(l.ttl)
		case ctx.Err() != nil:
		case err == nil || time.Now().Add(l.ttl/3).After(validUntil):
			l.log.Warn("lease lost; stopping its work", slog.Any("err", err))
			return false, nil
		}
	}
}

func (l *lease) release() {
	l.held.Store(false)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := l.store.ReleaseLease(ctx, l.name, l.holder); err != nil {
		l.log.Warn("lease not released; it expires by itself", slog.Any("err", err))
	}
}

// pause waits d or until ctx ends.
func pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
