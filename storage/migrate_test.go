package storage_test

import (
	"context"
	"sync"
	"testing"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// TestReplicasMigrateAtOnce: three replicas starting together on one fresh
// PostgreSQL database all come up, and the migrations are applied once.
func TestReplicasMigrateAtOnce(t *testing.T) {
	url := storagetest.URL(t, storage.Postgres)
	var wg sync.WaitGroup
	applied := make([]int, 3)
	for i := range applied {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := storage.Open(context.Background(), url)
			if err != nil {
				t.Error(err)
				return
			}
			defer db.Close()
			if applied[i], err = db.Migrate(context.Background()); err != nil {
				t.Errorf("replica %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if total := applied[0] + applied[1] + applied[2]; total == 0 || (applied[0] != total && applied[1] != total && applied[2] != total) {
		t.Errorf("applied per replica = %v, want all by one replica", applied)
	}
}
