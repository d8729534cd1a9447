package catalog

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testStats and testDists are what publish would hand over for a small site.
var (
	testStats = Stats{Triples: 757, Entities: 114, Classes: 7, Properties: 25, ThemisLinks: 93}
	testDists = []Distribution{
		{File: "graph.ttl", Title: "De graaf in Turtle", MediaType: "text/turtle", Bytes: 61234},
		{File: "graph.nt", Title: "De graaf in N-Triples", MediaType: "application/n-triples", Bytes: 140001},
		{File: "graph.jsonld", Title: "De graaf in JSON-LD", MediaType: "application/ld+json", Bytes: 0},
	}
)

func loadTestConfig(t *testing.T) Config {
	t.Helper()
	cfg, err := LoadConfig("testdata/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestGolden: the catalog of a complete configuration, byte for byte; rapper
// reads it back to exactly the triples Build made, and it needs no warning.
func TestGolden(t *testing.T) {
	cfg := loadTestConfig(t)
	var buf bytes.Buffer
	warnings, err := Write(&buf, cfg, testStats, testDists)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings for a complete configuration: %q", warnings)
	}
	const golden = "testdata/catalog.golden.ttl"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("catalog differs from %s (go test ./internal/catalog -update):\n%s", golden, buf.String())
	}
	triples, _, _ := Build(cfg, testStats, testDists)
	if got, want := testtool.RapperNTriples(t, "turtle", want), ntLines(triples); !reflect.DeepEqual(got, want) {
		t.Errorf("rapper reads\n%s\nBuild made\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestByteStable: the same input gives the same bytes, whatever order Go
// gives the languages of a text in.
func TestByteStable(t *testing.T) {
	cfg := loadTestConfig(t)
	var first bytes.Buffer
	if _, err := Write(&first, cfg, testStats, testDists); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		cfg.Title = Text{"en": cfg.Title["en"], "nl": cfg.Title["nl"], "fr": "Évaluations"}
		delete(cfg.Title, "fr")
		var again bytes.Buffer
		if _, err := Write(&again, cfg, testStats, testDists); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), again.Bytes()) {
			t.Fatalf("run %d wrote other bytes", i)
		}
	}
}

// TestNothingInvented: with an empty configuration the catalog is still
// written, with what the graph and the site say, and one warning for each
// property DCAT-AP-VL requires; no publisher, contact, license, title,
// access rights or date appears.
func TestNothingInvented(t *testing.T) {
	cfg := Config{SiteURL: "https://example.org/site"}
	triples, warnings, err := Build(cfg, testStats, testDists)
	if err != nil {
		t.Fatal(err)
	}
	wantWarnings := []string{
		"catalog.ttl: the dcat:Catalog has no dct:title (catalog.title)",
		"catalog.ttl: the dcat:Catalog has no dct:description (catalog.description)",
		"catalog.ttl: the dcat:Catalog and the dcat:Dataset have no dct:publisher, a foaf:Agent with a foaf:name (publisher.name, publisher.iri)",
		"catalog.ttl: the dcat:Catalog has no dct:license (catalog.license; DCAT-AP-VL prescribes https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0)",
		"catalog.ttl: the dcat:Dataset has no dct:title (dataset.title)",
		"catalog.ttl: the dcat:Dataset has no dct:description (dataset.description)",
		"catalog.ttl: the dcat:Dataset has no dcat:contactPoint, a vcard:Kind with a vcard:hasEmail (contact.email)",
		"catalog.ttl: the dcat:Dataset has no dct:accessRights (dataset.access_rights)",
		"catalog.ttl: no dct:license for the dcat:Distribution of graph.ttl, graph.nt, graph.jsonld (license)",
	}
	if !reflect.DeepEqual(warnings, wantWarnings) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(wantWarnings, "\n"))
	}
	for _, tr := range triples {
		switch tr.Pred.String() {
		case dctNS + "title":
			if !strings.Contains(tr.Subj.String(), "#distribution/") {
				t.Errorf("invented title: %s", tr.Serialize(rdf.NTriples))
			}
		case dctNS + "description", dctNS + "publisher", dctNS + "license", dcatNS + "contactPoint",
			dctNS + "accessRights", dctNS + "modified", dctNS + "issued", dcatNS + "theme", dcatNS + "keyword":
			t.Errorf("invented: %s", tr.Serialize(rdf.NTriples))
		}
	}
	// What is known without the configuration is there.
	got := strings.Join(ntLines(triples), "\n")
	for _, want := range []string{
		`<https://example.org/site/catalog.ttl#dataset> <http://rdfs.org/ns/void#triples> "757"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
		`<https://example.org/site/catalog.ttl#themis-links> <http://rdfs.org/ns/void#triples> "93"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
		`<https://example.org/site/catalog.ttl#distribution/graph.nt> <http://www.w3.org/ns/dcat#downloadURL> <https://example.org/site/graph.nt> .`,
		`<https://example.org/site/catalog.ttl#distribution/graph.jsonld> <http://www.w3.org/ns/dcat#byteSize> "0"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s", want)
		}
	}
}

// TestWarnings: each missing required value is named once, with the key
// that gives it; a partial publisher or contact is written as far as given.
func TestWarnings(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config, *[]Distribution)
		want   []string // the warnings, in order
		lacks  string   // an N-Triples fragment that must not be written
		has    string   // one that must
	}{
		{"complete", func(*Config, *[]Distribution) {}, nil, "", ""},
		{"no publisher", func(c *Config, _ *[]Distribution) { c.Publisher = Agent{} },
			[]string{"catalog.ttl: the dcat:Catalog and the dcat:Dataset have no dct:publisher, a foaf:Agent with a foaf:name (publisher.name, publisher.iri)"},
			"<http://purl.org/dc/terms/publisher>", ""},
		{"publisher IRI without a name", func(c *Config, _ *[]Distribution) { c.Publisher.Name = nil },
			[]string{"catalog.ttl: the publisher <https://data.vlaanderen.be/id/organisatie/OVO000000> has no foaf:name (publisher.name)"},
			"<http://xmlns.com/foaf/0.1/name>", "<https://data.vlaanderen.be/id/organisatie/OVO000000> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Agent>"},
		{"publisher name without an IRI", func(c *Config, _ *[]Distribution) { c.Publisher.IRI = "" },
			nil, "OVO000000", `<https://example.org/regeerakkoord/catalog.ttl#publisher> <http://xmlns.com/foaf/0.1/name> "Voorbeeldorganisatie"@nl`},
		{"no contact", func(c *Config, _ *[]Distribution) { c.Contact = Contact{} },
			[]string{"catalog.ttl: the dcat:Dataset has no dcat:contactPoint, a vcard:Kind with a vcard:hasEmail (contact.email)"},
			"contactPoint", ""},
		{"contact without e-mail", func(c *Config, _ *[]Distribution) { c.Contact.Email = "" },
			[]string{"catalog.ttl: the contact point has no vcard:hasEmail (contact.email)"},
			"hasEmail", `<https://example.org/regeerakkoord/catalog.ttl#contact> <http://www.w3.org/2006/vcard/ns#fn> "Open-datateam"`},
		{"no data license", func(c *Config, _ *[]Distribution) { c.License = "" },
			[]string{"catalog.ttl: no dct:license for the dcat:Distribution of graph.ttl, graph.nt, graph.jsonld (license)"},
			"modellicentie", ""},
		{"no catalog license", func(c *Config, _ *[]Distribution) { c.CatalogLicense = "" },
			[]string{"catalog.ttl: the dcat:Catalog has no dct:license (catalog.license; DCAT-AP-VL prescribes https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0)"},
			"creative-commons-zero", ""},
		{"restricted", func(c *Config, _ *[]Distribution) { c.AccessRights = "restricted" },
			[]string{"catalog.ttl: dct:accessRights is RESTRICTED: DCAT-AP-VL takes only PUBLIC datasets as open data"},
			"access-right/PUBLIC", "access-right/RESTRICTED"},
		{"no distributions", func(_ *Config, d *[]Distribution) { *d = nil },
			[]string{"catalog.ttl: the dcat:Dataset has no dcat:distribution"},
			"<http://www.w3.org/ns/dcat#distribution>", ""},
		{"untitled distributions", func(_ *Config, d *[]Distribution) { (*d)[0].Title = " "; (*d)[2].Title = "" },
			[]string{"catalog.ttl: no dct:title for the dcat:Distribution of graph.ttl, graph.jsonld"},
			`<https://example.org/regeerakkoord/catalog.ttl#distribution/graph.ttl> <http://purl.org/dc/terms/title>`, ""},
		{"unknown size and an unknown media type", func(_ *Config, d *[]Distribution) {
			(*d)[0].Bytes = -1
			(*d)[1].MediaType = "text/x-custom"
		}, nil, `graph.ttl> <http://www.w3.org/ns/dcat#byteSize>`, `<http://www.iana.org/assignments/media-types/text/x-custom>`},
		{"no modified date", func(c *Config, _ *[]Distribution) { c.Modified = "" }, nil, "modified", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := loadTestConfig(t)
			dists := append([]Distribution(nil), testDists...)
			tt.change(&cfg, &dists)
			triples, warnings, err := Build(cfg, testStats, dists)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(warnings, tt.want) {
				t.Errorf("warnings %q\nwant %q", warnings, tt.want)
			}
			nt := strings.Join(ntLines(triples), "\n")
			if tt.lacks != "" && strings.Contains(nt, tt.lacks) {
				t.Errorf("%q written:\n%s", tt.lacks, nt)
			}
			if !strings.Contains(nt, tt.has) {
				t.Errorf("%q not written:\n%s", tt.has, nt)
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config, *[]Distribution, *Stats)
		want   string
	}{
		{"no site URL", func(c *Config, _ *[]Distribution, _ *Stats) { c.SiteURL = "" }, "catalog: no site URL"},
		{"relative site URL", func(c *Config, _ *[]Distribution, _ *Stats) { c.SiteURL = "site/" }, `site_url: "site/" is not an absolute IRI`},
		{"site URL with a query", func(c *Config, _ *[]Distribution, _ *Stats) { c.SiteURL = "https://example.org/?x=1" }, "must not hold a user, query or fragment"},
		{"ftp site", func(c *Config, _ *[]Distribution, _ *Stats) { c.SiteURL = "ftp://example.org/" }, "not an absolute http or https URL"},
		{"bad license", func(c *Config, _ *[]Distribution, _ *Stats) { c.License = "CC0 1.0" }, `license: "CC0 1.0" is not an absolute IRI`},
		{"bad e-mail", func(c *Config, _ *[]Distribution, _ *Stats) { c.Contact.Email = "opendata" }, `contact.email: "opendata" is not an e-mail address`},
		{"bad theme", func(c *Config, _ *[]Distribution, _ *Stats) { c.Themes = []string{"POLITICS"} }, `dataset.themes: "POLITICS" is not a theme code`},
		{"bad access rights", func(c *Config, _ *[]Distribution, _ *Stats) { c.AccessRights = "open" }, `dataset.access_rights: "open" is not an access right`},
		{"bad date", func(c *Config, _ *[]Distribution, _ *Stats) { c.Modified = "2024-02-30" }, `dataset.modified: "2024-02-30" is not a date`},
		{"date-time without a zone", func(c *Config, _ *[]Distribution, _ *Stats) { c.Issued = "2024-02-03T10:00:00" }, `dataset.issued: "2024-02-03T10:00:00" is not a date`},
		{"bad language", func(c *Config, _ *[]Distribution, _ *Stats) { c.Title = Text{"nederlands!": "x"} }, `dataset.title: "nederlands!" is not a language tag`},
		{"file outside the site", func(_ *Config, d *[]Distribution, _ *Stats) { (*d)[0].File = "../graph.ttl" }, `distribution "../graph.ttl": want a path relative to the site`},
		{"absolute file", func(_ *Config, d *[]Distribution, _ *Stats) { (*d)[0].File = "/graph.ttl" }, `want a path relative to the site`},
		{"URL as file", func(_ *Config, d *[]Distribution, _ *Stats) { (*d)[0].File = "https://x.org/g.ttl" }, `want a path relative to the site`},
		{"no file", func(_ *Config, d *[]Distribution, _ *Stats) { (*d)[0].File = "" }, `no file name`},
		{"file twice", func(_ *Config, d *[]Distribution, _ *Stats) { (*d)[1].File = "graph.ttl" }, `distribution "graph.ttl" given twice`},
		{"bad media type", func(_ *Config, d *[]Distribution, _ *Stats) { (*d)[0].MediaType = "turtle" }, `"turtle" is not a media type`},
		{"negative counts", func(_ *Config, _ *[]Distribution, s *Stats) { s.Entities = -1 }, "negative statistics"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := loadTestConfig(t)
			dists := append([]Distribution(nil), testDists...)
			st := testStats
			tt.change(&cfg, &dists, &st)
			_, _, err := Build(cfg, st, dists)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
			var buf bytes.Buffer
			if _, err := Write(&buf, cfg, st, dists); err == nil || buf.Len() != 0 {
				t.Errorf("Write: error %v, %d bytes written", err, buf.Len())
			}
		})
	}
}

// TestIRIs: the IRIs are fragments of catalog.ttl under the site URL, with
// or without its final slash; file names are percent-encoded; there are no
// blank nodes.
func TestIRIs(t *testing.T) {
	for _, site := range []string{"https://example.org/a/b", "https://example.org/a/b/"} {
		cfg := Config{SiteURL: site}
		triples, _, err := Build(cfg, Stats{}, []Distribution{{File: "dumps/graaf met spatie.ttl", Title: "x", MediaType: "text/turtle"}})
		if err != nil {
			t.Fatal(err)
		}
		nt := strings.Join(ntLines(triples), "\n")
		for _, want := range []string{
			"<https://example.org/a/b/catalog.ttl#catalog> <http://www.w3.org/ns/dcat#dataset> <https://example.org/a/b/catalog.ttl#dataset> .",
			"<https://example.org/a/b/catalog.ttl#distribution/dumps/graaf%20met%20spatie.ttl> <http://www.w3.org/ns/dcat#accessURL> <https://example.org/a/b/dumps/graaf%20met%20spatie.ttl> .",
		} {
			if !strings.Contains(nt, want) {
				t.Errorf("%s: missing %s", site, want)
			}
		}
		if strings.Contains(nt, "_:") {
			t.Errorf("blank node written:\n%s", nt)
		}
		if got := CatalogIRI(site); got != "https://example.org/a/b/catalog.ttl#catalog" {
			t.Errorf("CatalogIRI %s", got)
		}
		if got := DatasetIRI(site); got != "https://example.org/a/b/catalog.ttl#dataset" {
			t.Errorf("DatasetIRI %s", got)
		}
		named := Config{SiteURL: site, Publisher: Agent{Name: Text{"nl": "X"}}}
		triples, _, _ = Build(named, Stats{}, nil)
		want := "<" + PublisherIRI(named) + "> <http://xmlns.com/foaf/0.1/name> \"X\"@nl ."
		if PublisherIRI(named) != "https://example.org/a/b/catalog.ttl#publisher" || !strings.Contains(strings.Join(ntLines(triples), "\n"), want) {
			t.Errorf("PublisherIRI %q, catalog:\n%s", PublisherIRI(named), strings.Join(ntLines(triples), "\n"))
		}
		if got := PublisherIRI(Config{SiteURL: site}); got != "" {
			t.Errorf("PublisherIRI without a publisher: %q", got)
		}
	}
}

// ntLines returns the N-Triples of triples, sorted and without repeats, in
// rapper's escaping of non-ASCII (\u00E9) so the two compare.
func ntLines(triples []rdf.Triple) []string {
	seen := map[string]bool{}
	var out []string
	for _, tr := range triples {
		l := asciiEscape(strings.TrimSpace(tr.Serialize(rdf.NTriples)))
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

func asciiEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case r <= 0xFFFF:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			fmt.Fprintf(&b, `\U%08X`, r)
		}
	}
	return b.String()
}
