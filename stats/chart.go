package stats

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"strconv"
	"strings"
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
	counts, first, err := chartPlots(r, lang)
	if err != nil {
		return nil, err
	}
	satisfied, err := satisfiedPlot(r.Weekly, labelsFor(lang), Style{Lang: lang})
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

// chartPlots are the chart's two plots: enquiries per week by channel, and
// the weekly median first response.
func chartPlots(r *Report, lang string) (counts, first *plot.Plot, err error) {
	l, st := labelsFor(lang), Style{Lang: lang}
	if counts, err = countsPlot(r.Weekly, l, st); err != nil {
		return nil, nil, err
	}
	first, err = firstResponsePlot(r.Weekly, l, st)
	return counts, first, err
}

func countsPlot(weeks []Week, l labels, st Style) (*plot.Plot, error) {
	p := weekPlot(weeks, l, st)
	p.Title.Text = l.chartCount
	p.Y.Label.Text = l.chartCount
	mail, phone := make(plotter.XYs, len(weeks)), make(plotter.XYs, len(weeks))
	total := 0
	for i, w := range weeks {
		mail[i] = plotter.XY{X: float64(i), Y: float64(w.Mail)}
		phone[i] = plotter.XY{X: float64(i), Y: float64(w.Phone)}
		total += w.Mail + w.Phone
	}
	if total == 0 {
		return p, noData(p, weeks, l)
	}
	if err := addLine(p, mail, l.mail, mailColour); err != nil {
		return nil, err
	}
	return p, addLine(p, phone, l.phone, phoneColour)
}

func firstResponsePlot(weeks []Week, l labels, st Style) (*plot.Plot, error) {
	p := weekPlot(weeks, l, st)
	p.Title.Text = l.chartFirst
	p.Y.Label.Text = l.chartFirst
	var pts plotter.XYs
	for i, w := range weeks {
		if w.FirstResponseHours != nil {
			pts = append(pts, plotter.XY{X: float64(i), Y: *w.FirstResponseHours})
		}
	}
	if len(pts) == 0 {
		return p, noData(p, weeks, l)
	}
	err := addLine(p, pts, l.chartFirst, firstColour)
	p.Legend = plot.NewLegend() // the title names the only line
	return p, err
}

// satisfiedPlot draws the weekly share of ratings of 4 or 5, 0–100 %.
func satisfiedPlot(weeks []Week, l labels, st Style) (*plot.Plot, error) {
	p := weekPlot(weeks, l, st)
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
		return p, noData(p, weeks, l)
	}
	err := addLine(p, pts, l.chartSatisfied, csatColour)
	p.Legend = plot.NewLegend()
	return p, err
}

// noData marks a plot with nothing to draw: "ingen data" in its middle, an
// axis from 0 (not gonum's −1 to 1 around an empty range) and no ticks on
// it, since there are no values to read.
func noData(p *plot.Plot, weeks []Week, l labels) error {
	p.Title.Text += " – " + l.noData
	p.Y.Min, p.Y.Max = 0, 1
	p.Y.Tick.Marker = plot.ConstantTicks(nil)
	p.Legend = plot.NewLegend()
	labels, err := plotter.NewLabels(plotter.XYLabels{
		XYs:    []plotter.XY{{X: float64(max(len(weeks)-1, 1)) / 2, Y: 0.5}},
		Labels: []string{l.noData},
	})
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	for i := range labels.TextStyle {
		labels.TextStyle[i].XAlign, labels.TextStyle[i].YAlign = draw.XCenter, draw.YCenter
		labels.TextStyle[i].Font.Size = vg.Points(16)
	}
	p.Add(labels)
	return nil
}

func weekPlot(weeks []Week, l labels, st Style) *plot.Plot {
	p := plot.New()
	p.X.Label.Text = l.week
	p.X.Min, p.X.Max = 0, float64(max(len(weeks)-1, 1))
	p.X.Tick.Marker = weekTicks(weeks)
	p.Y.Min = 0
	p.Y.Tick.Marker = localTicks{st}
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	return p
}

// localTicks are gonum's default ticks with the numbers written in the
// style's language (decimal comma in Danish).
type localTicks struct{ st Style }

func (t localTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i, tk := range ticks {
		if tk.Label == "" {
			continue
		}
		decimals := 0
		if _, frac, ok := strings.Cut(strconv.FormatFloat(tk.Value, 'f', -1, 64), "."); ok {
			decimals = min(len(frac), 3)
		}
		ticks[i].Label = t.st.Number(tk.Value, decimals)
	}
	return ticks
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
