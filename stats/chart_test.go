package stats

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/affaldsbot/affaldsbot/workcal"
)

func TestChartIsAReadablePNG(t *testing.T) {
	r := &Report{}
	monday := workcal.Date{Year: 2025, Month: 1, Day: 6}
	for i := range 52 {
		h := float64(i%9) + 0.5
		share := float64(60 + i%30)
		r.Weekly = append(r.Weekly, Week{Monday: monday.AddDays(7 * i), Mail: 50 + i%13, Phone: 25 + i%7, FirstResponseHours: &h,
			Rated: 10, Satisfied: 6 + i%4, SatisfiedShare: &share})
	}
	b, err := Chart(r, "da")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if got := img.Bounds().Size(); got.X != ChartWidth || got.Y != ChartHeight {
		t.Errorf("size = %v, want %dx%d", got, ChartWidth, ChartHeight)
	}
	colours := map[[3]uint32]int{}
	for y := 0; y < ChartHeight; y += 2 {
		for x := 0; x < ChartWidth; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, b >> 8}]++
		}
	}
	for name, c := range map[string][3]uint32{"mail": {0x1f, 0x77, 0xb4}, "phone": {0xd6, 0x27, 0x28}, "first response": {0x2c, 0xa0, 0x2c},
		"satisfied share": {0x94, 0x67, 0xbd}} {
		if colours[c] == 0 {
			t.Errorf("no %s line drawn", name)
		}
	}
	if len(colours) < 10 {
		t.Errorf("only %d colours: the chart looks blank", len(colours))
	}
}

func TestChartNeedsWeeks(t *testing.T) {
	if _, err := Chart(&Report{}, "en"); err == nil {
		t.Error("Chart without a weekly series: want an error")
	}
}
