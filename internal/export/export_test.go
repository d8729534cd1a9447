package export

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// seedsDir holds the two real reports shipped as examples.
const seedsDir = "../../examples/reports"

func run(t *testing.T, opts Options) (Result, string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	if opts.Stdout == nil {
		opts.Stdout = &out
	}
	opts.Stderr = &errOut
	res, err := Run(context.Background(), opts)
	return res, out.String(), errOut.String(), err
}

// TestGoldenSeeds exports both real reports in every format and compares
// with golden files; each golden file is also checked by rapper, an
// independent parser, so a wrong golden cannot be blessed by -update.
func TestGoldenSeeds(t *testing.T) {
	for _, f := range []graph.Format{graph.Turtle, graph.NTriples, graph.NQuads} {
		t.Run(f.String(), func(t *testing.T) {
			res, out, stderr, err := run(t, Options{Inputs: []string{seedsDir}, Format: f})
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			if res.Exported != 2 || res.Skipped != 0 || res.Warnings != 0 {
				t.Fatalf("result %+v, stderr:\n%s", res, stderr)
			}
			golden := "seeds" + f.Extension()
			want := checkGolden(t, golden, out)
			syntax := map[graph.Format]string{graph.Turtle: "turtle", graph.NTriples: "ntriples", graph.NQuads: "nquads"}[f]
			lines := testtool.RapperNTriples(t, syntax, want)
			if len(lines) == 0 {
				t.Fatalf("rapper read no triples from %s", golden)
			}
			if f != graph.NQuads && len(lines) != res.Triples {
				t.Errorf("rapper reads %d distinct triples, the exporter counted %d", len(lines), res.Triples)
			}
		})
	}
}

// TestTurtleRoundTrip: our Turtle, read back by knakk's decoder and by
// rapper, is exactly the triple set of our N-Triples.
func TestTurtleRoundTrip(t *testing.T) {
	_, ttl, _, err := run(t, Options{Inputs: []string{seedsDir}, Format: graph.Turtle})
	if err != nil {
		t.Fatal(err)
	}
	_, ntOut, _, err := run(t, Options{Inputs: []string{seedsDir}, Format: graph.NTriples})
	if err != nil {
		t.Fatal(err)
	}
	want := sortedLines(ntOut)
	if dups := len(strings.Split(strings.TrimSpace(ntOut), "\n")) - len(want); dups != 0 {
		t.Errorf("N-Triples output repeats %d triples", dups)
	}

	decoded, err := rdf.NewTripleDecoder(strings.NewReader(ttl), rdf.Turtle).DecodeAll()
	if err != nil {
		t.Fatalf("knakk cannot read our Turtle: %v", err)
	}
	var viaKnakk []string
	for _, tr := range decoded {
		viaKnakk = append(viaKnakk, strings.TrimSuffix(tr.Serialize(rdf.NTriples), "\n"))
	}
	assertSameSet(t, "knakk(turtle)", dedupe(viaKnakk), want)
	assertSameSet(t, "rapper(turtle)", testtool.RapperNTriples(t, "turtle", []byte(ttl)), testtool.RapperNTriples(t, "ntriples", []byte(ntOut)))
}

func TestByteStable(t *testing.T) {
	var outs []string
	for _, jobs := range []int{1, 4, 1} {
		_, out, _, err := run(t, Options{Inputs: []string{seedsDir}, Format: graph.Turtle, Jobs: jobs})
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	if outs[0] != outs[1] || outs[1] != outs[2] {
		t.Fatal("the same input gave different bytes")
	}
	// The order of arguments is the order of the output, and the shared
	// part does not depend on it.
	_, reversed, _, err := run(t, Options{Inputs: []string{seedsDir + "/002_03c788e35806da8d.txt", seedsDir + "/000_5f7ed5cae34e348f.txt"}, Format: graph.NTriples})
	if err != nil {
		t.Fatal(err)
	}
	_, forward, _, _ := run(t, Options{Inputs: []string{seedsDir}, Format: graph.NTriples})
	assertSameSet(t, "reversed inputs", sortedLines(reversed), sortedLines(forward))
}

func TestDecisionsCitedTwiceAppearOnce(t *testing.T) {
	dir := t.TempDir()
	seed := mustRead(t, seedsDir+"/000_5f7ed5cae34e348f.txt")
	writeFile(t, dir, "a.md", seed)
	writeFile(t, dir, "b.md", strings.Replace(seed, "# Evaluatie", "# Tweede evaluatie", 1))
	_, out, _, err := run(t, Options{Inputs: []string{dir}, Format: graph.NTriples})
	if err != nil {
		t.Fatal(err)
	}
	decisionType := "<http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D> <https://w3id.org/pledgegraph/ns#Decision>"
	if n := strings.Count(strings.ReplaceAll(out, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ", ""), decisionType); n != 1 {
		t.Errorf("decision typed %d times, want once", n)
	}
	if n := strings.Count(out, "<http://schema.org/ClaimReview>"); n != 2 {
		t.Errorf("%d evaluations, want 2", n)
	}
}

func TestBadInputIsSkippedAndReported(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a_good.md", mustRead(t, seedsDir+"/000_5f7ed5cae34e348f.txt"))
	writeFile(t, dir, "b_binary.md", "\x00\x01\xff\xfe binary")
	writeFile(t, dir, "c_notes.md", "# Boodschappen\n\n- melk\n- brood\n")
	writeFile(t, dir, "d_ignored.png", "not taken from a directory")
	writeFile(t, dir, ".hidden.md", "not taken either")
	res, out, stderr, err := run(t, Options{Inputs: []string{dir, filepath.Join(dir, "missing.md")}, Format: graph.NTriples})
	if err != nil {
		t.Fatalf("run failed as a whole: %v", err)
	}
	if res.Exported != 1 || res.Skipped != 3 || res.Inputs != 4 {
		t.Errorf("result %+v, want 1 exported, 3 skipped of 4 inputs", res)
	}
	for _, want := range []string{
		filepath.Join(dir, "b_binary.md") + ":1: not UTF-8 text",
		filepath.Join(dir, "c_notes.md") + ": not an evaluation report",
		filepath.Join(dir, "missing.md") + ": no such file or directory",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(out, "<http://schema.org/ClaimReview>") {
		t.Error("the good report was not exported")
	}
}

func TestOutputFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "graph.ttl")
	writeFile(t, dir, "graph.ttl", "previous graph")
	writeFile(t, dir, "junk.md", "no report here")

	_, _, _, err := run(t, Options{Inputs: []string{filepath.Join(dir, "junk.md")}, Output: target, Format: graph.Turtle})
	if !errors.Is(err, ErrNothingExported) {
		t.Fatalf("err = %v, want ErrNothingExported", err)
	}
	if got := mustRead(t, target); got != "previous graph" {
		t.Fatalf("existing file changed to %q", got)
	}
	assertDirHolds(t, dir, "graph.ttl", "junk.md")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Run(ctx, Options{Inputs: []string{seedsDir}, Output: target, Format: graph.Turtle, Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: err = %v", err)
	}
	if got := mustRead(t, target); got != "previous graph" {
		t.Fatalf("cancelled run changed the file to %q", got)
	}
	assertDirHolds(t, dir, "graph.ttl", "junk.md")

	_, stdout, _, err := run(t, Options{Inputs: []string{seedsDir}, Output: target, Format: graph.Turtle})
	if err != nil {
		t.Fatal(err)
	}
	if stdout != "" {
		t.Error("with -o nothing goes to stdout")
	}
	if !strings.HasPrefix(mustRead(t, target), "@prefix ") {
		t.Fatal("the output file was not written")
	}
	assertDirHolds(t, dir, "graph.ttl", "junk.md")
}

func TestStdinAndDuplicates(t *testing.T) {
	seed := mustRead(t, seedsDir+"/000_5f7ed5cae34e348f.txt")
	res, out, stderr, err := run(t, Options{Inputs: []string{"-", seedsDir + "/000_5f7ed5cae34e348f.txt"}, Format: graph.NTriples, Stdin: strings.NewReader(seed)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Exported != 1 || res.Duplicates != 1 {
		t.Errorf("result %+v, want one exported and one duplicate", res)
	}
	if !strings.Contains(stderr, "000_5f7ed5cae34e348f.txt: warning: same content as <stdin>") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if strings.Contains(out, `<http://schema.org/name> "<stdin>"`) {
		t.Error("standard input must not be named as a file in the graph")
	}
	if _, err := Run(context.Background(), Options{Inputs: []string{"-", "-"}, Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}); !errors.Is(err, ErrUsage) {
		t.Errorf("stdin twice: err = %v, want a usage error", err)
	}
	if _, err := Run(context.Background(), Options{Inputs: []string{seedsDir}, Base: "not-a-base", Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}); !errors.Is(err, ErrUsage) {
		t.Errorf("bad base: err = %v, want a usage error", err)
	}
}

func TestCheckReportsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.md", mustRead(t, seedsDir+"/000_5f7ed5cae34e348f.txt"))
	writeFile(t, dir, "b.md", strings.Replace(mustRead(t, seedsDir+"/000_5f7ed5cae34e348f.txt"), "(2021-06-18)", "(2021-13-45)", 1))
	writeFile(t, dir, "c.md", "geen rapport")
	var out bytes.Buffer
	res, err := Check(context.Background(), CheckOptions{Inputs: []string{dir}, Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 3 || res.OK != 1 || res.WithWarnings != 1 || res.Errors != 1 {
		t.Errorf("result %+v\n%s", res, out.String())
	}
	if !res.Failed(false) {
		t.Error("a file with errors must fail the check")
	}
	if !regexpLine(out.String(), filepath.Join(dir, "b.md")+`:\d+: warning: .*date`) {
		t.Errorf("no bad-date warning with file and line:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "checked 3 files: 1 ok, 1 with warnings, 1 error (1 warning)") {
		t.Errorf("summary missing:\n%s", out.String())
	}
	res, _ = Check(context.Background(), CheckOptions{Inputs: []string{filepath.Join(dir, "b.md")}, Out: &bytes.Buffer{}})
	if res.Failed(false) || !res.Failed(true) {
		t.Errorf("warnings fail only under --strict: %+v", res)
	}
}

func sortedLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return dedupe(out)
}

func dedupe(lines []string) []string {
	sort.Strings(lines)
	out := lines[:0]
	for i, l := range lines {
		if i == 0 || l != lines[i-1] {
			out = append(out, l)
		}
	}
	return out
}

func assertSameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	gotSet := map[string]bool{}
	for _, l := range got {
		gotSet[l] = true
	}
	wantSet := map[string]bool{}
	for _, l := range want {
		wantSet[l] = true
	}
	n := 0
	for l := range wantSet {
		if !gotSet[l] && n < 5 {
			t.Errorf("%s lacks %s", what, l)
			n++
		}
	}
	for l := range gotSet {
		if !wantSet[l] && n < 10 {
			t.Errorf("%s has extra %s", what, l)
			n++
		}
	}
	if len(gotSet) != len(wantSet) {
		t.Errorf("%s: %d triples, want %d", what, len(gotSet), len(wantSet))
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func assertDirHolds(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("directory holds %v, want %v (no temporary files left behind)", got, want)
	}
}
