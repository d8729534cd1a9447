package site

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Charts are inline SVG, drawn here rather than by a script: they need no
// JavaScript, scale with the page (viewBox) and carry a <title> and a
// <desc> that says in words what they show; every figure is also in a
// table next to the chart. Bars without evidence are hatched, not only
// coloured differently.

// chartLimit is how many ministers or themes a chart shows; the table
// shows them all.
const chartLimit = 15

const (
	colourYes  = "#1b6e3a" // green, 6.4:1 on white
	colourNo   = "#b3261e" // red, 6.5:1 on white
	colourBar  = "#1f4e8c" // blue, 8.6:1 on white
	colourText = "#1a1a1a"
	colourGrid = "#767676"
)

// num writes a coordinate with at most one decimal, the same on every run.
func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}

func esc(s string) string { return template.HTMLEscapeString(s) }

type svgWriter struct{ strings.Builder }

func (w *svgWriter) open(id string, width, height float64, title, desc string) {
	// The natural size is the largest it is drawn at; the stylesheet
	// shrinks it to the page.
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-titel %s-uitleg" font-family="system-ui, sans-serif" font-size="13">`+"\n",
		num(width), num(height), num(width), num(height), id, id)
	fmt.Fprintf(w, `<title id="%s-titel">%s</title>`+"\n", id, esc(title))
	fmt.Fprintf(w, `<desc id="%s-uitleg">%s</desc>`+"\n", id, esc(desc))
}

func (w *svgWriter) text(x, y float64, anchor, fill, s string) {
	fmt.Fprintf(w, `<text x="%s" y="%s" text-anchor="%s" fill="%s">%s</text>`+"\n", num(x), num(y), anchor, fill, esc(s))
}

func (w *svgWriter) rect(x, y, width, height float64, fill, stroke, title string) {
	fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"`, num(x), num(y), num(width), num(height), fill)
	if stroke != "" {
		fmt.Fprintf(w, ` stroke="%s"`, stroke)
	}
	if title == "" {
		w.WriteString(" />\n")
		return
	}
	fmt.Fprintf(w, `><title>%s</title></rect>`+"\n", esc(title))
}

func (w *svgWriter) close() template.HTML {
	w.WriteString("</svg>")
	return template.HTML(w.String())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// chapterChart: per chapter a bar of its evaluated sections, split into
// those with and without evidence.
func chapterChart(fig *Figures) template.HTML {
	const (
		labelW, barW, valueW = 100.0, 170.0, 110.0
		rowH, top, legendH   = 30.0, 8.0, 36.0
	)
	rows := fig.Chapters
	max := 1
	var desc []string
	for _, c := range rows {
		if c.Sections > max {
			max = c.Sections
		}
		desc = append(desc, fmt.Sprintf("Hoofdstuk %s: %s, %d met en %d zonder bewijs.", c.Chapter, plural(c.Sections, "geëvalueerde sectie", "geëvalueerde secties"), c.WithEvidence, c.WithoutEvidence))
	}
	height := top + float64(len(rows))*rowH + legendH
	var w svgWriter
	w.open("grafiek-hoofdstukken", labelW+barW+valueW, height, "Geëvalueerde secties per hoofdstuk, met en zonder bewijs", strings.Join(desc, " "))
	fmt.Fprintf(&w, `<defs><pattern id="arcering" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" /><rect width="3" height="6" fill="%s" /></pattern></defs>`+"\n", colourNo)
	scale := barW / float64(max)
	for i, c := range rows {
		y := top + float64(i)*rowH
		w.text(labelW-8, y+19, "end", colourText, "Hoofdstuk "+c.Chapter)
		yes, no := float64(c.WithEvidence)*scale, float64(c.WithoutEvidence)*scale
		if c.WithEvidence > 0 {
			w.rect(labelW, y+5, yes, 20, colourYes, "", fmt.Sprintf("Hoofdstuk %s: %s met bewijs", c.Chapter, plural(c.WithEvidence, "sectie", "secties")))
		}
		if c.WithoutEvidence > 0 {
			w.rect(labelW+yes, y+5, no, 20, "url(#arcering)", colourNo, fmt.Sprintf("Hoofdstuk %s: %s zonder bewijs", c.Chapter, plural(c.WithoutEvidence, "sectie", "secties")))
		}
		w.text(labelW+yes+no+6, y+19, "start", colourText, fmt.Sprintf("%d met, %d zonder", c.WithEvidence, c.WithoutEvidence))
	}
	ly := top + float64(len(rows))*rowH + 12
	w.rect(labelW, ly, 14, 14, colourYes, "", "")
	w.text(labelW+20, ly+12, "start", colourText, "met bewijs")
	w.rect(labelW+100, ly, 14, 14, "url(#arcering)", colourNo, "")
	w.text(labelW+120, ly+12, "start", colourText, "zonder bewijs")
	return w.close()
}

// monthChart: a column per month of the cited decisions' dates.
func monthChart(fig *Figures) template.HTML {
	const (
		left, colW, top, plotH, bottom = 44.0, 12.0, 16.0, 160.0, 40.0
	)
	months := fig.Months
	// The busiest month is the first with the most decisions; every month
	// listed lies between two dated decisions, so the maximum is at least 1.
	max, busiest, total := 0, months[0].Month, 0
	for _, m := range months {
		total += m.Decisions
		if m.Decisions > max {
			max, busiest = m.Decisions, m.Month
		}
	}
	if max == 0 {
		max = 1
	}
	width := left + float64(len(months))*colW + 12
	if width < 320 {
		width = 320
	}
	desc := fmt.Sprintf("%s met een datum, van %s tot %s. De drukste maand is %s met %s.",
		plural(total, "geciteerde beslissing", "geciteerde beslissingen"), monthName(months[0].Month), monthName(months[len(months)-1].Month),
		monthName(busiest), plural(max, "beslissing", "beslissingen"))
	var w svgWriter
	w.open("grafiek-maanden", width, top+plotH+bottom, "Geciteerde beslissingen per maand", desc)
	// Grid lines at the top and the middle of the scale, with their values.
	for _, v := range []int{max, max / 2} {
		if v == 0 {
			continue
		}
		y := top + plotH - plotH*float64(v)/float64(max)
		fmt.Fprintf(&w, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="0.5" stroke-dasharray="3 3" />`+"\n", num(left), num(y), num(width-8), num(y), colourGrid)
		w.text(left-6, y+4, "end", colourText, strconv.Itoa(v))
	}
	base := top + plotH
	fmt.Fprintf(&w, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" />`+"\n", num(left), num(base), num(width-8), num(base), colourText)
	w.text(left-6, base+4, "end", colourText, "0")
	for i, m := range months {
		x := left + float64(i)*colW
		if m.Decisions > 0 {
			h := plotH * float64(m.Decisions) / float64(max)
			w.rect(x+1, base-h, colW-2, h, colourBar, "", monthName(m.Month)+": "+plural(m.Decisions, "beslissing", "beslissingen"))
		}
		// A year is labelled at its January, and the first year at the
		// first month unless its label would run into the next one.
		if strings.HasSuffix(m.Month, "-01") || i == 0 && firstLabel(months) {
			fmt.Fprintf(&w, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" />`+"\n", num(x), num(base), num(x), num(base+6), colourText)
			w.text(x, base+20, "start", colourText, m.Month[:4])
		}
	}
	return w.close()
}

// firstLabel tells whether the first month gets a year label: not when a
// January follows within four months.
func firstLabel(months []MonthFigures) bool {
	for i := 1; i < len(months) && i < 4; i++ {
		if strings.HasSuffix(months[i].Month, "-01") {
			return false
		}
	}
	return true
}

// countChart: horizontal bars of the decisions per minister or theme, the
// chartLimit largest.
func countChart(id, title string, rows []CountFigures) template.HTML {
	const (
		labelW, barW, valueW = 190.0, 200.0, 40.0
		rowH, top            = 26.0, 6.0
	)
	shown := rows
	if len(shown) > chartLimit {
		shown = shown[:chartLimit]
	}
	max := 1
	var desc []string
	for _, r := range shown {
		if r.Decisions > max {
			max = r.Decisions
		}
		desc = append(desc, fmt.Sprintf("%s: %s.", r.Label, plural(r.Decisions, "beslissing", "beslissingen")))
	}
	if len(rows) > len(shown) {
		desc = append(desc, fmt.Sprintf("En %d meer in de tabel.", len(rows)-len(shown)))
	}
	var w svgWriter
	w.open("grafiek-"+id, labelW+barW+valueW, top*2+float64(len(shown))*rowH, title, strings.Join(desc, " "))
	for i, r := range shown {
		y := top + float64(i)*rowH
		w.text(labelW-8, y+17, "end", colourText, shorten(r.Label, 26))
		bw := barW * float64(r.Decisions) / float64(max)
		w.rect(labelW, y+4, bw, 18, colourBar, "", r.Label+": "+plural(r.Decisions, "beslissing", "beslissingen"))
		w.text(labelW+bw+6, y+17, "start", colourText, strconv.Itoa(r.Decisions))
	}
	return w.close()
}

// shorten cuts a label to n characters for a chart (the table has it whole).
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
