package stats

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/affaldsbot/affaldsbot/workcal"
)

// Chart size in pixels.
const (
	ChartWidth  = 1000
	ChartHeight = 600
	chartDPI    = 96
)

var (
	mailColour  = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	phoneColour = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	firstColour = color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}
	csatColour  = color.RGBA{R: 0x94, G: 0x67, B: 0xbd, A: 0xff}
)

// Chart draws the report's weekly series (Options.Weekly) as a PNG of
// ChartWidth × ChartHeight: enquiries per week by channel at the top, the
// week's median first response in working hours in the middle, and the
// share of the week's rated enquiries rated 4 or 5 at the bottom.
func Chart(r *Report, lang string) ([]byte, error) {
	if len(r.Weekly) == 0 {
		return nil, fmt.Errorf("chart: the report has no weekly series")
	}
	l := labelsFor(lang)
	counts, err := countsPlot(r.Weekly, l)
	if err != nil {
		return nil, err
	}
	first, err := firstResponsePlot(r.Weekly, l)
	if err != nil {
		return nil, err
	}
	satisfied, err := satisfiedPlot(r.Weekly, l)
	if err != nil {
		return nil, err
	}
	px := func(n int) vg.Length { return vg.Length(n) * vg.Inch / chartDPI }
	img := vgimg.NewWith(vgimg.UseWH(px(ChartWidth), px(ChartHeight)), vgimg.UseDPI(chartDPI),
		vgimg.UseBackgroundColor(color.White))
	tiles := draw.Tiles{Rows: 3, Cols: 1, PadTop: 6, PadBottom: 6, PadLeft: 6, PadRight: 12, PadY: 10}
	canvases := plot.Align([][]*plot.Plot{{counts}, {first}, {satisfied}}, tiles, draw.New(img))
	counts.Draw(canvases[0][0])
	first.Draw(canvases[1][0])
	satisfied.Draw(canvases[2][0])
	var buf bytes.Buffer
	// The fastest compression: the chart is drawn on request, and a PNG of
	// flat colours stays small anyway.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img.Image()); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return buf.Bytes(), nil
}

func countsPlot(weeks []Week, l labels) (*plot.Plot, error) {
	p := weekPlot(weeks, l)
	p.Title.Text = l.chartCount
	p.Y.Label.Text = l.chartCount
	p.Y.Min = 0
	mail, phone := make(plotter.XYs, len(weeks)), make(plotter.XYs, len(weeks))
	for i, w := range weeks {
		mail[i] = plotter.XY{X: float64(i), Y: float64(w.Mail)}
		phone[i] = plotter.XY{X: float64(i), Y: float64(w.Phone)}
	}
	if err := addLine(p, mail, l.mail, mailColour); err != nil {
		return nil, err
	}
	return p, addLine(p, phone, l.phone, phoneColour)
}

func firstResponsePlot(weeks []Week, l labels) (*plot.Plot, error) {
	p := weekPlot(weeks, l)
	p.Title.Text = l.chartFirst
	p.Y.Label.Text = l.chartFirst
	p.Y.Min = 0
	var pts plotter.XYs
	for i, w := range weeks {
		if w.FirstResponseHours != nil {
			pts = append(pts, plotter.XY{X: float64(i), Y: *w.FirstResponseHours})
		}
	}
	if len(pts) == 0 {
		return p, nil
	}
	err := addLine(p, pts, l.chartFirst, firstColour)
	p.Legend = plot.NewLegend() // the title names the only line
	return p, err
}

// satisfiedPlot draws the weekly share of ratings of 4 or 5, 0–100 %.
func satisfiedPlot(weeks []Week, l labels) (*plot.Plot, error) {
	p := weekPlot(weeks, l)
	p.Title.Text = l.chartSatisfied
	p.Y.Label.Text = "%"
	p.Y.Min, p.Y.Max = 0, 100
	var pts plotter.XYs
	for i, w := range weeks {
		if w.SatisfiedShare != nil {
			pts = append(pts, plotter.XY{X: float64(i), Y: *w.SatisfiedShare})
		}
	}
	if len(pts) == 0 {
		return p, nil
	}
	err := addLine(p, pts, l.chartSatisfied, csatColour)
	p.Legend = plot.NewLegend()
	return p, err
}

func weekPlot(weeks []Week, l labels) *plot.Plot {
	p := plot.New()
	p.X.Label.Text = l.week
	p.X.Min, p.X.Max = 0, float64(max(len(weeks)-1, 1))
	p.X.Tick.Marker = weekTicks(weeks)
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	return p
}

func addLine(p *plot.Plot, pts plotter.XYs, name string, c color.Color) error {
	line, err := plotter.NewLine(pts)
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	line.Color = c
	line.Width = vg.Points(1.5)
	p.Add(line)
	p.Legend.Add(name, line)
	return nil
}

// weekTicks labels about ten weeks evenly spread with their ISO week
// number and year ("10/2025").
func weekTicks(weeks []Week) plot.Ticker {
	return plot.TickerFunc(func(_, _ float64) []plot.Tick {
		step := max(1, len(weeks)/10)
		var ticks []plot.Tick
		for i := 0; i < len(weeks); i++ {
			label := ""
			if i%step == 0 {
				label = isoWeek(weeks[i].Monday)
			}
			ticks = append(ticks, plot.Tick{Value: float64(i), Label: label})
		}
		return ticks
	})
}

func isoWeek(d workcal.Date) string {
	y, w := d.In(time.UTC).ISOWeek()
	return fmt.Sprintf("%d/%d", w, y)
}
