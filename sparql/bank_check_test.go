package sparql

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file holds the test helper that checks a bound query against its
// template: the same tokens, with each bound parameter variable replaced by
// exactly one term (or the term in parentheses, or (term AS ?var) in a
// projection) that decodes to the value given; and, for a page, the outer
// LIMIT and OFFSET replaced by the page's.

// bankSig returns the significant tokens of s as (kind, text) pairs.
func bankSig(s string) []bankTok {
	var out []bankTok
	for _, t := range bankTokenize(s) {
		if t.kind != bankSpace && t.kind != bankComment {
			out = append(out, bankTok{t.kind, s[t.start:t.end]})
		}
	}
	return out
}

type bankTok struct {
	kind bankTokKind
	text string
}

// bankWithoutOuterLimit drops LIMIT n and OFFSET n outside all braces and
// returns what it dropped ("LIMIT 10 OFFSET 20" for the page's).
func bankWithoutOuterLimit(toks []bankTok) ([]bankTok, string) {
	var out []bankTok
	var dropped []string
	depth := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.kind == bankPunct && t.text == "{":
			depth++
		case t.kind == bankPunct && t.text == "}":
			depth--
		case depth == 0 && t.kind == bankWord && (strings.EqualFold(t.text, "LIMIT") || strings.EqualFold(t.text, "OFFSET")) &&
			i+1 < len(toks) && toks[i+1].kind == bankWord && bankIntegerRE.MatchString(toks[i+1].text) && bankDigit(toks[i+1].text[0]):
			dropped = append(dropped, t.text+" "+toks[i+1].text)
			i++
			continue
		}
		out = append(out, t)
	}
	return out, strings.Join(dropped, " ")
}

// bankUnescape decodes the body of a SPARQL string literal.
func bankUnescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return "", fmt.Errorf("dangling backslash")
		}
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		case '"', '\'', '\\':
			b.WriteByte(s[i])
		case 'u', 'U':
			n := 4
			if s[i] == 'U' {
				n = 8
			}
			if i+1+n > len(s) {
				return "", fmt.Errorf("short \\%c escape", s[i])
			}
			v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil {
				return "", err
			}
			b.WriteRune(rune(v))
			i += n
		default:
			return "", fmt.Errorf("unknown escape \\%c", s[i])
		}
	}
	return b.String(), nil
}

// bankDecodeTerm reads one term at toks[0:]: <iri>, "s", "s"@lang or
// "s"^^<dt>. It returns its parts and the number of tokens it took.
func bankDecodeTerm(toks []bankTok) (iri, lex, lang, dt string, n int, err error) {
	if len(toks) == 0 {
		return "", "", "", "", 0, fmt.Errorf("no term")
	}
	switch t := toks[0]; t.kind {
	case bankIRI:
		if checkIRI(t.text[1:len(t.text)-1]) != nil {
			return "", "", "", "", 0, fmt.Errorf("bad IRI %s", t.text)
		}
		return t.text[1 : len(t.text)-1], "", "", "", 1, nil
	case bankString:
		// The serializers write short "…" literals only.
		if t.text[0] != '"' || stringTokenLen(t.text) != len(t.text) || strings.HasPrefix(t.text, `"""`) {
			return "", "", "", "", 0, fmt.Errorf("not a short string literal: %s", t.text)
		}
		lex, err = bankUnescape(t.text[1 : len(t.text)-1])
		if err != nil {
			return "", "", "", "", 0, err
		}
		n = 1
		if len(toks) > 1 && toks[1].kind == bankLang {
			return "", lex, toks[1].text[1:], "", 2, nil
		}
		if len(toks) > 2 && toks[1].kind == bankPunct && toks[1].text == "^^" {
			if toks[2].kind != bankIRI {
				return "", "", "", "", 0, fmt.Errorf("datatype is not an IRI: %s", toks[2].text)
			}
			return "", lex, "", toks[2].text[1 : len(toks[2].text)-1], 3, nil
		}
		return "", lex, "", "", 1, nil
	}
	return "", "", "", "", 0, fmt.Errorf("not a term: %s", toks[0].text)
}

// bankCheckBound checks out, the result of q.Bind(values) (page 0) or
// q.BindPage(values, page).
func bankCheckBound(q *Query, values map[string]string, page int, out string) error {
	if !utf8.ValidString(out) {
		return fmt.Errorf("bound query is not UTF-8")
	}
	orig, bound := bankSig(q.Body), bankSig(out)
	// Comment stripping (the client's) must not change the bound query.
	if s := bankSig(StripComments(out)); !slices.Equal(s, bound) {
		return fmt.Errorf("StripComments changes the tokens of the bound query:\n%s\n%s", out, StripComments(out))
	}
	if page > 0 {
		orig, _ = bankWithoutOuterLimit(orig)
		var got string
		bound, got = bankWithoutOuterLimit(bound)
		want := fmt.Sprintf("LIMIT %d OFFSET %d", q.Pagination, (page-1)*q.Pagination)
		if got != want {
			return fmt.Errorf("outer LIMIT/OFFSET: got %q, want %q", got, want)
		}
	}
	byVar := map[string]Param{}
	for _, p := range q.Params {
		byVar[p.Name] = p
	}
	j := 0
	for i, t := range orig {
		var p Param
		var value string
		bound1 := false
		if t.kind == bankVar {
			if m := bankParamRE.FindStringSubmatch(t.text[1:]); m != nil {
				p = byVar[m[2]]
				var ok bool
				if value, ok = values[p.Name]; !ok && p.HasDefault {
					value, ok = p.Default, true
				}
				bound1 = ok
			}
		}
		if !bound1 {
			if j >= len(bound) || bound[j] != t {
				return fmt.Errorf("token %d: want %q, got %v", i, t.text, bankTokAt(bound, j))
			}
			j++
			continue
		}
		// (term AS ?var), (term) or term
		k := j
		paren := k < len(bound) && bound[k].kind == bankPunct && bound[k].text == "("
		if paren {
			k++
		}
		iri, lex, lang, dt, n, err := bankDecodeTerm(bound[k:])
		if err != nil {
			return fmt.Errorf("token %d (%s): %v", i, t.text, err)
		}
		k += n
		if paren {
			if k+2 < len(bound) && bound[k].kind == bankWord && bound[k].text == "AS" {
				if bound[k+1] != t {
					return fmt.Errorf("token %d: (term AS %s) names %q", i, t.text, bound[k+1].text)
				}
				k += 2
			}
			if k >= len(bound) || bound[k].text != ")" {
				return fmt.Errorf("token %d: no ')' after the term", i)
			}
			k++
		}
		j = k
		switch p.Kind {
		case ParamIRI:
			if iri != value {
				return fmt.Errorf("parameter %s: IRI %q, want %q", p.Name, iri, value)
			}
			continue
		case ParamString:
			if lang != "" || dt != "" {
				return fmt.Errorf("parameter %s: a plain string has @%s ^^%s", p.Name, lang, dt)
			}
		case ParamLang:
			if lang != p.Lang {
				return fmt.Errorf("parameter %s: language %q, want %q", p.Name, lang, p.Lang)
			}
		case ParamTyped:
			if dt != p.Datatype {
				return fmt.Errorf("parameter %s: datatype %q, want %q", p.Name, dt, p.Datatype)
			}
		case ParamNumber:
			if dt != bankNumberDatatype(value) {
				return fmt.Errorf("parameter %s: datatype %q for %q", p.Name, dt, value)
			}
		}
		if iri != "" || lex != value {
			return fmt.Errorf("parameter %s: value %q does not round-trip, got %q", p.Name, value, lex)
		}
	}
	if j != len(bound) {
		return fmt.Errorf("bound query has %d tokens more than the template", len(bound)-j)
	}
	return nil
}

func bankTokAt(toks []bankTok, j int) string {
	if j >= len(toks) {
		return "the end"
	}
	return strconv.Quote(toks[j].text)
}
