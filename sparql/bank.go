package sparql

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bank is a query bank: a directory of SPARQL queries, one per .rq file, named
// by the file ("sections-without-evidence.rq" is the query
// "sections-without-evidence"), in the format of grlc (CLARIAH/grlc), so
// that grlc query repositories work as they are:
//
//	#+ summary: Sections of a chapter without evidence
//	#+ tags:
//	#+   - sections
//	#+ defaults:
//	#+   - chapter: "4"
//	#+ pagination: 100
//	PREFIX dct: <http://purl.org/dc/terms/>
//	SELECT ?section WHERE {
//	  ?section dct:identifier ?id .
//	  FILTER(STRSTARTS(?id, ?_chapter))
//	}
//
// Every line that starts with "#+" is a header line; the header lines
// without their "#+" are one YAML document of decorators: summary,
// description, endpoint, tags, method (GET or POST), pagination (the page
// size), defaults and enumerate (both in grlc's list form, "- name: value",
// or as one mapping). Other decorators are kept in Query.Extra.
//
// Parameters are variables named by grlc's convention, found anywhere in
// the query (also in FILTER and BIND expressions; never inside IRIs,
// strings or comments): ?_name is a required plain string, ?__name an
// optional one, and a suffix gives the type — ?_name_iri an IRI,
// ?_name_number a number, ?_name_literal and ?_name_string a string,
// ?_name_nl a literal in a language (any two letters), ?_name_integer,
// ?_name_date and every other XSD datatype name a typed literal, and
// ?_name_xsd_date or ?_name_ex_type a literal of a datatype given as
// prefix and local name (xsd is always XML Schema; another prefix must be
// declared by the query). Callers give values by name ("chapter" for
// ?_chapter, "from" for ?_from_xsd_date).
//
// Unlike grlc, this package checks every value against its type and puts
// it into the query as one serialized RDF term (IRI, String, LangString,
// Typed), token by token: no value can change the shape of the query
// (grlc pastes values as text; a quote in a value breaks the query,
// CLARIAH/grlc#101).
//
// LoadBank reads one; Merge combines two (a user's bank over the shipped
// one, say). A Bank and its queries are safe for concurrent use once loaded
// (Merge is not, while others read).
type Bank struct {
	queries map[string]*Query
	names   []string // sorted
}

// LoadBank parses every *.rq file directly in dir of fsys (not in its
// subdirectories; hidden files are skipped), following symbolic links. The
// bank it returns holds the queries that parsed; the error, if not nil,
// names every file that did not ("dir/x.rq:3: …", joined with
// errors.Join), or says that dir has no query file.
func LoadBank(fsys fs.FS, dir string) (*Bank, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	b := &Bank{queries: map[string]*Query{}}
	var errs []error
	found := false
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".rq") || strings.HasPrefix(name, ".") || e.IsDir() {
			continue
		}
		file := path.Join(dir, name)
		if !e.Type().IsRegular() {
			info, err := fs.Stat(fsys, file)
			switch {
			case err != nil:
				var pe *fs.PathError
				if errors.As(err, &pe) {
					err = pe.Err
				}
				if e.Type()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
					err = errors.New("broken symbolic link")
				}
				errs = append(errs, fmt.Errorf("%s: %w", file, err))
				continue
			case info.IsDir():
				continue
			case !info.Mode().IsRegular():
				errs = append(errs, fmt.Errorf("%s: not a regular file", file))
				continue
			}
		}
		found = true
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		q, err := ParseQuery(file, src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		b.queries[q.Name] = q
		b.names = append(b.names, q.Name)
	}
	slices.Sort(b.names)
	if !found {
		errs = append(errs, fmt.Errorf("%s: no query files (*.rq)", dir))
	}
	return b, errors.Join(errs...)
}

// Names returns the names of the queries, sorted.
func (b *Bank) Names() []string { return slices.Clone(b.names) }

// Get returns the query called name.
func (b *Bank) Get(name string) (*Query, bool) {
	q, ok := b.queries[name]
	return q, ok
}

// Merge adds the queries of other to b; on a name both have, other's query
// replaces b's. It returns those names, sorted.
func (b *Bank) Merge(other *Bank) (shadowed []string) {
	if other == nil {
		return nil
	}
	if b.queries == nil {
		b.queries = map[string]*Query{}
	}
	for _, name := range other.names {
		if _, ok := b.queries[name]; ok {
			shadowed = append(shadowed, name)
		} else {
			b.names = append(b.names, name)
		}
		b.queries[name] = other.queries[name]
	}
	slices.Sort(b.names)
	return shadowed
}

// Query is one query of a bank, as parsed by ParseQuery. Its exported
// fields describe it; Bind and BindPage work from a copy taken by
// ParseQuery, so changing the fields changes nothing there, and they may
// be called concurrently.
type Query struct {
	Name string // the file name without ".rq"
	File string // the file as given to ParseQuery
	// Form is the query form: "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE".
	Form string
	// The decorators of the header; "" (or nil, 0) when not given.
	Summary, Description string
	Endpoint             string // checked to be an http(s) URL without credentials
	Method               string // "GET" or "POST", upper-cased
	Tags                 []string
	Pagination           int // the page size of BindPage; 0: no pagination
	// Params are the parameters in the order of their first use.
	Params []Param
	// Extra holds the decorators this package does not interpret
	// (endpoint_in_url, transform, endpoint-method, and unknown ones), as
	// decoded from YAML.
	Extra map[string]any
	// Warnings name, as "file:line: message", what was accepted but is
	// probably a mistake: an unknown decorator, a default or enumeration for
	// a parameter the query does not have, a type suffix grlc reads as a
	// plain string.
	Warnings []string
	// Text is the whole file; Body is the query without the header: every
	// header line is emptied but kept, so that line n of Body is line n of
	// the file (and of an endpoint's error message). Other comments stay.
	Text, Body string

	params []Param
	byName map[string]int
	toks   []bankToken
	uses   []bankUse // parameter occurrences, in token order
	cut    map[int]bool
	pageAt int // token after which BindPage writes LIMIT/OFFSET
}

// ParamKind is how a parameter's value goes into the query.
type ParamKind int

const (
	ParamString ParamKind = iota // a plain string literal "…" (?_name, _literal, _string, unknown suffixes)
	ParamIRI                     // an IRI <…> (_iri)
	ParamLang                    // a string with a language tag "…"@nl (_nl, any two letters)
	ParamTyped                   // a typed literal "…"^^<datatype> (_integer, _date, _xsd_date, _ex_type, …)
	ParamNumber                  // a number "…"^^xsd:integer, xsd:decimal or xsd:double, by its form (_number)
)

// String returns the kind's name: string, iri, lang, typed or number.
func (k ParamKind) String() string {
	switch k {
	case ParamString:
		return "string"
	case ParamIRI:
		return "iri"
	case ParamLang:
		return "lang"
	case ParamTyped:
		return "typed"
	case ParamNumber:
		return "number"
	}
	return fmt.Sprintf("ParamKind(%d)", int(k))
}

// Param is a parameter of a query.
type Param struct {
	Name     string // what callers give: "from" for ?_from_xsd_date
	Var      string // the variable as first written, without '?' or '$': "_from_xsd_date"
	Required bool   // ?_name; false for ?__name (left a variable when not given)
	Kind     ParamKind
	Lang     string // ParamLang: the language tag
	Datatype string // ParamTyped: the datatype IRI, expanded
	// Default is used when the caller gives no value (defaults decorator).
	Default    string
	HasDefault bool
	// Enum lists the allowed values (enumerate decorator with values).
	Enum []string
	// EnumFromEndpoint: enumerate names the parameter without values, so
	// grlc would ask the endpoint for them. This package does not (it makes
	// no request while loading), and accepts any value of the right type.
	EnumFromEndpoint bool
}

// Want describes what the parameter takes, as error messages say it: "a
// string", "an absolute IRI", "an xsd:date (YYYY-MM-DD)", …
func (p Param) Want() string {
	switch p.Kind {
	case ParamIRI:
		return "an absolute IRI"
	case ParamLang:
		return "a string (tagged @" + p.Lang + ")"
	case ParamNumber:
		return bankNumberWant
	case ParamTyped:
		if local, ok := strings.CutPrefix(p.Datatype, bankXSDNS); ok {
			if d, ok := bankDatatypes[local]; ok {
				return d.want
			}
		}
		return "a literal of datatype <" + p.Datatype + ">"
	}
	return "a string"
}

// ErrMissingParam and ErrUnknownParam are the Err of a *ParamError for a
// required parameter without a value and for a name the query does not
// have.
var (
	ErrMissingParam = errors.New("missing parameter")
	ErrUnknownParam = errors.New("unknown parameter")
)

// ParamError is a value Bind or BindPage cannot use: a required parameter
// without a value (Err is ErrMissingParam), a name the query does not have
// (Err is ErrUnknownParam, Want lists the query's parameters), a value
// outside the enumeration or not of the parameter's type (Err, if not nil,
// tells why: "February 2021 has 28 days"). It is the caller's mistake, not
// the query's: a command line reports it as a usage error.
type ParamError struct {
	Query string // the query's name
	Param string // the parameter's name
	Want  string // what the parameter takes (see above for unknown ones)
	Value string // the value given
	Err   error
}

func (e *ParamError) Error() string {
	switch {
	case errors.Is(e.Err, ErrUnknownParam) && e.Want == "":
		return fmt.Sprintf("unknown parameter %q (the query has no parameters)", e.Param)
	case errors.Is(e.Err, ErrUnknownParam):
		return fmt.Sprintf("unknown parameter %q (the parameters are %s)", e.Param, e.Want)
	case errors.Is(e.Err, ErrMissingParam):
		return fmt.Sprintf("missing parameter %q: want %s", e.Param, e.Want)
	}
	msg := fmt.Sprintf("parameter %q: want %s, got %s", e.Param, e.Want, quote(e.Value))
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *ParamError) Unwrap() error { return e.Err }

// bankUse is one occurrence of a parameter variable.
type bankUse struct {
	tok   int // index in Query.toks
	param int // index in Query.params
	form  bankForm
}

type bankForm uint8

const (
	bankPlain     bankForm = iota // the term replaces the variable
	bankProjected                 // in a SELECT projection: (term AS ?var)
	bankBracketed                 // in GROUP BY or ORDER BY: (term)
)

// bankParamRE is grlc's convention for parameter variables, matched at the
// start of the variable name; the rest of the name, if any, is ignored.
var bankParamRE = regexp.MustCompile(`^(_{1,2})([^_]+)_?([a-zA-Z0-9]+)?_?([a-zA-Z0-9]+)?`)

// ParseQuery parses one query file: the header, the query form and the
// parameters. Its name is the base name of file without ".rq". Errors name
// file and line ("queries/x.rq:3: …"): invalid YAML in the header (at the
// line of the .rq file), a decorator of the wrong shape, a default or
// enumerated value that is not of its parameter's type, text that is not
// UTF-8, an unterminated string, unbalanced brackets, no query form (an
// update is not a query), a datatype prefix the query does not declare, a
// parameter name used with two types, and a parameter variable where
// SPARQL wants a variable that a value cannot replace: the target of AS
// (BIND, projection), a VALUES variable, or after LIMIT or OFFSET (which
// take a bare integer); and a parameter variable followed by a language
// tag or ^^, which would become part of the term.
func ParseQuery(file string, src []byte) (*Query, error) {
	q := &Query{
		Name: strings.TrimSuffix(filepath.Base(file), ".rq"),
		File: file,
		Text: string(src),
	}
	text := strings.TrimPrefix(q.Text, "\uFEFF")
	if !utf8.ValidString(text) {
		bad := 0
		for bad < len(text) {
			r, n := utf8.DecodeRuneInString(text[bad:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			bad += n
		}
		return nil, fmt.Errorf("%s:%d: not UTF-8 text", file, 1+strings.Count(text[:bad], "\n"))
	}
	var header []bankHeaderLine
	var body strings.Builder
	last := 0
	for _, t := range bankTokenize(text) {
		if t.kind == bankComment && strings.HasPrefix(text[t.start:t.end], "#+") &&
			(t.start == 0 || text[t.start-1] == '\n' || text[t.start-1] == '\r') {
			header = append(header, bankHeaderLine{line: t.line, text: text[t.start+2 : t.end]})
			body.WriteString(text[last:t.start])
			last = t.end
		}
	}
	body.WriteString(text[last:])
	q.Body = body.String()
	h, err := bankParseHeader(q, header)
	if err != nil {
		return nil, err
	}
	if err := q.analyse(); err != nil {
		return nil, err
	}
	if err := q.applyHeader(h); err != nil {
		return nil, err
	}
	q.Params = q.exportParams()
	return q, nil
}

func (q *Query) errorf(line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", q.File, line, fmt.Sprintf(format, args...))
}

func (q *Query) warnf(line int, format string, args ...any) {
	q.Warnings = append(q.Warnings, fmt.Sprintf("%s:%d: %s", q.File, line, fmt.Sprintf(format, args...)))
}

// exportParams returns a deep copy of the parameters.
func (q *Query) exportParams() []Param {
	ps := slices.Clone(q.params)
	for i := range ps {
		ps[i].Enum = slices.Clone(ps[i].Enum)
	}
	return ps
}

type bankFrame struct{ brace, paren int }

// analyse tokenizes the body, checks it lexically, reads the prologue and
// the query form, and finds the parameters, where each one occurs and
// where BindPage puts LIMIT and OFFSET.
func (q *Query) analyse() error {
	src := q.Body
	toks := bankTokenize(src)
	q.toks = toks
	text := func(t bankToken) string { return src[t.start:t.end] }

	var sig []int // significant tokens: neither space nor comment
	type open struct {
		c    byte
		line int
	}
	var stack []open
	for i, t := range toks {
		switch t.kind {
		case bankSpace, bankComment:
			continue
		case bankString:
			if t.open {
				return q.errorf(t.line, "unterminated string literal")
			}
		case bankPunct:
			switch c := src[t.start]; c {
			case '{', '(', '[':
				stack = append(stack, open{c, t.line})
			case '}', ')', ']':
				want := map[byte]byte{'}': '{', ')': '(', ']': '['}[c]
				if len(stack) == 0 {
					return q.errorf(t.line, "%q without an opening %q", c, want)
				}
				if top := stack[len(stack)-1]; top.c != want {
					return q.errorf(t.line, "%q closes the %q of line %d", c, top.c, top.line)
				}
				stack = stack[:len(stack)-1]
			}
		}
		sig = append(sig, i)
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return q.errorf(top.line, "%q is never closed", top.c)
	}
	if len(sig) == 0 {
		return q.errorf(1+strings.Count(src, "\n"), "no query in the file")
	}

	// Prologue: BASE, PREFIX and Virtuoso's DEFINE, then the query form.
	prefixes := map[string]string{}
	k := 0
prologue:
	for k < len(sig) {
		t := toks[sig[k]]
		switch {
		case bankKeyword(src, t, "BASE"):
			if k+1 >= len(sig) || toks[sig[k+1]].kind != bankIRI {
				return q.errorf(t.line, "BASE: want an IRI <…>")
			}
			k += 2
		case bankKeyword(src, t, "PREFIX"):
			if k+2 >= len(sig) || toks[sig[k+1]].kind != bankWord || toks[sig[k+2]].kind != bankIRI ||
				!bankPNameNS(text(toks[sig[k+1]])) {
				return q.errorf(t.line, "PREFIX: want a prefix name ending in ':' and an IRI <…>")
			}
			p, iri := text(toks[sig[k+1]]), text(toks[sig[k+2]])
			prefixes[p[:len(p)-1]] = iri[1 : len(iri)-1]
			k += 3
		case bankKeyword(src, t, "DEFINE"):
			k += 3
		default:
			break prologue
		}
	}
	if k >= len(sig) {
		return q.errorf(toks[sig[len(sig)-1]].line, "no query after the prologue: want SELECT, ASK, CONSTRUCT or DESCRIBE")
	}
	form := toks[sig[k]]
	q.Form = strings.ToUpper(text(form))
	switch {
	case form.kind != bankWord:
		return q.errorf(form.line, "want SELECT, ASK, CONSTRUCT or DESCRIBE, found %s", quote(text(form)))
	case q.Form == "SELECT" || q.Form == "ASK" || q.Form == "CONSTRUCT" || q.Form == "DESCRIBE":
	case slices.Contains([]string{"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}, q.Form):
		return q.errorf(form.line, "%s: a query bank holds queries (SELECT, ASK, CONSTRUCT, DESCRIBE), not updates", text(form))
	default:
		return q.errorf(form.line, "want SELECT, ASK, CONSTRUCT or DESCRIBE, found %s", quote(text(form)))
	}

	// The query: parameters and the places where SPARQL wants a variable;
	// the outer LIMIT and OFFSET.
	q.byName = map[string]int{}
	firstLine := map[string]int{} // parameter name → line of its first use
	var proj []bankFrame          // SELECTs whose projection is being read
	var group bankFrame           // where GROUP BY / ORDER BY conditions are read
	inGroup := false
	brace, paren := 0, 0
	valuesHead := 0 // 1: just after VALUES; 2: inside VALUES ( … )
	prevWord := ""
	topValues := len(sig) // the outer VALUES clause, if any
	q.cut = map[int]bool{}
	for n := k; n < len(sig); n++ {
		i := sig[n]
		t := toks[i]
		word := ""
		if t.kind == bankWord && t.end-t.start <= 10 {
			word = strings.ToUpper(text(t))
		}
		valuesVar := false
		switch valuesHead {
		case 1:
			valuesHead = 0
			if t.kind == bankVar {
				valuesVar = true
			} else if t.kind == bankPunct && text(t) == "(" {
				valuesHead = 2
			}
		case 2:
			if t.kind == bankVar {
				valuesVar = true
			} else {
				valuesHead = 0
			}
		}
		here := bankFrame{brace, paren}
		switch t.kind {
		case bankPunct:
			switch text(t) {
			case "{":
				if len(proj) > 0 && proj[len(proj)-1] == here {
					proj = proj[:len(proj)-1]
				}
				brace++
				inGroup = false
			case "}":
				brace--
				inGroup = false
			case "(":
				paren++
			case ")":
				paren--
			}
		case bankWord:
			switch word {
			case "SELECT":
				proj = append(proj, here)
			case "WHERE", "FROM":
				if len(proj) > 0 && proj[len(proj)-1] == here {
					proj = proj[:len(proj)-1]
				}
			case "BY":
				if prevWord == "GROUP" || prevWord == "ORDER" {
					inGroup, group = true, here
				}
			case "HAVING", "ORDER", "GROUP", "LIMIT", "OFFSET", "VALUES":
				if inGroup && group == here {
					inGroup = false
				}
			}
			if word == "VALUES" {
				valuesHead = 1
				if brace == 0 && topValues == len(sig) {
					topValues = n
				}
			}
			if (word == "LIMIT" || word == "OFFSET") && brace == 0 && n+1 < len(sig) {
				if next := toks[sig[n+1]]; next.kind == bankWord && bankIntegerRE.MatchString(text(next)) && bankDigit(src[next.start]) {
					q.cut[i], q.cut[sig[n+1]] = true, true
				}
			}
		case bankVar:
			v := text(t)
			m := bankParamRE.FindStringSubmatch(v[1:])
			if m == nil {
				break
			}
			var next bankToken
			if n+1 < len(sig) {
				next = toks[sig[n+1]]
			}
			switch {
			case next.kind == bankLang || next.kind == bankPunct && text(next) == "^^":
				return q.errorf(t.line, "%s is followed by %s, which a variable cannot have", v, text(next))
			case prevWord == "LIMIT" || prevWord == "OFFSET":
				return q.errorf(t.line, "%s after %s: SPARQL wants a plain integer there, which a parameter cannot give (see the pagination decorator)", v, prevWord)
			case prevWord == "AS":
				return q.errorf(t.line, "%s is the target of AS, but its name makes it a parameter (grlc: a leading _); rename the variable", v)
			case valuesVar:
				return q.errorf(t.line, "%s is a VALUES variable, but its name makes it a parameter (grlc: a leading _); rename the variable", v)
			}
			p, err := q.paramOf(m, v[1:], prefixes, t.line)
			if err != nil {
				return err
			}
			idx, seen := q.byName[p.Name]
			if !seen {
				idx = len(q.params)
				q.byName[p.Name] = idx
				firstLine[p.Name] = t.line
				q.params = append(q.params, p)
			} else if old := &q.params[idx]; old.Kind != p.Kind || old.Lang != p.Lang || old.Datatype != p.Datatype {
				return q.errorf(t.line, "parameter %q is %s (%s) here but %s (?%s) on line %d: one name cannot have two types",
					p.Name, p.Want(), v, old.Want(), old.Var, firstLine[p.Name])
			} else {
				old.Required = old.Required || p.Required
			}
			use := bankUse{tok: i, param: idx}
			switch {
			case len(proj) > 0 && proj[len(proj)-1] == here:
				use.form = bankProjected
			case inGroup && group == here:
				use.form = bankBracketed
			}
			q.uses = append(q.uses, use)
		}
		prevWord = word
	}
	// BindPage writes LIMIT and OFFSET after the last token of the query
	// before its outer VALUES clause, leaving out the LIMIT and OFFSET there.
	q.pageAt = sig[k]
	for n := k; n < topValues; n++ {
		if !q.cut[sig[n]] {
			q.pageAt = sig[n]
		}
	}
	return nil
}

// bankPNameNS reports whether s looks like SPARQL's PNAME_NS: an optional
// prefix and a colon.
func bankPNameNS(s string) bool {
	return strings.HasSuffix(s, ":") && strings.Count(s, ":") == 1 && !strings.ContainsAny(s, `\%`)
}

// paramOf reads the parameter of variable name (without '?'), matched by
// bankParamRE as m, following grlc's rules in their order: the four named
// types, an XSD datatype name, a prefixed datatype (xsd_date, ex_type; the
// prefix declared by the query), a two-letter language, and else a plain
// string. A two-letter type followed by a name counts as a prefixed
// datatype when the query declares that prefix, as a language otherwise.
func (q *Query) paramOf(m []string, name string, prefixes map[string]string, line int) (Param, error) {
	p := Param{Name: m[2], Var: name, Required: len(m[1]) == 1}
	typ, local := m[3], m[4]
	_, declared := prefixes[typ]
	switch {
	case typ == "" || typ == "literal" || typ == "string":
		p.Kind = ParamString
	case typ == "iri":
		p.Kind = ParamIRI
	case typ == "number":
		p.Kind = ParamNumber
	case bankDatatypes[typ].want != "":
		p.Kind, p.Datatype = ParamTyped, bankXSDNS+typ
	case local != "" && typ == "xsd":
		if bankDatatypes[local].want == "" {
			return p, q.errorf(line, "?%s: xsd:%s is not an XSD datatype", name, local)
		}
		p.Kind, p.Datatype = ParamTyped, bankXSDNS+local
	case local != "" && declared:
		p.Kind, p.Datatype = ParamTyped, prefixes[typ]+local
		if _, err := IRI(p.Datatype); err != nil {
			return p, q.errorf(line, "?%s: the datatype %s:%s is <%s>, not an absolute IRI", name, typ, local, p.Datatype)
		}
	case len(typ) == 2:
		if !validLangTag(typ) {
			return p, q.errorf(line, "?%s: %q is not a language tag", name, typ)
		}
		p.Kind, p.Lang = ParamLang, typ
	case local != "":
		return p, q.errorf(line, "?%s: the datatype %s:%s has a prefix the query does not declare (PREFIX %s: <…>)", name, typ, local, typ)
	default:
		p.Kind = ParamString
		q.warnf(line, "?%s: %q is neither iri, number, literal, string, an XSD datatype nor a language: the parameter takes a plain string (as in grlc)", name, typ)
	}
	return p, nil
}

// applyHeader sets defaults and enumerations, checking their values.
func (q *Query) applyHeader(h bankHeader) error {
	find := func(name string) (int, bool) {
		if i, ok := q.byName[name]; ok {
			return i, true
		}
		v := strings.TrimLeft(name, "?$")
		for i, p := range q.params {
			if p.Var == v {
				return i, true
			}
		}
		return 0, false
	}
	for _, e := range h.enumerate {
		i, ok := find(e.name)
		if !ok {
			q.warnf(e.line, "enumerate: the query has no parameter %q (ignored)", e.name)
			continue
		}
		p := &q.params[i]
		if e.none {
			p.EnumFromEndpoint = true
			continue
		}
		for j, v := range e.values {
			if _, err := p.term(v); err != nil {
				return q.errorf(e.lines[j], "enumerate: %v", err)
			}
		}
		p.Enum = e.values
	}
	for _, e := range h.defaults {
		i, ok := find(e.name)
		if !ok {
			q.warnf(e.line, "defaults: the query has no parameter %q (ignored)", e.name)
			continue
		}
		p := &q.params[i]
		if _, err := p.term(e.value); err != nil {
			return q.errorf(e.line, "defaults: %v", err)
		}
		p.Default, p.HasDefault = e.value, true
	}
	return nil
}

// term checks v and returns it as the parameter's term.
func (p Param) term(v string) (string, *ParamError) {
	fail := func(err error) (string, *ParamError) {
		return "", &ParamError{Param: p.Name, Want: p.Want(), Value: v, Err: err}
	}
	if !utf8.ValidString(v) {
		return fail(errors.New("not valid UTF-8"))
	}
	if len(p.Enum) > 0 && !slices.Contains(p.Enum, v) {
		quoted := make([]string, len(p.Enum))
		for i, e := range p.Enum {
			quoted[i] = quote(e)
		}
		return "", &ParamError{Param: p.Name, Want: "one of " + strings.Join(quoted, ", "), Value: v}
	}
	var (
		t   string
		err error
	)
	switch p.Kind {
	case ParamString:
		return String(v), nil
	case ParamLang:
		t, err = LangString(v, p.Lang)
	case ParamIRI:
		if t, err = IRI(v); err != nil {
			return fail(bankIRIReason(v, err))
		}
	case ParamNumber:
		dt := bankNumberDatatype(v)
		if dt == "" {
			return fail(nil)
		}
		t, err = Typed(v, dt)
	case ParamTyped:
		if local, ok := strings.CutPrefix(p.Datatype, bankXSDNS); ok {
			if d := bankDatatypes[local]; d.check != nil {
				if ok, detail := d.check(v); !ok {
					if detail != "" {
						return fail(errors.New(detail))
					}
					return fail(nil)
				}
			}
		}
		t, err = Typed(v, p.Datatype)
	default:
		err = fmt.Errorf("unknown parameter kind %v", p.Kind)
	}
	if err != nil {
		return fail(err)
	}
	return t, nil
}

// bankIRIReason says why IRI refused v, without repeating v.
func bankIRIReason(v string, err error) error {
	switch {
	case v == "":
		return errors.New("empty")
	case !hasScheme(v):
		return errors.New("not absolute: no scheme such as http:")
	}
	for _, r := range v {
		if r <= 0x20 || unicode.IsControl(r) || unicode.IsSpace(r) || strings.ContainsRune("<>\"{}|^`\\", r) {
			return fmt.Errorf("contains %q, which an IRI cannot", r)
		}
	}
	return err
}

// values checks the caller's values and returns the term of every
// parameter ("" for an optional one left unbound).
func (q *Query) values(values map[string]string) ([]string, error) {
	var unknown []string
	for k := range values {
		if _, ok := q.byName[k]; !ok {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		names := make([]string, len(q.params))
		for i, p := range q.params {
			names[i] = p.Name
		}
		slices.Sort(names)
		return nil, &ParamError{Query: q.Name, Param: unknown[0], Value: values[unknown[0]],
			Want: strings.Join(names, ", "), Err: ErrUnknownParam}
	}
	terms := make([]string, len(q.params))
	for i := range q.params {
		p := &q.params[i]
		v, ok := values[p.Name]
		if !ok && p.HasDefault {
			v, ok = p.Default, true
		}
		if !ok {
			if p.Required {
				return nil, &ParamError{Query: q.Name, Param: p.Name, Want: p.Want(), Err: ErrMissingParam}
			}
			continue
		}
		t, err := p.term(v)
		if err != nil {
			err.Query = q.Name
			return nil, err
		}
		terms[i] = t
	}
	return terms, nil
}

// Bind returns the query (Body) with every parameter replaced by the term
// of its value, from values or else from the defaults decorator. Each
// occurrence of a parameter variable becomes the term, except where SPARQL
// wants a variable: in a SELECT projection it becomes (term AS ?var), so
// the result keeps its column, and in GROUP BY or ORDER BY it becomes
// (term). An optional parameter without a value stays a variable. Nothing
// else changes, white space and comments included; spaces are added around
// a term where it would touch the text next to it.
//
// Every value is checked first; an error is a *ParamError: a required
// parameter without a value, a name the query does not have, a value
// outside the enumeration, or a value not of the parameter's type (an IRI
// must be absolute, an xsd:date a date of the calendar, …). A value must be
// UTF-8; "" is a value (the empty string), not the absence of one.
func (q *Query) Bind(values map[string]string) (string, error) {
	terms, err := q.values(values)
	if err != nil {
		return "", err
	}
	return q.render(terms, 0, 0), nil
}

// BindPage is Bind for page page (1-based) of a query with the pagination
// decorator: the outer query's LIMIT and OFFSET, if any, are left out
// (those of subqueries stay) and "LIMIT size OFFSET (page-1)*size" is
// written after its last solution modifier, before an outer VALUES
// clause. Order the results (ORDER BY) for the pages to be stable.
func (q *Query) BindPage(values map[string]string, page int) (string, error) {
	size := q.Pagination
	switch {
	case size <= 0:
		return "", fmt.Errorf("query %s has no pagination decorator (#+ pagination: N)", q.Name)
	case page < 1:
		return "", fmt.Errorf("page %d: pages are numbered from 1", page)
	case page-1 > math.MaxInt/size:
		return "", fmt.Errorf("page %d: the offset would overflow", page)
	}
	terms, err := q.values(values)
	if err != nil {
		return "", err
	}
	return q.render(terms, size, (page-1)*size), nil
}

// bankWriter writes the bound query, keeping inserted text apart from
// the tokens around it.
type bankWriter struct {
	strings.Builder
	last    byte // the last byte written
	sepNext bool // the next text must not touch what was written last
}

func (w *bankWriter) write(s string) {
	if s == "" {
		return
	}
	if w.sepNext && strings.IndexByte(" \t\r\n(){}[],;.", s[0]) < 0 {
		w.WriteByte(' ')
	}
	w.sepNext = false
	w.WriteString(s)
	w.last = s[len(s)-1]
}

// writeSeparated writes s with a space before and after it unless the text
// on that side is white space or a delimiter that ends every token.
func (w *bankWriter) writeSeparated(s string) {
	if w.Len() > 0 && strings.IndexByte(" \t\r\n(){}[],;", w.last) < 0 {
		w.write(" ")
	}
	w.write(s)
	w.sepNext = true
}

// render writes the body with the terms in place of their parameters and,
// when limit > 0, the page's LIMIT and OFFSET instead of the outer query's.
func (q *Query) render(terms []string, limit, offset int) string {
	var w bankWriter
	w.Grow(len(q.Body) + 64)
	src := q.Body
	u := 0
	for i, t := range q.toks {
		text := src[t.start:t.end]
		for u < len(q.uses) && q.uses[u].tok < i {
			u++
		}
		switch {
		case u < len(q.uses) && q.uses[u].tok == i && terms[q.uses[u].param] != "":
			term := terms[q.uses[u].param]
			switch q.uses[u].form {
			case bankProjected:
				term = "(" + term + " AS " + text + ")"
			case bankBracketed:
				term = "(" + term + ")"
			}
			w.writeSeparated(term)
		case limit > 0 && q.cut[i]:
		case limit > 0 && t.kind == bankSpace && q.cut[i+1] && !strings.ContainsAny(text, "\n\r"):
			// the space before a LIMIT or OFFSET left out
		default:
			w.write(text)
		}
		if limit > 0 && i == q.pageAt {
			if w.Len() > 0 && strings.IndexByte(" \t\r\n", w.last) < 0 {
				w.write(" ")
			}
			w.writeSeparated(fmt.Sprintf("LIMIT %d OFFSET %d", limit, offset))
		}
	}
	return w.String()
}
