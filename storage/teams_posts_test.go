package storage_test

import (
	"context"
	"slices"
	"testing"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func TestTeamsPostsAreFoundAgainAndForgotten(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		p := db.TeamsPosts()
		for _, r := range []struct{ root, key, id string }{
			{"", "root:1", "100"}, {"100", "message:7", "101"}, {"100", "", "102"}, {"100", "message:7", "101"}, // recorded twice: once
			{"200", "message:7", "201"},
		} {
			if err := p.Record(ctx, r.root, r.key, r.id); err != nil {
				t.Fatal(err)
			}
		}
		if id, ok, err := p.Find(ctx, "100", "message:7"); err != nil || !ok || id != "101" {
			t.Errorf("Find(100, message:7) = %q, %v, %v; want 101", id, ok, err)
		}
		if _, ok, err := p.Find(ctx, "100", "message:8"); err != nil || ok {
			t.Errorf("Find of a key never recorded: %v, %v", ok, err)
		}
		if root, ok, err := p.Root(ctx, "102"); err != nil || !ok || root != "100" {
			t.Errorf("Root(102) = %q, %v, %v; want 100", root, ok, err)
		}
		ids, err := p.Thread(ctx, "100")
		slices.Sort(ids)
		if err != nil || !slices.Equal(ids, []string{"101", "102"}) {
			t.Errorf("Thread(100) = %v, %v; want 101 and 102", ids, err)
		}
		if err := p.Forget(ctx, "100", []string{"101", "102"}); err != nil {
			t.Fatal(err)
		}
		if ids, _ := p.Thread(ctx, "100"); len(ids) != 0 {
			t.Errorf("Thread(100) after Forget = %v", ids)
		}
		if _, ok, _ := p.Find(ctx, "200", "message:7"); !ok {
			t.Error("another thread's post was forgotten")
		}
	})
}
