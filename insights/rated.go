package insights

import "sort"

// lowestRatedMax is the highest rating listed among the lowest (2 of 5:
// "utilfreds").
const lowestRatedMax = 2

// lowestRated lists the answers rated 1 or 2, lowest first, then newest,
// at most opts.Top.
func lowestRated(es []Enquiry, opts Options) []Rated {
	out := []Rated{}
	for _, e := range es {
		if e.Rating != nil && *e.Rating <= lowestRatedMax {
			out = append(out, Rated{Enquiry: e.ID, Subject: e.Subject, Topic: e.Topic, Rating: *e.Rating})
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Rating != out[b].Rating {
			return out[a].Rating < out[b].Rating
		}
		return out[a].Enquiry > out[b].Enquiry
	})
	if len(out) > opts.Top {
		out = out[:opts.Top]
	}
	return out
}
