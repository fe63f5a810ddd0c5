package historygen

import (
	"testing"

	"github.com/affaldsbot/affaldsbot/workcal"
	"github.com/google/go-cmp/cmp"
)

// TestQuestionsChangeOnlyTheTexts: planting questions leaves every time,
// sender and reply as the default history has them.
func TestQuestionsChangeOnlyTheTexts(t *testing.T) {
	plain := Generate(Default(7), workcal.Default())
	o := Default(7)
	o.Questions = &Questions{Planted: 8, Share: 0.2}
	varied := Generate(o, workcal.Default())
	strip := func(h *History) *History {
		c := &History{Mails: append([]Mail(nil), h.Mails...), Calls: append([]Call(nil), h.Calls...)}
		for i := range c.Mails {
			c.Mails[i].Subject, c.Mails[i].Body, c.Mails[i].Planted = "", "", 0
		}
		for i := range c.Calls {
			c.Calls[i].Note, c.Calls[i].Planted = "", 0
		}
		return c
	}
	if d := cmp.Diff(strip(plain), strip(varied)); d != "" {
		t.Errorf("planting questions changed more than the texts (-plain +varied):\n%s", d)
	}
	counts := map[int]int{}
	distinct := map[string]bool{}
	for _, m := range varied.Mails {
		counts[m.Planted]++
		distinct[m.Body] = true
	}
	for k := 1; k <= 8; k++ {
		if counts[k] < 50 {
			t.Errorf("planted question %d asked %d times in three years; want it to recur", k, counts[k])
		}
	}
	if counts[9] != 0 || float64(counts[0]) < 0.7*float64(len(varied.Mails)) {
		t.Errorf("counts by planted question = %v; want about 80 %% noise and only questions 1–8", counts)
	}
	if len(distinct) < len(varied.Mails)*9/10 {
		t.Errorf("%d distinct texts of %d mails; want nearly all different", len(distinct), len(varied.Mails))
	}
	for _, m := range plain.Mails {
		if m.Planted != 0 {
			t.Fatal("the default history plants questions")
		}
	}
}
