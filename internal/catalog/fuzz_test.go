package catalog

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"github.com/knakk/rdf"
)

var fileLineRE = regexp.MustCompile(`^f\.yaml:[1-9][0-9]*: `)

// FuzzLoadConfig: whatever the file holds, LoadConfig (parseConfig on its
// bytes) does not panic; it refuses with an error that names the file and
// a line, or returns a Config that validates and gives a catalog the Turtle
// writer writes and a reader reads back to the same triples.
//
//	go test ./internal/catalog -fuzz FuzzLoadConfig
func FuzzLoadConfig(f *testing.F) {
	if seed, err := os.ReadFile("testdata/catalog.yaml"); err == nil {
		f.Add(seed)
	}
	for _, s := range []string{
		"",
		"site_url: https://example.org/\n",
		"dataset:\n  title: {nl: a, en: b}\n  themes: gove\n",
		"publisher: {name: \"x\\u0000y\", iri: 'urn:x'}\n",
		"contact:\n  email: mailto:a@b\n",
		"a: &a [*a]\n",
		"license: &l https://x.org/\ncatalog: {license: *l}\n",
		"catalog:\n\ttitle: x\n",
		"dataset: {title: {'': x}}\n",
		"dataset: {modified: 2024-01-01T00:00:00Z, issued: 2024-02-29}\n",
		"- [[[[[[]]]]]]\n",
		"? [a]\n: b\n",
		"%YAML 1.2\n---\nlicense: x:y\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := parseConfig("f.yaml", data)
		if err != nil {
			if !fileLineRE.MatchString(err.Error()) {
				t.Fatalf("error without file and line: %v", err)
			}
			return
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("accepted a configuration Validate refuses: %v", err)
		}
		if cfg.SiteURL == "" {
			cfg.SiteURL = "https://example.org/site/"
		}
		var buf bytes.Buffer
		triples, _, err := Build(cfg, testStats, testDists)
		if err != nil {
			t.Fatalf("accepted a configuration Build refuses: %v", err)
		}
		if _, err := Write(&buf, cfg, testStats, testDists); err != nil {
			t.Fatalf("accepted a configuration the writer refuses: %v", err)
		}
		back, err := rdf.NewTripleDecoder(bytes.NewReader(buf.Bytes()), rdf.Turtle).DecodeAll()
		if err != nil {
			t.Fatalf("catalog does not read back: %v\n%s", err, buf.String())
		}
		if got, want := ntLines(back), ntLines(triples); len(got) != len(want) {
			t.Fatalf("read back %d triples, wrote %d\n%s", len(got), len(want), buf.String())
		}
	})
}
