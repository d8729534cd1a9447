package catalog

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestLoadConfig(t *testing.T) {
	got := loadTestConfig(t)
	want := Config{
		SiteURL:            "https://example.org/regeerakkoord/",
		CatalogTitle:       Text{"nl": "Catalogus van de evaluaties van het Vlaamse regeerakkoord"},
		CatalogDescription: Text{"nl": "De evaluaties van het regeerakkoord 2019-2024 van de Vlaamse Regering als gelinkte data."},
		CatalogLicense:     "https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0",
		Title: Text{
			"nl": "Evaluaties van het Vlaamse regeerakkoord 2019-2024",
			"en": "Evaluations of the Flemish coalition agreement 2019-2024",
		},
		Description:  Text{"nl": "Hoe ver de Vlaamse Regering de beloften van haar regeerakkoord nakwam, per sectie, met de beslissingen die de evaluaties aanhalen (Themis)."},
		Keywords:     []string{"Vlaamse open data", "regeerakkoord", `beleid "2019-2024"`},
		Themes:       []string{"GOVE", "http://publications.europa.eu/resource/authority/data-theme/GOVE"},
		AccessRights: "PUBLIC",
		Issued:       "2024-09-30",
		Modified:     "2024-10-01T12:00:00+02:00",
		License:      "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0",
		Publisher:    Agent{Name: Text{"nl": "Voorbeeldorganisatie"}, IRI: "https://data.vlaanderen.be/id/organisatie/OVO000000"},
		Contact:      Contact{Name: "Open-datateam", Email: "opendata@example.org", URL: "https://example.org/contact"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}

// TestLoadConfigShapes: what else the file may look like.
func TestLoadConfigShapes(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       Config
	}{
		{"empty", "", Config{}},
		{"only comments", "# nothing yet\n", Config{}},
		{"null document", "~\n", Config{}},
		{"empty sections and values", "catalog:\ndataset:\n  title:\n  keywords: []\nlicense:\n", Config{}},
		{"one keyword as a string", "dataset:\n  keywords: regeerakkoord\n", Config{Keywords: []string{"regeerakkoord"}}},
		{"theme codes in any case", "dataset:\n  themes: [gove, Econ]\n", Config{Themes: []string{"gove", "Econ"}}},
		{"texts in several languages", "publisher:\n  name: {nl: Vlaamse overheid, en: Flemish government, fr: ~}\n",
			Config{Publisher: Agent{Name: Text{"nl": "Vlaamse overheid", "en": "Flemish government"}}}},
		{"block text trimmed", "catalog:\n  description: |\n    Regel een.\n    Regel twee.\n",
			Config{CatalogDescription: Text{"nl": "Regel een.\nRegel twee."}}},
		{"anchors and aliases", "license: &l https://example.org/licentie\ncatalog:\n  license: *l\n",
			Config{License: "https://example.org/licentie", CatalogLicense: "https://example.org/licentie"}},
		{"mailto kept as given", "contact: {email: 'mailto:a@example.org'}\n", Config{Contact: Contact{Email: "mailto:a@example.org"}}},
		{"access rights as IRI", "dataset: {access_rights: 'http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC'}\n",
			Config{AccessRights: "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC"}},
		{"unquoted number as a title", "dataset: {title: 2024}\n", Config{Title: Text{"nl": "2024"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseConfig("c.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("Validate refuses what LoadConfig accepted: %v", err)
			}
		})
	}
}

// TestLoadConfigErrors: every error names the file and the line.
func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown top-level key", "site_url: https://x.org/\nlicence: https://x.org/l\n",
			`c.yaml:2: unknown key "licence" in the file (want site_url, catalog, dataset, license, publisher, contact)`},
		{"unknown key in a section", "dataset:\n  title: T\n  thema: GOVE\n",
			`c.yaml:3: unknown key "thema" in dataset (want title, description, keywords, themes, access_rights, issued, modified)`},
		{"key twice", "license: https://x.org/a\nlicense: https://x.org/b\n", `c.yaml:2: license given twice (first at line 1)`},
		{"key twice in a section", "contact:\n  email: a@x.org\n  email: b@x.org\n", `c.yaml:3: contact.email given twice (first at line 2)`},
		{"not a mapping", "- a\n- b\n", `c.yaml:1: the file: want a mapping of keys`},
		{"section not a mapping", "publisher: Vlaamse overheid\n", `c.yaml:1: publisher: want a mapping of keys (name, iri), got "Vlaamse overheid"`},
		{"list for a scalar", "license: [a, b]\n", `c.yaml:1: license: want one value, got a list`},
		{"mapping in a list", "dataset:\n  keywords:\n    - a\n    - {b: c}\n", `c.yaml:3: dataset.keywords: want a list of plain values, got a mapping in it`},
		{"bad license", "\n\nlicense: CC-BY\n", `c.yaml:3: license: "CC-BY" is not an absolute IRI`},
		{"bad e-mail", "contact:\n  name: x\n  email: opendata at example.org\n", `c.yaml:3: contact.email: "opendata at example.org" is not an e-mail address`},
		{"bad theme", "dataset:\n  themes:\n    - GOVE\n    - POLI\n", `c.yaml:4: dataset.themes: "POLI" is not a theme code`},
		{"bad access rights", "dataset: {access_rights: open}\n", `c.yaml:1: dataset.access_rights: "open" is not an access right`},
		{"bad date", "dataset:\n  modified: 2024-13-01\n", `c.yaml:2: dataset.modified: "2024-13-01" is not a date`},
		{"bad site URL", "site_url: example.org\n", `c.yaml:1: site_url: "example.org" is not an absolute IRI`},
		{"bad language", "dataset:\n  title:\n    nl: T\n    'n l': U\n", `c.yaml:4: dataset.title: "n l" is not a language tag`},
		{"language twice", "dataset:\n  title:\n    nl: T\n    nl: U\n", `c.yaml:4: dataset.title: language "nl" given twice`},
		{"text as a list", "catalog:\n  title: [a]\n", `c.yaml:2: catalog.title: want a text or language: text pairs, got a list`},
		{"syntax error", "catalog:\n  title: 'open\n", `c.yaml:2: invalid YAML: found unexpected end of stream`},
		{"bad indentation", "catalog:\n  title: a\n description: b\n", `c.yaml:3: invalid YAML: did not find expected key`},
		{"tab indentation", "catalog:\n\ttitle: a\n", `c.yaml:2: invalid YAML: found character that cannot start any token`},
		{"two documents", "license: https://x.org/a\n---\nlicense: https://x.org/b\n", `c.yaml:2: invalid YAML: a second YAML document`},
		{"not UTF-8", "catalog:\n  title: caf\xe9\n", `c.yaml:2: not UTF-8 text`},
		{"merge key", "base: &b {name: x}\n", `c.yaml:1: unknown key "base"`},
		{"merge key in a section", "publisher:\n  <<: {name: x}\n", `c.yaml:2: merge keys (<<) are not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseConfig("c.yaml", []byte(tt.yaml))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v\nwant  %s…", err, tt.want)
			}
		})
	}
}

func TestLoadConfigFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadConfig(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", maxConfigSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(big); err == nil || !strings.Contains(err.Error(), "not a catalog configuration") {
		t.Errorf("huge file: %v", err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("contact:\n  email: nope\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(bad); err == nil || !strings.HasPrefix(err.Error(), bad+":2: contact.email") {
		t.Errorf("bad value: %v", err)
	}
}

// TestSet: flags replace what the file says, checked the same way.
func TestSet(t *testing.T) {
	cfg := loadTestConfig(t)
	steps := []struct {
		key    string
		values []string
		err    string
	}{
		{"publisher.name", []string{"Departement Kanselarij"}, ""},
		{"dataset.themes", []string{"ECON", "gove"}, ""},
		{"dataset.keywords", nil, ""},
		{"contact.url", []string{""}, ""},
		{"site_url", []string{"https://other.example/x"}, ""},
		{"license", []string{"a", "b"}, "license takes one value, got 2"},
		{"license", []string{"not an IRI"}, `license: "not an IRI" is not an absolute IRI`},
		{"dataset.themes", []string{"GOVE", "NOPE"}, `dataset.themes: "NOPE" is not a theme code`},
		{"catalog.name", []string{"x"}, `unknown configuration key "catalog.name"`},
	}
	for _, s := range steps {
		err := cfg.Set(s.key, s.values...)
		if (err == nil) != (s.err == "") || err != nil && !strings.HasPrefix(err.Error(), s.err) {
			t.Errorf("Set(%s, %q): error %v, want %q", s.key, s.values, err, s.err)
		}
	}
	if cfg.Publisher.Name["nl"] != "Departement Kanselarij" || len(cfg.Publisher.Name) != 1 {
		t.Errorf("publisher name %v", cfg.Publisher.Name)
	}
	if !reflect.DeepEqual(cfg.Themes, []string{"ECON", "gove"}) || cfg.Keywords != nil || cfg.Contact.URL != "" || cfg.SiteURL != "https://other.example/x" {
		t.Errorf("after Set: %#v", cfg)
	}
	if cfg.License != "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0" {
		t.Errorf("a refused value changed the license: %q", cfg.License)
	}
	if err := cfg.Validate(); err != nil {
		t.Error(err)
	}
}

// TestKeys: every key can be set and read back from a file, its flag is
// its name with dashes, and the README documents it.
func TestKeys(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	flagRE := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	for _, k := range Keys {
		var cfg Config
		value := map[string]string{
			"site_url": "https://example.org/", "catalog.license": "https://example.org/l", "license": "https://example.org/l",
			"publisher.iri": "https://example.org/p", "contact.url": "https://example.org/c", "contact.email": "a@example.org",
			"dataset.themes": "GOVE", "dataset.access_rights": "PUBLIC", "dataset.issued": "2024-01-02", "dataset.modified": "2024-01-02",
		}[k.Name]
		if value == "" {
			value = "tekst"
		}
		if err := cfg.Set(k.Name, value); err != nil {
			t.Errorf("Set(%s): %v", k.Name, err)
		}
		if reflect.DeepEqual(cfg, Config{}) {
			t.Errorf("Set(%s) changed nothing", k.Name)
		}
		section, key, nested := strings.Cut(k.Name, ".")
		doc := k.Name + ": '" + value + "'\n"
		if nested {
			doc = section + ":\n  " + key + ": '" + value + "'\n"
		}
		fromFile, err := parseConfig("k.yaml", []byte(doc))
		if err != nil || !reflect.DeepEqual(fromFile, cfg) {
			t.Errorf("%s from a file: %#v, %v\nby Set: %#v", k.Name, fromFile, err, cfg)
		}
		if !flagRE.MatchString(k.Flag()) {
			t.Errorf("flag %q of %s", k.Flag(), k.Name)
		}
		if !strings.Contains(string(readme), "`"+k.Name+"`") {
			t.Errorf("README does not document the key `%s`", k.Name)
		}
	}
}
