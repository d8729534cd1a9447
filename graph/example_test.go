package graph_test

import (
	"bytes"
	"fmt"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/report"
)

// A program outside this module parses a report, maps it to triples and
// writes them as N-Triples, with the public packages only.
func Example() {
	src := []byte(`# Evaluatie

<details><summary>Regeerakkoord Sectie</summary><p>4.3.2 FIT promoot Vlaanderen</p></details>

Samenvatting met een besluit [0].

**[\[0\]](http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D)** : **(2021-06-18)** Plan Vlaamse Veerkracht
`)
	ev, warnings, err := report.Parse("voorbeeld.md", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := graph.NewBuilder(graph.DefaultBase)
	if err != nil {
		fmt.Println(err)
		return
	}
	g, more, err := b.Build(ev)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(warnings)+len(more), "warnings")
	fmt.Println(g.Evaluation)
	fmt.Println("cites", g.Decisions)
	var nt bytes.Buffer
	enc, err := graph.NewEncoder(&nt, graph.NTriples, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := enc.Encode(g); err != nil {
		fmt.Println(err)
	}
	if err := enc.Close(); err != nil { // writes the shared triples (section, decision)
		fmt.Println(err)
	}
	fmt.Println(len(g.Own), "triples of the report,", len(g.Shared), "shared,", bytes.Count(nt.Bytes(), []byte("\n")), "lines of N-Triples")
	// Output:
	// 0 warnings
	// https://w3id.org/pledgegraph/id/evaluatie/4.3.2-97eaf1ca745750d9
	// cites [http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D]
	// 26 triples of the report, 19 shared, 45 lines of N-Triples
}
