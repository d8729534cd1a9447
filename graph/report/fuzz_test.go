package report

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse: any input gives either a *ParseError or an evaluation whose
// invariants hold; never a panic.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"000_5f7ed5cae34e348f.txt", "002_03c788e35806da8d.txt"} {
		if src, err := os.ReadFile("../../examples/reports/" + name); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("# T\n\n" + sectionBlock + "\nTekst [0][Regeerakkoord: 1.2].\n\n" + entry("0", "http://themis.vlaanderen.be/id/x", "2020-01-01", "A  B...")))
	f.Add([]byte("<details><summary>Regeerakkoord</summary>\n\n<p>1.2 x</p>\n\n</details>\n**[\\[0\\]]()** : x"))
	f.Add([]byte(report("- a <Visienota> [0]\n  - b <b>vet</b>\n    1. c<br>d\n- e\n\n<details>\n<summary>X</summary>\n<p>f <img src=x></p>\n<!-- g\nh --> i\n</details>\n\n<script>\nj\n</script> k\n")))
	f.Fuzz(func(t *testing.T, src []byte) {
		if os.Getenv("FUZZDEBUG") != "" {
			_ = os.WriteFile(fmt.Sprintf("/tmp/fz/%d", os.Getpid()), src, 0o644)
		}
		ev, ws, err := Parse("f.md", src)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || (!errors.Is(err, ErrNotReport) && !errors.Is(err, ErrNotText) && !errors.Is(err, ErrEmpty)) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		// Lines count as the parser does: after the BOM and line-end normalisation.
		lines := len(lineStarts(normalise(src)))
		seen := map[int]bool{}
		for _, r := range ev.References {
			if seen[r.Number] {
				t.Fatalf("reference number %d twice", r.Number)
			}
			seen[r.Number] = true
			if !utf8.ValidString(r.URL) || !utf8.ValidString(r.Title) {
				t.Fatal("invalid UTF-8 in reference")
			}
			if r.Line < 1 || r.Line > lines {
				t.Fatalf("reference [%d] on line %d of %d", r.Number, r.Line, lines)
			}
		}
		last := 0
		for i, st := range ev.Statements {
			if st.Position != i+1 {
				t.Fatalf("position %d at index %d", st.Position, i)
			}
			if st.Text != strings.Join(strings.Fields(st.Text), " ") {
				t.Fatalf("text not collapsed: %q", st.Text)
			}
			// Document order: a statement never starts before the one before it.
			if st.Line < max(last, 1) || st.Line > lines {
				t.Fatalf("statement %d on line %d (previous on %d, %d lines)", st.Position, st.Line, last, lines)
			}
			last = st.Line
		}
		for _, w := range ws {
			if w.File != "f.md" || w.Line < 0 || w.Line > lines || strings.HasPrefix(w.Msg, "report:") {
				t.Fatalf("bad warning %+v", w)
			}
			// Only what concerns the whole file has no line.
			if w.Line == 0 && !strings.HasPrefix(w.Msg, "no agreement section block") {
				t.Fatalf("warning without a line: %+v", w)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("../../examples/reports/000_5f7ed5cae34e348f.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Parse("r.md", src); err != nil {
			b.Fatal(err)
		}
	}
}
