package shapes

import (
	"bytes"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/report"
	"github.com/pledgegraph/pledgegraph/internal/catalog"
	"github.com/pledgegraph/pledgegraph/internal/corpus"
	"github.com/pledgegraph/pledgegraph/internal/testtool"
)

// completeConfig gives every value DCAT-AP-VL requires.
func completeConfig() catalog.Config {
	return catalog.Config{
		SiteURL:            "https://example.org/regeerakkoord/",
		CatalogTitle:       catalog.Text{"nl": "Catalogus van de regeerakkoord-evaluaties"},
		CatalogDescription: catalog.Text{"nl": "Evaluaties van het Vlaamse regeerakkoord als gelinkte data."},
		CatalogLicense:     "https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0",
		Title:              catalog.Text{"nl": "Evaluaties van het regeerakkoord 2019-2024", "en": "Evaluations of the coalition agreement 2019-2024"},
		Description:        catalog.Text{"nl": "Hoe ver de Vlaamse Regering haar beloften nakwam."},
		Keywords:           []string{"Vlaamse open data"},
		Themes:             []string{"GOVE"},
		AccessRights:       "PUBLIC",
		Modified:           "2024-09-30",
		License:            "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0",
		Publisher:          catalog.Agent{Name: catalog.Text{"nl": "Voorbeeldorganisatie"}},
		Contact:            catalog.Contact{Name: "Open-datateam", Email: "opendata@example.org"},
	}
}

var catalogDists = []catalog.Distribution{
	{File: "graph.ttl", Title: "De graaf in Turtle", MediaType: "text/turtle", Bytes: 61234},
	{File: "graph.nt", Title: "De graaf in N-Triples", MediaType: "application/n-triples", Bytes: 140001},
	{File: "graph.jsonld", Title: "De graaf in JSON-LD", MediaType: "application/ld+json", Bytes: 98765},
}

const site = "<https://example.org/regeerakkoord/catalog.ttl"

// TestCatalogs: a catalog built from a complete configuration conforms to
// the catalog shapes (and to all shapes); one built without a required
// value fails with the node and property the warning of catalog.Build
// names, and a catalog conforms exactly when Build has no warning.
func TestCatalogs(t *testing.T) {
	const (
		dctPublisher    = "<http://purl.org/dc/terms/publisher>"
		dctLicense      = "<http://purl.org/dc/terms/license>"
		dctDescription  = "<http://purl.org/dc/terms/description>"
		dctAccessRights = "<http://purl.org/dc/terms/accessRights>"
		contactPoint    = "<http://www.w3.org/ns/dcat#contactPoint>"
		distribution    = "<http://www.w3.org/ns/dcat#distribution>"
		hasEmail        = "<http://www.w3.org/2006/vcard/ns#hasEmail>"
		foafName        = "<http://xmlns.com/foaf/0.1/name>"
	)
	cat, ds, contact := site+"#catalog>", site+"#dataset>", site+"#contact>"
	dist := func(f string) string { return site + "#distribution/" + f + ">" }
	tests := []struct {
		name   string
		change func(*catalog.Config, *[]catalog.Distribution)
		want   []string
	}{
		{"complete", func(*catalog.Config, *[]catalog.Distribution) {}, nil},
		{"complete, publisher from the organisation register", func(c *catalog.Config, _ *[]catalog.Distribution) {
			c.Publisher.IRI = "https://data.vlaanderen.be/id/organisatie/OVO000000"
		}, nil},
		{"catalog without publisher", func(c *catalog.Config, _ *[]catalog.Distribution) { c.Publisher = catalog.Agent{} },
			want(result{cat, dctPublisher, "MinCountConstraintComponent", ""}, result{ds, dctPublisher, "MinCountConstraintComponent", ""})},
		{"publisher without a name", func(c *catalog.Config, _ *[]catalog.Distribution) {
			c.Publisher = catalog.Agent{IRI: "https://data.vlaanderen.be/id/organisatie/OVO000000"}
		}, want(result{"<https://data.vlaanderen.be/id/organisatie/OVO000000>", foafName, "MinCountConstraintComponent", ""})},
		{"no catalog license", func(c *catalog.Config, _ *[]catalog.Distribution) { c.CatalogLicense = "" },
			want(result{cat, dctLicense, "MinCountConstraintComponent", ""})},
		{"no catalog description", func(c *catalog.Config, _ *[]catalog.Distribution) { c.CatalogDescription = nil },
			want(result{cat, dctDescription, "MinCountConstraintComponent", ""})},
		{"no contact point", func(c *catalog.Config, _ *[]catalog.Distribution) { c.Contact = catalog.Contact{} },
			want(result{ds, contactPoint, "MinCountConstraintComponent", ""})},
		{"contact point without e-mail", func(c *catalog.Config, _ *[]catalog.Distribution) { c.Contact.Email = "" },
			want(result{contact, hasEmail, "MinCountConstraintComponent", ""})},
		{"no access rights", func(c *catalog.Config, _ *[]catalog.Distribution) { c.AccessRights = "" },
			want(result{ds, dctAccessRights, "MinCountConstraintComponent", ""}, result{ds, dctAccessRights, "HasValueConstraintComponent", "Warning"})},
		{"restricted access", func(c *catalog.Config, _ *[]catalog.Distribution) { c.AccessRights = "RESTRICTED" },
			want(result{ds, dctAccessRights, "HasValueConstraintComponent", "Warning"})},
		{"no data license", func(c *catalog.Config, _ *[]catalog.Distribution) { c.License = "" },
			want(result{dist("graph.ttl"), dctLicense, "MinCountConstraintComponent", ""},
				result{dist("graph.nt"), dctLicense, "MinCountConstraintComponent", ""},
				result{dist("graph.jsonld"), dctLicense, "MinCountConstraintComponent", ""})},
		{"untitled distribution", func(_ *catalog.Config, d *[]catalog.Distribution) { (*d)[1].Title = "" },
			want(result{dist("graph.nt"), "<http://purl.org/dc/terms/title>", "MinCountConstraintComponent", ""})},
		{"no distribution", func(_ *catalog.Config, d *[]catalog.Distribution) { *d = nil },
			want(result{ds, distribution, "MinCountConstraintComponent", ""})},
	}
	var data [][]byte
	var warnings [][]string
	for _, tt := range tests {
		cfg := completeConfig()
		dists := append([]catalog.Distribution(nil), catalogDists...)
		tt.change(&cfg, &dists)
		var buf bytes.Buffer
		w, err := catalog.Write(&buf, cfg, catalog.Stats{Triples: 655, Entities: 95, Classes: 8, Properties: 24, ThemisLinks: 79}, dists)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		data = append(data, buf.Bytes())
		warnings = append(warnings, w)
	}
	reps := testtool.SHACLValidateAll(t, Catalog(), data...)
	all := testtool.SHACLValidateAll(t, All(), data[0])
	if !all[0].Conforms {
		t.Errorf("a complete catalog against all shapes: %s", all[0])
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := results(reps[i]); !equal(got, tt.want) {
				t.Errorf("results:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			if reps[i].Conforms != (len(warnings[i]) == 0) {
				t.Errorf("conforms %v, but catalog.Build warned %q", reps[i].Conforms, warnings[i])
			}
		})
	}
}

// TestSyntheticGraphConforms: the graph of 100 generated reports, in both
// seed styles, built under another base, has no violation. Warnings are
// allowed (and logged): they name what the reports lack.
func TestSyntheticGraphConforms(t *testing.T) {
	b, err := graph.NewBuilder("https://data.example.org/id/")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var nt strings.Builder
	emit := func(ts []rdf.Triple) {
		for _, tr := range ts {
			l := tr.Serialize(rdf.NTriples)
			if !seen[l] {
				seen[l] = true
				nt.WriteString(l)
			}
		}
	}
	for i := 0; i < 100; i++ {
		var src bytes.Buffer
		if err := corpus.Write(&src, i, 7); err != nil {
			t.Fatal(err)
		}
		ev, _, err := report.Parse(corpus.Name(i, 7), src.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		r, _, err := b.Build(ev)
		if err != nil {
			t.Fatal(err)
		}
		emit(r.Own)
		emit(r.Shared)
	}
	rep := testtool.SHACLValidate(t, []byte(nt.String()), Graph())
	if v := rep.Violations(); len(v) > 0 {
		t.Errorf("%d violations in %d triples: %s", len(v), len(seen), rep)
	}
	t.Logf("%d results (warnings) in %d triples", len(rep.Results), len(seen))
}
