package site

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The HTML of an evaluation is written here by hand rather than by
// html/template: a site of 10,000 reports renders 10,000 of them, and the
// template engine's reflection cost as much as parsing the reports. It
// escapes as html/template does (the same replacement table, URLs
// normalised the same way, only http, https and mailto links), which
// TestEscapingIsHTMLTemplates checks against html/template itself.

// appendText appends s escaped for text and quoted attribute values, with
// html/template's table (it also escapes quotes and '+'). Characters HTML
// calls parse errors in a document (controls other than white space,
// noncharacters) become U+FFFD, as html/template does with NUL, so a page
// stays well-formed (see clean).
func appendText(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !textSpecial[c] {
			continue
		}
		var r string
		switch c {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			if c < utf8.RuneSelf { // a control character
				r = "\uFFFD"
				break
			}
			n, bad := runeAt(s, i)
			if bad {
				b = append(b, s[last:i]...)
				b = append(b, "\uFFFD"...)
				last = i + n
			}
			i += n - 1
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, r...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// textSpecial marks the bytes appendText must look at: what it escapes,
// control characters, and the first byte of every multi-byte character.
var textSpecial = func() (t [256]bool) {
	for _, c := range []byte("\x00\"&'+<>\x7f") {
		t[c] = true
	}
	for c := 1; c < 0x20; c++ {
		t[c] = c != '\t' && c != '\n' && c != '\r'
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	return t
}()

// runeAt returns the length of the character at s[i] and whether HTML
// calls it a parse error: a C1 control, a noncharacter, or a byte that is
// not UTF-8.
func runeAt(s string, i int) (int, bool) {
	r, n := utf8.DecodeRuneInString(s[i:])
	return n, badRune(r)
}

func badRune(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
		r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe || r == utf8.RuneError
}

// clean replaces what appendText replaces by U+FFFD, for texts that go
// through html/template (the page heads, the index).
func clean(s string) string {
	ok := true
	for _, r := range s {
		if badRune(r) && r != 0 {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if badRune(r) && r != 0 {
			r = '\uFFFD'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// safeLink tells whether a URL may be a link target: http, https and
// mailto, as html/template allows; anything else (javascript:, data:) is
// shown as text.
func safeLink(u string) bool {
	scheme, _, ok := strings.Cut(u, ":")
	if !ok || strings.Contains(scheme, "/") {
		return false // the site links only to absolute URLs
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// appendURL appends a link target for an href attribute: bytes a URL may
// not hold are percent-encoded (valid escapes kept), then the result is
// escaped as an attribute value, as html/template does. Both in one pass:
// of what a normalised URL holds, only '&' and '+' are escaped as text.
func appendURL(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlPlain[c] {
			continue
		}
		var r string
		switch {
		case c == '&':
			r = "&amp;"
		case c == '+':
			r = "&#43;"
		case urlKeep[c] || c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		b = append(b, s[last:i]...)
		if r != "" {
			b = append(b, r...)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&0xF])
		}
		last = i + 1
	}
	return append(b, s[last:]...)
}

// urlKeep marks the bytes a normalised URL keeps as they are.
var urlKeep = func() (t [256]bool) {
	for _, c := range []byte("!#$&*+,/:;=?@[]-._~") {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	return t
}()

// urlPlain marks the bytes appendURL copies as they are: those a
// normalised URL keeps, but '&' and '+', which are escaped as text.
var urlPlain = func() (t [256]bool) {
	t = urlKeep
	t['&'], t['+'] = false, false
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// appendDutchDate writes dutchDate(d) without building the string.
func appendDutchDate(b []byte, d string) []byte {
	if !isDate(d) {
		return appendText(b, d)
	}
	if d[8] != '0' {
		b = append(b, d[8])
	}
	b = append(b, d[9], ' ')
	b = append(b, dutchMonths[int(d[5]-'0')*10+int(d[6]-'0')-1]...)
	b = append(b, ' ')
	return append(b, d[:4]...)
}

// isDate is datePattern.MatchString without the regular expression.
func isDate(d string) bool {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return false
	}
	for _, i := range [...]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	m := int(d[5]-'0')*10 + int(d[6]-'0')
	day := int(d[8]-'0')*10 + int(d[9]-'0')
	return m >= 1 && m <= 12 && day >= 1 && day <= 31
}

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// appendEvaluation writes an evaluation's article, and returns where a
// quote of the section goes: after the article's heading and meta line.
func appendEvaluation(b []byte, v *evalView) ([]byte, int) {
	b = append(b, `<article class="evaluation" id="`...)
	b = appendText(b, v.Anchor)
	b = append(b, `" data-evaluation="`...)
	b = appendText(b, v.IRI)
	b = append(b, `" data-decisions="`...)
	b = appendInt(b, v.Decisions)
	b = append(b, `" data-references="`...)
	b = appendInt(b, len(v.Refs))
	b = append(b, `" data-unresolved="`...)
	b = appendInt(b, v.Unresolved)
	b = append(b, "\">\n<h2>"...)
	if v.Name != "" {
		b = appendText(b, v.Name)
	} else {
		b = append(b, "Evaluatie "...)
		b = appendText(b, v.ID)
	}
	b = append(b, "</h2>\n<p class=\"meta\">"...)
	if v.File != "" {
		b = append(b, "Rapport <code>"...)
		b = appendText(b, v.File)
		b = append(b, "</code> · "...)
	}
	b = append(b, `<span class="iri">`...)
	b = appendText(b, v.IRI)
	b = append(b, "</span></p>\n"...)
	quoteAt := len(b)
	for _, g := range v.Groups {
		b = append(b, "<h3>"...)
		b = appendText(b, g.Heading)
		b = append(b, "</h3>\n"...)
		open, close := `<p data-statement="`, "</p>\n"
		if g.List {
			b = append(b, "<ul class=\"statements\">\n"...)
			open, close = `<li data-statement="`, "</li>\n"
		}
		for i := range g.Items {
			st := &g.Items[i]
			b = append(b, open...)
			b = appendInt(b, st.Position)
			b = append(b, `">`...)
			b = appendStatement(b, st, v.ID)
			b = append(b, close...)
		}
		if g.List {
			b = append(b, "</ul>\n"...)
		}
	}
	b = append(b, "<h3>Referenties</h3>\n"...)
	if len(v.Refs) == 0 {
		b = append(b, "<p>Dit rapport heeft geen referentielijst.</p>\n"...)
	} else {
		b = append(b, "<ul class=\"refs\">\n"...)
		for i := range v.Refs {
			b = appendReference(b, &v.Refs[i], v.ID)
		}
		b = append(b, "</ul>\n"...)
	}
	b = append(b, "<script type=\"application/ld+json\">\n"...)
	b = append(b, v.Block...)
	return append(b, "\n</script>\n</article>\n"...), quoteAt
}

// appendReferenceAnchor writes ReferenceAnchor(id, n) as appendText would,
// without building the string: a page links every citation.
func appendReferenceAnchor(b []byte, id string, n int) []byte {
	b = append(b, "ref-"...)
	b = appendText(b, id)
	b = append(b, '-')
	return appendInt(b, n)
}

func appendStatement(b []byte, st *stmtView, id string) []byte {
	if st.Topic != "" {
		b = append(b, "<strong>"...)
		b = appendText(b, st.Topic)
		b = append(b, "</strong>: "...)
	}
	b = appendText(b, st.Text)
	for _, c := range st.Cites {
		if c.Dangling {
			b = append(b, ` <span class="cite dangling" data-dangling="`...)
			b = appendInt(b, c.N)
			b = append(b, `">[`...)
			b = appendInt(b, c.N)
			b = append(b, `] <span class="status">(verwijzing ontbreekt)</span></span>`...)
			continue
		}
		b = append(b, ` <a class="cite" href="#`...)
		b = appendReferenceAnchor(b, id, c.N) // ids are made of URL-safe characters
		b = append(b, `">[`...)
		b = appendInt(b, c.N)
		b = append(b, "]</a>"...)
	}
	for _, a := range st.Agreement {
		b = append(b, ' ')
		b = append(b, a...)
	}
	return b
}

func appendReference(b []byte, r *refView, id string) []byte {
	b = append(b, `<li id="`...)
	b = appendReferenceAnchor(b, id, r.N)
	b = append(b, `" data-ref="`...)
	b = appendInt(b, r.N)
	b = append(b, `" data-status="`...)
	b = appendText(b, r.Status)
	b = append(b, `"><span class="refnum">[`...)
	b = appendInt(b, r.N)
	b = append(b, "]</span> "...)
	if r.Date != "" {
		b = append(b, `<time datetime="`...)
		b = appendText(b, r.Date)
		b = append(b, `">`...)
		b = appendDutchDate(b, r.Date)
		b = append(b, "</time>"...)
	} else {
		b = append(b, `<span class="nodate">zonder datum</span>`...)
	}
	b = append(b, " · "...)
	title := r.Title
	if title == "" {
		title = "(zonder titel)"
	}
	if r.Href != "" {
		b = append(b, `<a href="`...)
		b = appendURL(b, r.Href)
		b = append(b, `">`...)
		b = appendText(b, title)
		b = append(b, "</a>"...)
	} else {
		b = appendText(b, title)
	}
	b = append(b, ` <span class="status status-`...)
	b = appendText(b, r.Status)
	b = append(b, `">`...)
	b = appendText(b, r.StatusText)
	b = append(b, "</span>"...)
	if r.SearchHref != "" {
		b = append(b, ` <a class="search" href="`...)
		b = appendURL(b, r.SearchHref)
		b = append(b, `">zoekopdracht</a>`...)
	}
	if r.Uncited {
		b = append(b, ` <span class="status">niet geciteerd in de tekst</span>`...)
	}
	if r.Raw != "" {
		b = append(b, " <code>"...)
		b = appendText(b, r.Raw)
		b = append(b, "</code>"...)
	}
	if r.ThemisTitle != "" {
		b = append(b, `<br /><span class="themis">In Themis: `...)
		b = appendText(b, r.ThemisTitle)
		b = append(b, "</span>"...)
	}
	if r.Snippet != "" {
		b = append(b, `<br /><span class="snippet">`...)
		b = appendText(b, r.Snippet)
		b = append(b, "</span>"...)
	}
	return append(b, "</li>\n"...)
}
