package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/knakk/rdf"
	"go.yaml.in/yaml/v3"

	"github.com/pledgegraph/pledgegraph/graph/turtle"
)

// Config is what catalog.ttl says that the graph cannot: who publishes it,
// whom to contact, under which license, with which titles. Every field may
// be empty: Build then leaves the property out and warns when DCAT-AP-VL
// requires it. Nothing is filled in for the user.
//
// Texts (titles, descriptions, the publisher's name) map language tags to
// text; a plain string given in the file or by Set is Dutch ("nl"), the
// language of the reports and the site.
type Config struct {
	// SiteURL is where the site is served (publish --site-url): the IRIs of
	// the catalog, dataset and distributions and the download URLs go under
	// it.
	SiteURL string

	CatalogTitle       Text
	CatalogDescription Text
	// CatalogLicense is the license of the catalog itself (DCAT-AP-VL
	// prescribes the Flemish CC0 declaration,
	// https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0).
	CatalogLicense string

	Title       Text
	Description Text
	Keywords    []string
	// Themes are codes of the Belgian data-theme vocabulary (GOVE, ECON, …)
	// or IRIs.
	Themes []string
	// AccessRights is PUBLIC, RESTRICTED or NON_PUBLIC, or the IRI of one of
	// them in the EU access-right vocabulary.
	AccessRights string
	// Issued and Modified are dates (YYYY-MM-DD) or RFC 3339 date-times;
	// dct:modified is written only when given: the catalog has no clock.
	Issued, Modified string

	// License is the license of the data: dct:license of every distribution.
	License string

	Publisher Agent
	Contact   Contact
}

// Text is a text in one or more languages: language tag → text.
type Text map[string]string

// Agent is the publisher: a foaf:Agent with a name. IRI, when given (an
// identifier of the Flemish organisation register, for instance), names the
// agent; otherwise catalog.ttl mints one under the site URL.
type Agent struct {
	Name Text
	IRI  string
}

// Contact is the contact point of the dataset: a vcard:Kind with an e-mail
// address (required by DCAT-AP-VL), and optionally a name and a web page.
type Contact struct {
	Name  string
	Email string
	URL   string
}

// Key is one configuration key: its dotted name in the file (publisher.name)
// and what it sets.
type Key struct {
	Name string
	// List keys take several values (a YAML sequence; a repeated flag).
	List  bool
	Usage string
}

// Flag is the command-line flag of the key: its name with '.' and '_'
// replaced by '-' (publisher.name → publisher-name).
func (k Key) Flag() string { return strings.NewReplacer(".", "-", "_", "-").Replace(k.Name) }

// Keys are the configuration keys, in the order the README documents them.
var Keys = []Key{
	{Name: "site_url", Usage: "where the site is served: IRIs and download URLs go under it"},
	{Name: "catalog.title", Usage: "title of the catalog (dct:title)"},
	{Name: "catalog.description", Usage: "description of the catalog (dct:description)"},
	{Name: "catalog.license", Usage: "license IRI of the catalog itself (dct:license)"},
	{Name: "dataset.title", Usage: "title of the dataset (dct:title)"},
	{Name: "dataset.description", Usage: "description of the dataset (dct:description)"},
	{Name: "dataset.keywords", List: true, Usage: "keywords of the dataset (dcat:keyword)"},
	{Name: "dataset.themes", List: true, Usage: "themes: data-theme codes (GOVE, ECON, …) or IRIs (dcat:theme)"},
	{Name: "dataset.access_rights", Usage: "PUBLIC, RESTRICTED or NON_PUBLIC (dct:accessRights)"},
	{Name: "dataset.issued", Usage: "date of first publication, YYYY-MM-DD or RFC 3339 (dct:issued)"},
	{Name: "dataset.modified", Usage: "date of the last change, YYYY-MM-DD or RFC 3339 (dct:modified)"},
	{Name: "license", Usage: "license IRI of the data (dct:license of every distribution)"},
	{Name: "publisher.name", Usage: "name of the publisher (foaf:name)"},
	{Name: "publisher.iri", Usage: "IRI of the publisher, e.g. from the organisation register"},
	{Name: "contact.name", Usage: "name of the contact point (vcard:fn)"},
	{Name: "contact.email", Usage: "e-mail address of the contact point (vcard:hasEmail)"},
	{Name: "contact.url", Usage: "web page of the contact point (vcard:hasURL)"},
}

func keyByName(name string) (Key, bool) {
	for _, k := range Keys {
		if k.Name == name {
			return k, true
		}
	}
	return Key{}, false
}

// Set sets one key as a command-line flag does, replacing what the file
// said: a list key takes all values, any other key exactly one; a text is
// Dutch. An empty value clears the key. The value is checked as LoadConfig
// checks it.
func (c *Config) Set(key string, values ...string) error {
	k, ok := keyByName(key)
	if !ok {
		return fmt.Errorf("unknown configuration key %q", key)
	}
	if !k.List && len(values) != 1 {
		return fmt.Errorf("%s takes one value, got %d", key, len(values))
	}
	var clean []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			clean = append(clean, v)
		}
	}
	lang := ""
	if c.text(key) != nil {
		lang = defaultLang
	}
	for _, v := range clean {
		if err := checkValue(key, lang, v); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
	}
	if k.List {
		c.setList(key, clean)
		return nil
	}
	var v string
	if len(clean) == 1 {
		v = clean[0]
	}
	if t := c.text(key); t != nil {
		*t = nil
		if v != "" {
			*t = Text{defaultLang: v}
		}
		return nil
	}
	*c.scalar(key) = v
	return nil
}

// defaultLang is the language of a text given without one.
const defaultLang = "nl"

func (c *Config) text(key string) *Text {
	switch key {
	case "catalog.title":
		return &c.CatalogTitle
	case "catalog.description":
		return &c.CatalogDescription
	case "dataset.title":
		return &c.Title
	case "dataset.description":
		return &c.Description
	case "publisher.name":
		return &c.Publisher.Name
	}
	return nil
}

func (c *Config) scalar(key string) *string {
	switch key {
	case "site_url":
		return &c.SiteURL
	case "catalog.license":
		return &c.CatalogLicense
	case "dataset.access_rights":
		return &c.AccessRights
	case "dataset.issued":
		return &c.Issued
	case "dataset.modified":
		return &c.Modified
	case "license":
		return &c.License
	case "publisher.iri":
		return &c.Publisher.IRI
	case "contact.name":
		return &c.Contact.Name
	case "contact.email":
		return &c.Contact.Email
	case "contact.url":
		return &c.Contact.URL
	}
	panic("catalog: no field for key " + key) // Keys and this switch are kept in step by a test
}

func (c *Config) setList(key string, values []string) {
	switch key {
	case "dataset.keywords":
		c.Keywords = values
	case "dataset.themes":
		c.Themes = values
	default:
		panic("catalog: no list field for key " + key)
	}
}

// Validate checks every value as LoadConfig does, naming the key of the
// first bad one.
func (c Config) Validate() error {
	for _, k := range Keys {
		var values []string
		var langs []string
		switch {
		case k.List:
			values = c.list(k.Name)
		case c.text(k.Name) != nil:
			t := *c.text(k.Name)
			for _, lang := range t.langs() {
				langs = append(langs, lang)
				values = append(values, t[lang])
			}
		default:
			if v := *c.scalar(k.Name); v != "" {
				values = []string{v}
			}
		}
		for i, v := range values {
			lang := ""
			if langs != nil {
				lang = langs[i]
			}
			if langs != nil && strings.TrimSpace(v) == "" {
				return fmt.Errorf("%s: empty text for the language %q", k.Name, lang)
			}
			if err := checkValue(k.Name, lang, v); err != nil {
				return fmt.Errorf("%s: %w", k.Name, err)
			}
		}
	}
	return nil
}

func (c *Config) list(key string) []string {
	switch key {
	case "dataset.keywords":
		return c.Keywords
	case "dataset.themes":
		return c.Themes
	}
	return nil
}

// langs returns the language tags of a text, sorted, so the output does not
// follow Go's map order.
func (t Text) langs() []string {
	out := make([]string, 0, len(t))
	for lang := range t {
		out = append(out, lang)
	}
	sort.Strings(out)
	return out
}

// checkValue checks one value of a key (for a text, one language's text).
func checkValue(key, lang, v string) error {
	if !utf8.ValidString(v) {
		return errors.New("not UTF-8 text")
	}
	switch key {
	case "site_url":
		return checkSiteURL(v)
	case "catalog.license", "license", "publisher.iri":
		return checkIRI(v)
	case "contact.url":
		return checkWebURL(v)
	case "contact.email":
		_, err := mailtoIRI(v)
		return err
	case "dataset.access_rights":
		_, err := accessRightsIRI(v)
		return err
	case "dataset.themes":
		_, err := themeIRI(v)
		return err
	case "dataset.issued", "dataset.modified":
		_, err := dateLiteral(v)
		return err
	case "catalog.title", "catalog.description", "dataset.title", "dataset.description", "publisher.name":
		// knakk/rdf accepts fewer tags than Turtle (one '-' at most) and
		// panics on an empty one: both checks, the writer's first.
		if !turtle.ValidLangTag(lang) {
			return fmt.Errorf("%q is not a language tag this writer accepts (e.g. nl, en, fr)", lang)
		}
		if _, err := rdf.NewLangLiteral(v, lang); err != nil {
			return fmt.Errorf("%q is not a language tag this writer accepts (e.g. nl, en, fr)", lang)
		}
	}
	return nil
}

// checkIRI accepts an absolute IRI that the Turtle writer can write.
func checkIRI(v string) error {
	if err := turtle.ValidatePrefixes([]turtle.Prefix{{IRI: v}}); err != nil {
		return fmt.Errorf("%q is not an absolute IRI", v)
	}
	if _, err := rdf.NewIRI(v); err != nil {
		return fmt.Errorf("%q is not an IRI: %v", v, err)
	}
	return nil
}

// checkWebURL accepts an absolute http or https URL with a host.
func checkWebURL(v string) error {
	if err := checkIRI(v); err != nil {
		return err
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http or https URL", v)
	}
	return nil
}

func checkSiteURL(v string) error {
	if err := checkWebURL(v); err != nil {
		return err
	}
	u, _ := url.Parse(v)
	if u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(v, "#") {
		return fmt.Errorf("%q: the site URL must not hold a user, query or fragment", v)
	}
	return nil
}

// siteBase returns the site URL ending in '/', under which files are named.
func siteBase(v string) string {
	if strings.HasSuffix(v, "/") {
		return v
	}
	return v + "/"
}

var emailRE = regexp.MustCompile(`^[^@\s<>"{}|\\^` + "`" + `]+@[^@\s<>"{}|\\^` + "`" + `/]+$`)

// mailtoIRI turns "someone@example.org" (or "mailto:someone@example.org")
// into the mailto: IRI DCAT-AP-VL wants.
func mailtoIRI(v string) (string, error) {
	addr := v
	if len(addr) > 7 && strings.EqualFold(addr[:7], "mailto:") {
		addr = addr[7:]
	}
	if !emailRE.MatchString(addr) || strings.HasPrefix(addr, ".") || strings.HasSuffix(addr, ".") {
		return "", fmt.Errorf("%q is not an e-mail address", v)
	}
	iri := "mailto:" + addr
	if err := checkIRI(iri); err != nil {
		return "", fmt.Errorf("%q is not an e-mail address", v)
	}
	return iri, nil
}

// accessRightNS is the EU access-right vocabulary.
const accessRightNS = "http://publications.europa.eu/resource/authority/access-right/"

var accessRights = []string{"PUBLIC", "RESTRICTED", "NON_PUBLIC"}

func accessRightsIRI(v string) (string, error) {
	code := v
	if strings.HasPrefix(v, accessRightNS) {
		code = strings.TrimPrefix(v, accessRightNS)
	} else {
		code = strings.ToUpper(strings.NewReplacer("-", "_", " ", "_").Replace(code))
	}
	if !slices.Contains(accessRights, code) {
		return "", fmt.Errorf("%q is not an access right (want PUBLIC, RESTRICTED, NON_PUBLIC or the IRI of one of them under %s)", v, accessRightNS)
	}
	return accessRightNS + code, nil
}

// themeNS is the Belgian data-theme vocabulary, the EU data themes plus CULT,
// as DCAT-AP-VL advises it; its IRIs are http ones, as the Flemish portal
// writes them.
const themeNS = "http://vocab.belgif.be/auth/datatheme/"

var themeCodes = []string{"AGRI", "CULT", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN"}

// themeIRI turns a theme code (GOVE) into its IRI; an IRI is kept as given.
func themeIRI(v string) (string, error) {
	if strings.Contains(v, ":") {
		if err := checkIRI(v); err != nil {
			return "", err
		}
		return v, nil
	}
	code := strings.ToUpper(v)
	if !slices.Contains(themeCodes, code) {
		return "", fmt.Errorf("%q is not a theme code (want one of %s, or an IRI)", v, strings.Join(themeCodes, ", "))
	}
	return themeNS + code, nil
}

// dateLiteral reads YYYY-MM-DD as an xsd:date and an RFC 3339 date-time as
// an xsd:dateTime, both checked against the calendar and kept as written.
func dateLiteral(v string) (rdf.Literal, error) {
	if _, err := time.Parse("2006-01-02", v); err == nil {
		return rdf.NewTypedLiteral(v, xsdDate), nil
	}
	if _, err := time.Parse(time.RFC3339Nano, v); err == nil && strings.ContainsAny(v[10:], "Tt") {
		return rdf.NewTypedLiteral(v, xsdDateTime), nil
	}
	return rdf.Literal{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD or an RFC 3339 date-time with a time zone)", v)
}

// maxConfigSize bounds what LoadConfig reads: a configuration is a few
// lines, and anything larger is not one.
const maxConfigSize = 1 << 20

// LoadConfig reads a configuration file (YAML):
//
//	site_url: https://example.org/regeerakkoord/
//	catalog:
//	  title: Catalogus van de regeerakkoord-evaluaties
//	  description: …
//	  license: https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0
//	dataset:
//	  title: {nl: Evaluaties van het regeerakkoord 2019-2024, en: Evaluations of …}
//	  description: …
//	  keywords: [Vlaamse open data, regeerakkoord]
//	  themes: [GOVE]
//	  access_rights: PUBLIC
//	  modified: 2024-09-30
//	license: https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0
//	publisher: {name: …, iri: https://data.vlaanderen.be/id/organisatie/OVO…}
//	contact: {name: …, email: opendata@example.org, url: https://…}
//
// Every key is optional. An unknown key, a key given twice, a value of the
// wrong shape or a bad value is an error that names the file and line.
func LoadConfig(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, fmt.Errorf("catalog configuration: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return Config{}, fmt.Errorf("catalog configuration: %w", err)
	}
	if len(data) > maxConfigSize {
		return Config{}, fmt.Errorf("%s: larger than %d bytes: not a catalog configuration", path, maxConfigSize)
	}
	return parseConfig(path, data)
}

// parseConfig is LoadConfig on the bytes of the file called name.
func parseConfig(name string, data []byte) (cfg Config, err error) {
	if !utf8.Valid(data) {
		line := 1 + strings.Count(string(data[:invalidUTF8At(data)]), "\n")
		return Config{}, fmt.Errorf("%s:%d: not UTF-8 text", name, line)
	}
	var doc yaml.Node
	if err := yamlDecode(data, &doc); err != nil {
		return Config{}, yamlError(name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return Config{}, nil // empty, or only comments
	}
	p := &configParser{name: name}
	root := resolve(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return Config{}, nil
	}
	if err := p.section(root, "", topKeys, &cfg); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// yamlDecode decodes exactly one YAML document. The YAML library panics on
// some malformed input; that is turned into an error.
func yamlDecode(data []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(n); err != nil {
		if err == io.EOF {
			return nil
		}
		return err
	}
	var more yaml.Node
	switch err := dec.Decode(&more); {
	case err == io.EOF:
		return nil
	case err != nil:
		return err
	}
	return fmt.Errorf("yaml: line %d: a second YAML document: the configuration must be one", more.Line)
}

var yamlLineRE = regexp.MustCompile(`^yaml: line ([0-9]+): (.*)$`)

// yamlParserProblems are problems go.yaml.in/yaml/v3 reports with a line
// counted from 0 (its scanner counts from 1): these are corrected.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

func yamlError(name string, err error) error {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if yamlParserProblems[m[2]] {
			line++
		}
		return fmt.Errorf("%s:%d: invalid YAML: %s", name, line, m[2])
	}
	return fmt.Errorf("%s:1: invalid YAML: %s", name, strings.TrimPrefix(msg, "yaml: "))
}

// The shape of the file: sections and their keys.
var (
	topKeys       = []string{"site_url", "catalog", "dataset", "license", "publisher", "contact"}
	sectionKeys   = map[string][]string{}
	isSectionName = map[string]bool{"catalog": true, "dataset": true, "publisher": true, "contact": true}
)

func init() {
	for _, k := range Keys {
		if section, key, ok := strings.Cut(k.Name, "."); ok {
			sectionKeys[section] = append(sectionKeys[section], key)
		}
	}
}

type configParser struct {
	name string
}

func (p *configParser) errorf(n *yaml.Node, format string, args ...any) error {
	line := 1
	if n != nil && n.Line > 0 {
		line = n.Line
	}
	return fmt.Errorf("%s:%d: %s", p.name, line, fmt.Sprintf(format, args...))
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// section reads a mapping of the given keys; prefix is "" at the top level
// or the section name and a dot.
func (p *configParser) section(n *yaml.Node, prefix string, keys []string, cfg *Config) error {
	where := "the file"
	if prefix != "" {
		where = strings.TrimSuffix(prefix, ".")
	}
	if n.Kind != yaml.MappingNode {
		return p.errorf(n, "%s: want a mapping of keys (%s), got %s", where, strings.Join(keys, ", "), describe(n))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := resolve(n.Content[i]), resolve(n.Content[i+1])
		if kn == nil || vn == nil || kn.Kind != yaml.ScalarNode {
			return p.errorf(n.Content[i], "%s: a key must be a plain name", where)
		}
		key := kn.Value
		if key == "<<" {
			return p.errorf(kn, "merge keys (<<) are not supported in the catalog configuration")
		}
		if !slices.Contains(keys, key) {
			return p.errorf(kn, "unknown key %q in %s (want %s)", key, where, strings.Join(keys, ", "))
		}
		if first, dup := seen[key]; dup {
			return p.errorf(kn, "%s given twice (first at line %d)", prefix+key, first)
		}
		seen[key] = kn.Line
		if prefix == "" && isSectionName[key] {
			if vn.Kind == yaml.ScalarNode && vn.Tag == "!!null" {
				continue // "contact:" with nothing under it
			}
			if err := p.section(vn, key+".", sectionKeys[key], cfg); err != nil {
				return err
			}
			continue
		}
		if err := p.value(vn, prefix+key, cfg); err != nil {
			return err
		}
	}
	return nil
}

// value reads the value of one key into cfg.
func (p *configParser) value(n *yaml.Node, key string, cfg *Config) error {
	k, _ := keyByName(key)
	if isNull(n) {
		return nil
	}
	switch {
	case k.List:
		var items []*yaml.Node
		switch n.Kind {
		case yaml.ScalarNode:
			items = []*yaml.Node{n}
		case yaml.SequenceNode:
			items = n.Content
		default:
			return p.errorf(n, "%s: want a list of values, got %s", key, describe(n))
		}
		var values []string
		for _, item := range items {
			item = resolve(item)
			if item == nil || item.Kind != yaml.ScalarNode {
				return p.errorf(n, "%s: want a list of plain values, got %s in it", key, describe(item))
			}
			if isNull(item) {
				continue
			}
			v := strings.TrimSpace(item.Value)
			if err := checkValue(key, "", v); err != nil {
				return p.errorf(item, "%s: %v", key, err)
			}
			if v != "" {
				values = append(values, v)
			}
		}
		cfg.setList(key, values)
		return nil
	case cfg.text(key) != nil:
		t := Text{}
		switch n.Kind {
		case yaml.ScalarNode:
			v := strings.TrimSpace(n.Value)
			if err := checkValue(key, defaultLang, v); err != nil {
				return p.errorf(n, "%s: %v", key, err)
			}
			if v != "" {
				t[defaultLang] = v
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				ln, vn := resolve(n.Content[i]), resolve(n.Content[i+1])
				if ln == nil || vn == nil || ln.Kind != yaml.ScalarNode || vn.Kind != yaml.ScalarNode {
					return p.errorf(n.Content[i], "%s: want language: text pairs (nl: …, en: …)", key)
				}
				lang := strings.TrimSpace(ln.Value)
				if _, dup := t[lang]; dup {
					return p.errorf(ln, "%s: language %q given twice", key, lang)
				}
				v := strings.TrimSpace(vn.Value)
				if isNull(vn) {
					v = ""
				}
				if err := checkValue(key, lang, v); err != nil {
					return p.errorf(ln, "%s: %v", key, err)
				}
				if v != "" {
					t[lang] = v
				}
			}
		default:
			return p.errorf(n, "%s: want a text or language: text pairs, got %s", key, describe(n))
		}
		if len(t) > 0 {
			*cfg.text(key) = t
		}
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		return p.errorf(n, "%s: want one value, got %s", key, describe(n))
	}
	v := strings.TrimSpace(n.Value)
	if err := checkValue(key, "", v); err != nil {
		return p.errorf(n, "%s: %v", key, err)
	}
	*cfg.scalar(key) = v
	return nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func describe(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a YAML document"
}
