package teams

import (
	"context"
	"sync"
)

// Posts remembers the activities the bot posted, under a key of what each
// shows ("root:42", "message:7"), per thread: the Bot Connector cannot read
// a channel's history back, so this is what Find* and EraseThread consult.
type Posts interface {
	// Record notes that activity id in the thread under root shows key
	// (root is "" for a root post itself).
	Record(ctx context.Context, root, key, id string) error
	// Find returns the activity recorded under key in the thread.
	Find(ctx context.Context, root, key string) (id string, ok bool, err error)
	// Root returns the thread an activity was recorded in.
	Root(ctx context.Context, id string) (root string, ok bool, err error)
	// Thread lists the activities recorded in the thread under root.
	Thread(ctx context.Context, root string) ([]string, error)
	// Forget drops the records of ids in the thread under root.
	Forget(ctx context.Context, root string, ids []string) error
}

// MemoryPosts keeps the records in the process: they last as long as it
// runs.
type MemoryPosts struct {
	mu    sync.Mutex
	byKey map[string]string   // root + "\x00" + key → id
	order map[string][]string // root → ids, in the order posted
}

var _ Posts = (*MemoryPosts)(nil)

// NewMemoryPosts returns an empty record.
func NewMemoryPosts() *MemoryPosts {
	return &MemoryPosts{byKey: map[string]string{}, order: map[string][]string{}}
}

func (m *MemoryPosts) Record(_ context.Context, root, key, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if key != "" {
		m.byKey[root+"\x00"+key] = id
	}
	m.order[root] = append(m.order[root], id)
	return nil
}

func (m *MemoryPosts) Find(_ context.Context, root, key string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	id, ok := m.byKey[root+"\x00"+key]
	return id, ok, nil
}

func (m *MemoryPosts) Root(_ context.Context, id string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for root, ids := range m.order {
		for _, x := range ids {
			if x == id {
				return root, true, nil
			}
		}
	}
	return "", false, nil
}

func (m *MemoryPosts) Thread(_ context.Context, root string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.order[root]...), nil
}

func (m *MemoryPosts) Forget(_ context.Context, root string, ids []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	gone := map[string]bool{}
	for _, id := range ids {
		gone[id] = true
	}
	var keep []string
	for _, id := range m.order[root] {
		if !gone[id] {
			keep = append(keep, id)
		}
	}
	m.order[root] = keep
	for k, id := range m.byKey {
		if gone[id] {
			delete(m.byKey, k)
		}
	}
	return nil
}
