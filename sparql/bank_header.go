package sparql

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The "#+" header of a query file, in grlc's decorator format: every line
// that starts with "#+" (outside string literals) is a header line; without
// its "#+", the header lines joined are one YAML document.

// bankHeaderLine is one header line: its line in the file and its text
// after "#+".
type bankHeaderLine struct {
	line int
	text string
}

// bankHeader is what the header says about the parameters, to be applied
// once the query's parameters are known.
type bankHeader struct {
	defaults  []bankNamed
	enumerate []bankNamed
}

// bankNamed is one entry of defaults or enumerate.
type bankNamed struct {
	name   string
	line   int
	value  string   // defaults
	values []string // enumerate
	lines  []int    // enumerate: the line of each value
	none   bool     // enumerate: a bare name or no values (grlc asks the endpoint)
}

// bankKnownKeys are grlc decorators this package keeps in Query.Extra
// without a warning: they concern grlc's own HTTP API.
var bankKnownKeys = map[string]bool{"endpoint_in_url": true, "endpoint-method": true, "transform": true}

var (
	bankYAMLLineRE   = regexp.MustCompile(`^yaml: line ([0-9]+): (.*)$`)
	bankYAMLAnchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// bankYAMLParserProblems are the problems go.yaml.in/yaml/v3 (parserc.go)
// reports with a line counted from 0 (its scanner counts from 1).
var bankYAMLParserProblems = map[string]bool{
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

// bankYAMLPrintable is YAML 1.2's c-printable (plus what a header line
// cannot contain anyway, line breaks).
func bankYAMLPrintable(r rune) bool {
	return r == '\t' || r >= 0x20 && r <= 0x7E || r == 0x85 || r >= 0xA0 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// bankHeaderDecoder turns YAML positions into file positions.
type bankHeaderDecoder struct {
	q     *Query
	lines []bankHeaderLine
}

func (d *bankHeaderDecoder) fileLine(yamlLine int) int {
	switch {
	case len(d.lines) == 0:
		return 1
	case yamlLine < 1:
		return d.lines[0].line
	case yamlLine > len(d.lines):
		return d.lines[len(d.lines)-1].line
	}
	return d.lines[yamlLine-1].line
}

func (d *bankHeaderDecoder) errorf(n *yaml.Node, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return fmt.Errorf("%s:%d: %s", d.q.File, d.fileLine(line), fmt.Sprintf(format, args...))
}

func (d *bankHeaderDecoder) warnf(n *yaml.Node, format string, args ...any) {
	d.q.Warnings = append(d.q.Warnings, fmt.Sprintf("%s:%d: %s", d.q.File, d.fileLine(n.Line), fmt.Sprintf(format, args...)))
}

// bankParseHeader fills q's metadata from the header lines and returns what
// concerns parameters.
func bankParseHeader(q *Query, lines []bankHeaderLine) (h bankHeader, err error) {
	d := &bankHeaderDecoder{q: q, lines: lines}
	if len(lines) == 0 {
		return h, nil
	}
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.text
	}
	for _, l := range lines {
		for _, r := range l.text {
			if !bankYAMLPrintable(r) {
				return h, fmt.Errorf("%s:%d: invalid YAML in the #+ header: the control character %U", q.File, l.line, r)
			}
		}
	}
	var doc yaml.Node
	if err := bankYAMLUnmarshal(strings.Join(texts, "\n"), &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 1
		if m := bankYAMLLineRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
			// The YAML library reports the line of a parser (not scanner)
			// error counting from 0.
			if bankYAMLParserProblems[msg] {
				line++
			}
		} else if m := bankYAMLAnchorRE.FindStringSubmatch(msg); m != nil {
			for i, l := range lines { // reported without a line
				if strings.Contains(l.text, "*"+m[1]) {
					line = i + 1
					break
				}
			}
		}
		return h, fmt.Errorf("%s:%d: invalid YAML in the #+ header: %s", q.File, d.fileLine(line), msg)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return h, nil // only comments
	}
	root := bankDeref(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return h, nil
	}
	if root.Kind != yaml.MappingNode {
		return h, d.errorf(root, "the #+ header is not a YAML mapping of decorators (summary: …, tags: …)")
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		kn, vn := bankDeref(root.Content[i]), bankDeref(root.Content[i+1])
		key, ok := bankScalar(kn)
		if !ok {
			return h, d.errorf(kn, "a decorator name must be a plain word")
		}
		if first, dup := seen[key]; dup {
			return h, d.errorf(kn, "decorator %q given twice (first on line %d)", key, d.fileLine(first))
		}
		seen[key] = kn.Line
		switch key {
		case "summary":
			q.Summary, err = d.text(key, vn)
		case "description":
			q.Description, err = d.text(key, vn)
		case "endpoint":
			if q.Endpoint, err = d.text(key, vn); err == nil && q.Endpoint != "" {
				if _, e := checkEndpoint(q.Endpoint); e != nil {
					err = d.errorf(vn, "%v", e)
				}
			}
		case "method":
			var m string
			if m, err = d.text(key, vn); err == nil {
				switch q.Method = strings.ToUpper(m); q.Method {
				case "", "GET", "POST":
				default:
					err = d.errorf(vn, "method: want GET or POST, got %s", quote(m))
				}
			}
		case "pagination":
			q.Pagination, err = d.pagination(vn)
		case "tags":
			q.Tags, err = d.tags(vn)
		case "defaults":
			h.defaults, err = d.named(key, vn, false)
		case "enumerate":
			h.enumerate, err = d.named(key, vn, true)
		default:
			if !bankKnownKeys[key] {
				d.warnf(kn, "unknown decorator %q (kept in Extra)", key)
			}
			var v any
			if e := bankYAMLDecode(vn, &v); e != nil {
				d.warnf(kn, "decorator %q: %v", key, e)
			}
			if q.Extra == nil {
				q.Extra = map[string]any{}
			}
			q.Extra[key] = v
		}
		if err != nil {
			return h, err
		}
	}
	return h, nil
}

// bankYAMLUnmarshal and bankYAMLDecode turn a panic of the YAML library into
// an error: no input may crash a program that loads a query bank.
// A second YAML document (after "---") is an error, not silently dropped.
func bankYAMLUnmarshal(text string, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	dec := yaml.NewDecoder(strings.NewReader(text))
	if err := dec.Decode(n); err != nil {
		if err == io.EOF {
			return nil // no document: only comments
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
	return fmt.Errorf("yaml: line %d: a second YAML document: the header must be one", more.Line)
}

func bankYAMLDecode(n *yaml.Node, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return n.Decode(v)
}

// bankDeref follows aliases (*name) to the node they stand for.
func bankDeref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// bankScalar returns the text of a scalar node; false for anything else
// (a null counts as a scalar with the text "").
func bankScalar(n *yaml.Node) (string, bool) {
	n = bankDeref(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	return n.Value, true
}

func (d *bankHeaderDecoder) text(key string, n *yaml.Node) (string, error) {
	s, ok := bankScalar(n)
	if !ok {
		return "", d.errorf(n, "%s: want text, got a %s", key, bankNodeKind(n))
	}
	return s, nil
}

func (d *bankHeaderDecoder) pagination(n *yaml.Node) (int, error) {
	s, ok := bankScalar(n)
	if ok && n.Tag != "!!bool" && n.Tag != "!!float" {
		if v, err := strconv.Atoi(s); err == nil && v > 0 {
			return v, nil
		}
	}
	if !ok {
		s = "a " + bankNodeKind(n)
	} else {
		s = quote(s)
	}
	return 0, d.errorf(n, "pagination: want the page size, a positive integer, got %s", s)
}

func (d *bankHeaderDecoder) tags(n *yaml.Node) ([]string, error) {
	if s, ok := bankScalar(n); ok {
		if s == "" {
			return nil, nil
		}
		return []string{s}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, d.errorf(n, "tags: want a list of tags, got a %s", bankNodeKind(n))
	}
	var tags []string
	for _, c := range n.Content {
		s, ok := bankScalar(c)
		if !ok {
			return nil, d.errorf(c, "tags: want a tag (text), got a %s", bankNodeKind(c))
		}
		tags = append(tags, s)
	}
	return tags, nil
}

// named reads defaults or enumerate: grlc's list of one-key maps
// (- name: value), or one map (name: value). For enumerate, a list item may
// also be a bare name, and a value is a list of allowed values.
func (d *bankHeaderDecoder) named(key string, n *yaml.Node, enum bool) ([]bankNamed, error) {
	var out []bankNamed
	seen := map[string]int{}
	add := func(kn, vn *yaml.Node) error {
		name, ok := bankScalar(kn)
		if !ok || name == "" {
			return d.errorf(kn, "%s: want a parameter name, got a %s", key, bankNodeKind(kn))
		}
		if first, dup := seen[name]; dup {
			return d.errorf(kn, "%s: parameter %q given twice (first on line %d)", key, name, d.fileLine(first))
		}
		seen[name] = kn.Line
		e := bankNamed{name: name, line: d.fileLine(kn.Line)}
		switch {
		case !enum:
			s, ok := bankScalar(vn)
			if !ok {
				return d.errorf(vn, "defaults: %s: want one value, got a %s", name, bankNodeKind(vn))
			}
			if vn.Tag == "!!null" {
				d.warnf(kn, "defaults: %s has no value (ignored)", name)
				return nil
			}
			e.value = s
		case vn == nil:
			e.none = true
		default:
			if s, ok := bankScalar(vn); ok {
				if vn.Tag == "!!null" {
					e.none = true
				} else {
					e.values, e.lines = []string{s}, []int{d.fileLine(vn.Line)}
				}
				break
			}
			if vn.Kind != yaml.SequenceNode {
				return d.errorf(vn, "enumerate: %s: want a list of values, got a %s", name, bankNodeKind(vn))
			}
			for _, c := range vn.Content {
				s, ok := bankScalar(c)
				if !ok {
					return d.errorf(c, "enumerate: %s: want a value, got a %s", name, bankNodeKind(c))
				}
				e.values = append(e.values, s)
				e.lines = append(e.lines, d.fileLine(c.Line))
			}
			if len(e.values) == 0 {
				e.none = true
			}
		}
		out = append(out, e)
		return nil
	}
	if _, ok := bankScalar(n); ok && n.Tag == "!!null" {
		return nil, nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := add(n.Content[i], bankDeref(n.Content[i+1])); err != nil {
				return nil, err
			}
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			c = bankDeref(c)
			switch {
			case c.Kind == yaml.MappingNode:
				for i := 0; i+1 < len(c.Content); i += 2 {
					if err := add(c.Content[i], bankDeref(c.Content[i+1])); err != nil {
						return nil, err
					}
				}
			case enum && c.Kind == yaml.ScalarNode:
				if err := add(c, nil); err != nil {
					return nil, err
				}
			default:
				want := "name: value"
				if enum {
					want = "a name, or name: [values]"
				}
				return nil, d.errorf(c, "%s: want %s, got a %s", key, want, bankNodeKind(c))
			}
		}
	default:
		return nil, d.errorf(n, "%s: want a list or a mapping, got a %s", key, bankNodeKind(n))
	}
	return out, nil
}

func bankNodeKind(n *yaml.Node) string {
	n = bankDeref(n)
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "value"
	}
	return "node"
}
