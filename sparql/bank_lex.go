package sparql

import (
	"strings"
	"unicode/utf8"
)

// This file holds the small SPARQL tokenizer of the query bank. It is not a
// parser: it tells apart exactly what matters for putting values into a
// query safely — IRIs, string literals, comments, variables, keywords and
// brackets — and agrees with StripComments on where each of the first three
// starts and ends, so that comment stripping after binding cannot cut into
// an inserted term.

type bankTokKind uint8

const (
	bankSpace   bankTokKind = iota // a run of space, tab, CR, LF
	bankComment                    // '#' to the end of the line (without the line break)
	bankIRI                        // <…> as SPARQL's IRIREF
	bankString                     // '…', "…", '''…''', """…"""
	bankVar                        // ?name or $name
	bankWord                       // keywords, prefixed names, numbers, blank node labels
	bankLang                       // @lang after a string
	bankPunct                      // anything else: one character, or ^^ && || != <= >=
)

type bankToken struct {
	kind       bankTokKind
	start, end int  // byte offsets
	line       int  // 1-based line of start
	open       bool // a string literal without its closing quote
}

// bankTokenize splits s into tokens that cover it completely.
func bankTokenize(s string) []bankToken {
	toks := make([]bankToken, 0, len(s)/3+1)
	line := 1
	for i := 0; i < len(s); {
		t := bankToken{start: i, line: line}
		c := s[i]
		n := 1
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			t.kind = bankSpace
			for n < len(s)-i && strings.IndexByte(" \t\n\r", s[i+n]) >= 0 {
				n++
			}
		case c == '#':
			t.kind = bankComment
			for n < len(s)-i && s[i+n] != '\n' && s[i+n] != '\r' {
				n++
			}
		case c == '<':
			if m := iriRefLen(s[i:]); m > 0 {
				t.kind, n = bankIRI, m
			} else {
				t.kind = bankPunct
				if i+1 < len(s) && s[i+1] == '=' {
					n = 2
				}
			}
		case c == '"' || c == '\'':
			var closed bool
			n, closed = bankStringLen(s[i:])
			t.kind, t.open = bankString, !closed
		case c == '?' || c == '$':
			if m := bankVarNameLen(s[i+1:]); m > 0 {
				t.kind, n = bankVar, 1+m
			} else {
				t.kind = bankPunct
			}
		case c == '@':
			if m := bankLangLen(s[i+1:]); m > 0 {
				t.kind, n = bankLang, 1+m
			} else {
				t.kind = bankPunct
			}
		case bankWordStart(s[i:]):
			t.kind, n = bankWord, bankWordLen(s[i:])
		default:
			t.kind = bankPunct
			if i+1 < len(s) {
				switch s[i : i+2] {
				case "^^", "&&", "||", "!=", ">=":
					n = 2
				}
			}
		}
		t.end = i + n
		line += strings.Count(s[i:t.end], "\n")
		toks = append(toks, t)
		i = t.end
	}
	return toks
}

// bankStringLen is stringLen (comments.go) that also tells whether the
// literal is closed.
func bankStringLen(s string) (int, bool) {
	q := s[0]
	if len(s) >= 3 && s[1] == q && s[2] == q {
		end := s[:3]
		for j := 3; j < len(s); j++ {
			if s[j] == '\\' {
				j++
				continue
			}
			if strings.HasPrefix(s[j:], end) {
				return j + 3, true
			}
		}
		return len(s), false
	}
	for j := 1; j < len(s); j++ {
		switch s[j] {
		case q:
			return j + 1, true
		case '\n', '\r':
			return j, false
		case '\\':
			if j+1 < len(s) && s[j+1] != '\n' && s[j+1] != '\r' {
				j++
			}
		}
	}
	return len(s), false
}

// bankVarNameLen returns the length of the VARNAME at the start of s, or 0.
func bankVarNameLen(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		ok := isPNCharsU(r) || r >= '0' && r <= '9'
		if n > 0 && (r == 0xB7 || r >= 0x300 && r <= 0x36F || r == 0x203F || r == 0x2040) {
			ok = true
		}
		if !ok {
			break
		}
		n += size
	}
	return n
}

// bankLangLen returns the length of [a-zA-Z]+ ('-' [a-zA-Z0-9]+)* at the
// start of s, or 0.
func bankLangLen(s string) int {
	alpha := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	n := 0
	for n < len(s) && alpha(s[n]) {
		n++
	}
	if n == 0 {
		return 0
	}
	for n+1 < len(s) && s[n] == '-' && (alpha(s[n+1]) || s[n+1] >= '0' && s[n+1] <= '9') {
		n++
		for n < len(s) && (alpha(s[n]) || s[n] >= '0' && s[n] <= '9') {
			n++
		}
	}
	return n
}

func bankWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == ':' || c >= 0x80
}

func bankDigit(c byte) bool { return c >= '0' && c <= '9' }

// bankWordStart reports whether a word (keyword, prefixed name, number,
// blank node label) starts at s[0]. A backslash starts one too: outside
// strings and IRIs it can only be PN_LOCAL_ESC, and StripComments treats the
// byte after it as escaped wherever it is.
func bankWordStart(s string) bool {
	c := s[0]
	switch {
	case bankWordByte(c), c == '\\':
		return true
	case c == '.':
		return len(s) > 1 && bankDigit(s[1])
	case c == '+' || c == '-':
		return len(s) > 1 && (bankDigit(s[1]) || len(s) > 2 && s[1] == '.' && bankDigit(s[2]))
	}
	return false
}

// bankWordLen returns the length of the word at the start of s: word bytes,
// '-', '.', '%' and backslash escapes, without trailing unescaped dots (a
// prefixed name cannot end with one; it ends a triple).
func bankWordLen(s string) int {
	end := 0
	for j := 0; j < len(s); {
		c := s[j]
		switch {
		case c == '\\':
			if j+1 < len(s) && s[j+1] != '\n' && s[j+1] != '\r' {
				j += 2
			} else {
				j++
			}
			end = j
		case bankWordByte(c) || c == '-' || c == '%' || j == 0 && c == '+':
			j++
			end = j
		case c == '.':
			j++
		default:
			return max(end, 1)
		}
	}
	return max(end, 1)
}

// bankKeyword reports whether t is the word kw, in any case.
func bankKeyword(src string, t bankToken, kw string) bool {
	return t.kind == bankWord && strings.EqualFold(src[t.start:t.end], kw)
}
