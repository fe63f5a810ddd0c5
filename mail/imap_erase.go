package mail

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// eraseChunk is how many Message-IDs one SEARCH asks for.
const eraseChunk = 25

// EraseMail deletes from each folder every message whose Message-ID is one
// of ids (with or without angle brackets; invalid ones are skipped) and
// returns how many went from each folder; a missing folder holds none. The
// messages are flagged \Deleted and expunged by UID where the server has
// UIDPLUS, so messages someone else marked deleted stay; without UIDPLUS
// EXPUNGE removes those too.
func EraseMail(ctx context.Context, s IMAPSettings, folders, ids []string) (map[string]int, error) {
	criteria := eraseCriteria(ids)
	out := map[string]int{}
	if len(criteria) == 0 {
		return out, nil
	}
	c, err := dialIMAP(ctx, s, &imapclient.Options{})
	if err != nil {
		return nil, err
	}
	defer c.Close()
	for _, f := range folders {
		n, err := eraseInFolder(c.Client, f, criteria)
		if err != nil {
			return out, err
		}
		out[f] = n
	}
	return out, c.Logout().Wait()
}

// eraseCriteria are SEARCH criteria, each matching up to eraseChunk
// Message-IDs (HEADER Message-ID "<id>", joined by OR).
func eraseCriteria(ids []string) []*imap.SearchCriteria {
	var one []imap.SearchCriteria
	for _, raw := range ids {
		if id, err := parseMsgID("Message-ID", raw); err == nil && id != "" {
			one = append(one, imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: "<" + id + ">"}}})
		}
	}
	var out []*imap.SearchCriteria
	for len(one) > 0 {
		n := min(eraseChunk, len(one))
		out = append(out, anyOf(one[:n]))
		one = one[n:]
	}
	return out
}

// anyOf joins criteria with OR.
func anyOf(cs []imap.SearchCriteria) *imap.SearchCriteria {
	c := cs[0]
	for _, next := range cs[1:] {
		c = imap.SearchCriteria{Or: [][2]imap.SearchCriteria{{c, next}}}
	}
	return &c
}

func eraseInFolder(c *imapclient.Client, folder string, criteria []*imap.SearchCriteria) (int, error) {
	if _, err := c.Select(folder, nil).Wait(); err != nil {
		if isIMAPCode(err, imap.ResponseCodeNonExistent) {
			return 0, nil
		}
		return 0, fmt.Errorf("select %s: %w", folder, err)
	}
	var uids imap.UIDSet
	for _, crit := range criteria {
		data, err := c.UIDSearch(crit, nil).Wait()
		if err != nil {
			return 0, fmt.Errorf("search %s: %w", folder, err)
		}
		uids.AddNum(data.AllUIDs()...)
	}
	n := len(uidList(uids))
	if n == 0 {
		return 0, nil
	}
	store := &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}
	if err := c.Store(uids, store, nil).Close(); err != nil {
		return 0, fmt.Errorf("flag deleted in %s: %w", folder, err)
	}
	expunge := c.Expunge()
	if c.Caps().Has(imap.CapUIDPlus) {
		expunge = c.UIDExpunge(uids)
	}
	if err := expunge.Close(); err != nil {
		return 0, fmt.Errorf("expunge %s: %w", folder, err)
	}
	return n, nil
}

func uidList(s imap.UIDSet) []imap.UID {
	nums, _ := s.Nums()
	return nums
}
