package insights

import (
	"sort"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// repeatSet marks the enquiries of now whose citizen had another enquiry
// in storage.RepeatWindow before it, in now or before (docs/statistics.md).
func repeatSet(now, before []Enquiry) map[int64]bool {
	last := map[string][]Enquiry{}
	for _, e := range append(append([]Enquiry(nil), before...), now...) {
		if e.Citizen != "" {
			last[e.Citizen] = append(last[e.Citizen], e)
		}
	}
	out := map[int64]bool{}
	for _, list := range last {
		sort.SliceStable(list, func(a, b int) bool { return list[a].ReceivedAt.Before(list[b].ReceivedAt) })
		for i := 1; i < len(list); i++ {
			if list[i].ReceivedAt.Sub(list[i-1].ReceivedAt) <= storage.RepeatWindow {
				out[list[i].ID] = true
			}
		}
	}
	return out
}

// minHotspot is the fewest repeat contacts that make a hotspot.
const minHotspot = 3

// repeatHotspots are the topics and recurring questions with the most
// repeat contacts, most first, at most opts.Top.
func repeatHotspots(now, before []Enquiry, cs *clusters, opts Options) []Hotspot {
	repeat := repeatSet(now, before)
	byTopic := map[affaldsbot.Topic]*Hotspot{}
	byCluster := map[int]*Hotspot{}
	for i, e := range now {
		h := byTopic[e.Topic]
		if h == nil {
			h = &Hotspot{Kind: "topic", Name: string(e.Topic)}
			byTopic[e.Topic] = h
		}
		count(h, e, repeat)
		if k := cs.of[i]; k >= 0 {
			if byCluster[k] == nil {
				byCluster[k] = &Hotspot{Kind: "question", Name: examples(now, cs.list[k], cs.vectors)[0]}
			}
			count(byCluster[k], e, repeat)
		}
	}
	var out []Hotspot
	for _, h := range byTopic {
		out = appendHotspot(out, h)
	}
	for _, h := range byCluster {
		out = appendHotspot(out, h)
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Repeats != out[b].Repeats {
			return out[a].Repeats > out[b].Repeats
		}
		return out[a].Kind+out[a].Name < out[b].Kind+out[b].Name
	})
	if len(out) > opts.Top {
		out = out[:opts.Top]
	}
	if out == nil {
		out = []Hotspot{}
	}
	return out
}

func count(h *Hotspot, e Enquiry, repeat map[int64]bool) {
	h.Of++
	if repeat[e.ID] {
		h.Repeats++
		h.Enquiries = append(h.Enquiries, e.ID)
	}
}

func appendHotspot(out []Hotspot, h *Hotspot) []Hotspot {
	if h.Repeats < minHotspot {
		return out
	}
	h.Rate = round(float64(h.Repeats)/float64(h.Of), 3)
	sort.Slice(h.Enquiries, func(a, b int) bool { return h.Enquiries[a] < h.Enquiries[b] })
	return append(out, *h)
}
