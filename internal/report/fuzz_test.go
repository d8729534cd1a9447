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
	f.Fuzz(func(t *testing.T, src []byte) {
		if os.Getenv("FUZZDEBUG") != "" {
			_ = os.WriteFile(fmt.Sprintf("/tmp/fz/%d", os.Getpid()), src, 0o644)
		}
		ev, ws, err := Parse("f.md", src)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || (!errors.Is(err, ErrNotReport) && !errors.Is(err, ErrNotText)) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		seen := map[int]bool{}
		for _, r := range ev.References {
			if seen[r.Number] {
				t.Fatalf("reference number %d twice", r.Number)
			}
			seen[r.Number] = true
			if !utf8.ValidString(r.URL) || !utf8.ValidString(r.Title) {
				t.Fatal("invalid UTF-8 in reference")
			}
		}
		for i, st := range ev.Statements {
			if st.Position != i+1 {
				t.Fatalf("position %d at index %d", st.Position, i)
			}
			if st.Text != strings.Join(strings.Fields(st.Text), " ") {
				t.Fatalf("text not collapsed: %q", st.Text)
			}
		}
		for _, w := range ws {
			if w.File != "f.md" || w.Line < 0 {
				t.Fatalf("bad warning %+v", w)
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
