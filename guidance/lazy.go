package guidance

import "sync"

// Lazy builds its index on the first search, so a bot that drafts rarely does
// not hold the index from start-up on.
type Lazy struct {
	once sync.Once
	load func() (*Index, error)
	ix   *Index
	err  error
}

// NewLazy returns a Lazy that calls load once, on the first Search.
func NewLazy(load func() (*Index, error)) *Lazy { return &Lazy{load: load} }

// Search is Index.Search on the loaded index.
func (l *Lazy) Search(query string, k int) ([]Hit, error) {
	l.once.Do(func() { l.ix, l.err = l.load() })
	if l.err != nil {
		return nil, l.err
	}
	return l.ix.Search(query, k)
}
