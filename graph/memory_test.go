package graph

import (
	"crypto/sha256"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/pledgegraph/pledgegraph/graph/report"
)

// BenchmarkSharedGrowth measures what the Encoder keeps while it streams:
// the distinct shared triples (sections, cited decisions), written once at
// Close. Each report here cites ten decisions no other report cites, with
// their dates and complete titles as real entries give them, so the live
// heap grows with the distinct decisions only. The metric is the growth of
// the live heap per 1,000 distinct decisions (README, "Speed and memory").
func BenchmarkSharedGrowth(b *testing.B) {
	const reports, perReport = 2000, 10
	builder, err := NewBuilder(DefaultBase)
	if err != nil {
		b.Fatal(err)
	}
	evs := make([]*report.Evaluation, reports)
	for i := range evs {
		ev := &report.Evaluation{
			File:    fmt.Sprintf("r%d.md", i),
			Title:   "Evaluatie",
			Section: report.Section{Number: fmt.Sprintf("%d.%d", 1+i%7, 1+i%5), Text: "Een belofte", Line: 3},
			Digest:  sha256.Sum256([]byte(fmt.Sprint(i))),
		}
		st := report.Statement{Position: 1, Part: report.PartSummary, Text: "Tekst.", Line: 5}
		for j := range perReport {
			n := i*perReport + j
			ev.References = append(ev.References, report.Reference{
				Number: j, Kind: report.RefThemis, Line: 10 + j,
				URL:   fmt.Sprintf("http://themis.vlaanderen.be/id/nieuwsbrief-info/%024X", n),
				Date:  fmt.Sprintf("20%02d-%02d-%02d", 19+n%5, 1+n%12, 1+n%28),
				Title: fmt.Sprintf("Besluit nummer %d over de uitvoering van het regeerakkoord", n),
			})
			st.Citations = append(st.Citations, j)
		}
		ev.Statements = []report.Statement{st}
		evs[i] = ev
	}
	var perThousand float64
	for b.Loop() {
		enc, err := NewEncoder(io.Discard, Turtle, Prefixes(DefaultBase, nil))
		if err != nil {
			b.Fatal(err)
		}
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for _, ev := range evs {
			r, _, err := builder.Build(ev)
			if err != nil {
				b.Fatal(err)
			}
			if err := enc.Encode(r); err != nil {
				b.Fatal(err)
			}
		}
		var after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&after)
		perThousand = float64(after.HeapAlloc-before.HeapAlloc) / (reports * perReport / 1000)
		runtime.KeepAlive(enc)
		if err := enc.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(perThousand/(1<<20), "MiB/1000decisions")
}
