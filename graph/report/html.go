package report

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Reports quote titles such as "Wijziging decreet <Basisonderwijs II>" or
// "<Visienota> klimaat". CommonMark takes any <name …> for raw HTML, so
// those words would vanish with the markup. Here only the names of HTML
// elements make markup; anything else in angle brackets is text, kept as
// written.

// htmlClass says how an element's tags are rendered as text.
type htmlClass uint8

const (
	// htmlOther: the tags are dropped with a warning (the text between them is kept).
	htmlOther htmlClass = iota
	// htmlInline: formatting that wraps text; the tags vanish.
	htmlInline
	// htmlBreak: the tags become white space.
	htmlBreak
)

// elements are the element names of the HTML Living Standard, the obsolete
// ones browsers still know, and svg and math.
var elements = func() map[string]htmlClass {
	m := map[string]htmlClass{}
	for _, name := range strings.Fields(`
		a abbr address area article aside audio b base bdi bdo blockquote body br
		button canvas caption cite code col colgroup data datalist dd del details
		dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2
		h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label
		legend li link main map mark math menu meta meter nav noscript object ol
		optgroup option output p picture pre progress q rp rt ruby s samp script
		search section select selectedcontent slot small source span strong style
		sub summary sup svg table tbody td template textarea tfoot th thead time
		title tr track u ul var video wbr
		acronym applet basefont bgsound big blink center dir font frame frameset
		image isindex keygen listing marquee menuitem multicol nextid nobr noembed
		noframes param plaintext rb rtc spacer strike tt xmp`) {
		m[name] = htmlOther
	}
	for _, name := range strings.Fields(`
		a abbr acronym b bdi bdo big blink cite code data del dfn em font i ins kbd
		mark nobr q s samp small span strike strong sub sup time tt u var wbr`) {
		m[name] = htmlInline
	}
	// details and summary are the report anatomy itself.
	for _, name := range strings.Fields(`br p div center details summary hr`) {
		m[name] = htmlBreak
	}
	return m
}()

// element looks name up without allocating. Markup is written in lower
// or upper case (<b>, <BR>); a capitalised name such as <Data>, <Time> or
// <Title> is a word in a Dutch title, though it is an element name too.
func element[T string | []byte](name T) (htmlClass, bool) {
	var buf [16]byte
	if len(name) == 0 || len(name) > len(buf) {
		return 0, false
	}
	upper, lower := false, false
	for i := range len(name) {
		c := name[i]
		switch {
		case 'A' <= c && c <= 'Z':
			upper = true
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z':
			lower = true
		}
		buf[i] = c
	}
	if upper && lower {
		return 0, false
	}
	class, ok := elements[string(buf[:len(name)])]
	return class, ok
}

// htmlStart tells whether line, at a '<' (after up to three spaces for a
// block), may start HTML: a comment, declaration, processing instruction or
// CDATA section, or a tag whose name is an element name. The goldmark
// parsers decide the rest.
func htmlStart[T string | []byte](line T) bool {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	if i+1 >= len(line) || line[i] != '<' {
		return true
	}
	i++
	switch line[i] {
	case '!', '?':
		return true
	case '/':
		i++
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}
	j := i
	for j < len(line) && isNameByte(line[j], j == i) {
		j++
	}
	_, ok := element(line[i:j])
	return ok
}

func isNameByte(c byte, first bool) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || !first && ('0' <= c && c <= '9' || c == '-')
}

type rawHTMLParser struct{ parser.InlineParser }

func (r rawHTMLParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if line, _ := block.PeekLine(); !htmlStart(line) {
		return nil
	}
	return r.InlineParser.Parse(parent, block, pc)
}

type htmlBlockParser struct{ parser.BlockParser }

func (h htmlBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if line, _ := reader.PeekLine(); !htmlStart(line) {
		return nil, parser.NoChildren
	}
	return h.BlockParser.Open(parent, reader, pc)
}

// newMarkdown is goldmark's default parser with the HTML parsers narrowed
// to element names.
func newMarkdown() parser.Parser {
	blocks := parser.DefaultBlockParsers()
	for i, b := range blocks {
		if b.Value == parser.NewHTMLBlockParser() {
			blocks[i].Value = htmlBlockParser{parser.NewHTMLBlockParser()}
		}
	}
	inlines := parser.DefaultInlineParsers()
	for i, b := range inlines {
		if b.Value == parser.NewRawHTMLParser() {
			inlines[i].Value = rawHTMLParser{parser.NewRawHTMLParser()}
		}
	}
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
}

// htmlKind is the kind of an HTML construct.
type htmlKind uint8

const (
	htmlStartTag htmlKind = iota
	htmlEndTag
	htmlComment
	htmlInstruction
	htmlDeclaration
	htmlCDATA
)

// construct is one piece of HTML markup.
type construct struct {
	kind  htmlKind
	name  string // lower-case element name of a tag; the keyword of a declaration
	attrs bool
	class htmlClass
}

// describe names the construct in warnings: enough to find it, never its
// whole text.
func (c construct) describe() string {
	switch c.kind {
	case htmlEndTag:
		return "</" + c.name + ">"
	case htmlComment:
		return "comment <!-- … -->"
	case htmlInstruction:
		return "processing instruction <?…?>"
	case htmlDeclaration:
		return "declaration <!" + c.name + " …>"
	case htmlCDATA:
		return "CDATA section <![CDATA[…]]>"
	}
	if c.attrs {
		return "<" + c.name + " …>"
	}
	return "<" + c.name + ">"
}

// scanner reads HTML constructs in s. It remembers where a search for a
// closer failed: once "-->" is not found after some '<', it is not after
// any later one either, and looking again for every unclosed "<!--" would
// take time quadratic in the input.
type scanner struct {
	s string
	// none[k] > 0: closer k starts nowhere at or after none[k]-1.
	none [closers]int
}

// The closers the scanner searches for.
const (
	closeComment = iota
	closeInstruction
	closeCDATA
	closeGT
	closeQuote
	closeApostrophe
	closers
)

// find is the index of the first closer at or after from, or -1.
func (sc *scanner) find(from int, closer string, k int) int {
	limit := len(sc.s)
	if n := sc.none[k]; n > 0 {
		if from >= n-1 {
			return -1
		}
		limit = min(limit, n-1+len(closer)-1)
	}
	at := strings.Index(sc.s[from:limit], closer)
	if at < 0 {
		sc.none[k] = from + 1
		return -1
	}
	return from + at
}

// scan reads the construct at s[i] == '<' as CommonMark reads raw HTML, but
// a tag counts only with an element name. It returns the end of the
// construct, or ok false when s[i] is just a '<'.
func (sc *scanner) scan(i int) (c construct, end int, ok bool) {
	s := sc.s
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, "<!--"):
		c.kind = htmlComment
		if strings.HasPrefix(rest, "<!-->") {
			return c, i + 5, true
		}
		if strings.HasPrefix(rest, "<!--->") {
			return c, i + 6, true
		}
		return sc.closeWith(c, i+4, "-->", closeComment)
	case strings.HasPrefix(rest, "<?"):
		c.kind = htmlInstruction
		return sc.closeWith(c, i+2, "?>", closeInstruction)
	case strings.HasPrefix(rest, "<![CDATA["):
		c.kind = htmlCDATA
		return sc.closeWith(c, i+9, "]]>", closeCDATA)
	case len(rest) > 2 && rest[1] == '!' && 'A' <= rest[2]&0xDF && rest[2]&0xDF <= 'Z':
		c.kind = htmlDeclaration
		j := 2
		for j < len(rest) && j < 22 && isNameByte(rest[j], true) {
			j++
		}
		c.name = strings.ToUpper(rest[2:j])
		return sc.closeWith(c, i+2, ">", closeGT)
	case len(rest) > 2 && rest[1] == '/':
		c.kind = htmlEndTag
		j := tagName(&c, rest, 2)
		if j < 0 {
			return c, 0, false
		}
		j = skipHTMLSpace(rest, j)
		if j < len(rest) && rest[j] == '>' {
			return c, i + j + 1, true
		}
		return c, 0, false
	}
	j := tagName(&c, rest, 1)
	if j < 0 {
		return c, 0, false
	}
	for {
		k := skipHTMLSpace(rest, j)
		if k < len(rest) && rest[k] == '>' {
			return c, i + k + 1, true
		}
		if strings.HasPrefix(rest[k:], "/>") {
			return c, i + k + 2, true
		}
		if k == j {
			return c, 0, false // an attribute needs white space before it
		}
		j = sc.attribute(i, k)
		if j < 0 {
			return c, 0, false
		}
		c.attrs = true
	}
}

func (sc *scanner) closeWith(c construct, from int, closer string, k int) (construct, int, bool) {
	if from > len(sc.s) {
		return c, 0, false
	}
	at := sc.find(from, closer, k)
	if at < 0 {
		return c, 0, false
	}
	return c, at + len(closer), true
}

// tagName reads an element name at s[j]; -1 when there is none.
func tagName(c *construct, s string, j int) int {
	k := j
	for k < len(s) && isNameByte(s[k], k == j) {
		k++
	}
	class, ok := element(s[j:k])
	if !ok {
		return -1
	}
	c.name, c.class = strings.ToLower(s[j:k]), class
	return k
}

// attribute reads name, and optionally = value, at s[i+j]; the end
// relative to i, or -1 when malformed.
func (sc *scanner) attribute(i, j int) int {
	s := sc.s[i:]
	k := j
	for k < len(s) && (isNameByte(s[k], true) || s[k] == '_' || s[k] == ':' || k > j && (s[k] == '.' || s[k] == '-' || '0' <= s[k] && s[k] <= '9')) {
		k++
	}
	if k == j {
		return -1
	}
	v := skipHTMLSpace(s, k)
	if v >= len(s) || s[v] != '=' {
		return k
	}
	v = skipHTMLSpace(s, v+1)
	if v >= len(s) {
		return -1
	}
	switch q := s[v]; q {
	case '"':
		if end := sc.find(i+v+1, `"`, closeQuote); end >= 0 {
			return end - i + 1
		}
		return -1
	case '\'':
		if end := sc.find(i+v+1, "'", closeApostrophe); end >= 0 {
			return end - i + 1
		}
		return -1
	}
	e := v
	for e < len(s) && !strings.ContainsRune("\"'=<>` \t\n\r\f\v", rune(s[e])) {
		e++
	}
	if e == v {
		return -1
	}
	return e
}

func skipHTMLSpace(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' || s[j] == '\f' || s[j] == '\v') {
		j++
	}
	return j
}

// markup writes what a construct renders as: nothing for formatting tags,
// a space for breaks, and a space with a warning for everything else.
func (p *parse) markup(b *strings.Builder, c construct, line int) {
	if c.kind == htmlStartTag || c.kind == htmlEndTag {
		switch c.class {
		case htmlInline:
			return
		case htmlBreak:
			b.WriteByte(' ')
			return
		}
	}
	b.WriteByte(' ')
	p.htmlIgnored(line, c, "")
}

// htmlIgnored warns once per line and element (or kind of construct), so
// that a table gives one warning per kind of cell, not one per tag.
func (p *parse) htmlIgnored(line int, c construct, how string) {
	key := htmlWarning{line: line, kind: c.kind, name: c.name}
	if c.kind == htmlEndTag {
		key.kind = htmlStartTag
	}
	if p.htmlWarned == nil {
		p.htmlWarned = map[htmlWarning]bool{}
	}
	if p.htmlWarned[key] {
		return
	}
	p.htmlWarned[key] = true
	p.warn(line, "HTML %s ignored%s", c.describe(), how)
}

type htmlWarning struct {
	line int
	kind htmlKind
	name string
}

// renderHTML renders the markup in s as text (see markup) and keeps
// everything else, '<' of no construct included, as written. line is the
// line s starts on. Line breaks inside a construct are kept, so that line
// numbers still count in the result. With toEOL it stops after the first
// line break outside markup; read is how far it got.
func (p *parse) renderHTML(s string, line int, toEOL bool) (out string, read int) {
	stop := len(s)
	if toEOL {
		if nl := strings.IndexByte(s, '\n'); nl >= 0 {
			stop = nl + 1
		}
	}
	if strings.IndexByte(s[:stop], '<') < 0 {
		return s[:stop], stop
	}
	var b strings.Builder
	b.Grow(stop)
	sc := scanner{s: s}
	from, counted := 0, 0 // line is the line of s[counted]
	for i := 0; i < stop; {
		k := strings.IndexByte(s[i:stop], '<')
		if k < 0 {
			break
		}
		i += k
		c, end, ok := sc.scan(i)
		if !ok {
			i++
			continue
		}
		line += strings.Count(s[counted:i], "\n")
		counted = i
		b.WriteString(s[from:i])
		p.markup(&b, c, line)
		for n := strings.Count(s[i:end], "\n"); n > 0; n-- {
			b.WriteByte('\n')
		}
		from, i = end, end
		if toEOL && end >= stop {
			// The construct ran over the line break: read on to the next.
			stop = len(s)
			if nl := strings.IndexByte(s[end:], '\n'); nl >= 0 {
				stop = end + nl + 1
			}
		}
	}
	b.WriteString(s[from:stop])
	return b.String(), stop
}

// rawHTML renders an inline HTML node.
func (p *parse) rawHTML(b *strings.Builder, n *ast.RawHTML, s *source) {
	if n.Segments.Len() == 0 {
		return
	}
	var raw string
	if n.Segments.Len() == 1 {
		seg := n.Segments.At(0)
		raw = string(seg.Value(s.src))
	} else {
		var r strings.Builder
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			r.Write(seg.Value(s.src))
		}
		raw = r.String()
	}
	sc := scanner{s: raw}
	c, end, ok := sc.scan(0)
	if !ok || end != len(raw) {
		// goldmark saw markup where the scanner does not: keep it as written
		// rather than lose it.
		b.WriteString(raw)
		return
	}
	p.markup(b, c, p.lineAt(s, n.Segments.At(0).Start))
}
