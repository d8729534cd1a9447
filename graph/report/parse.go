package report

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// markdown is shared: goldmark parsers are safe for concurrent use.
var markdown = newMarkdown()

var (
	sectionNumberOnly = regexp.MustCompile(`^\d{1,3}(?:\.\d{1,3}){0,3}$`)
	sectionNumber     = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3}){0,3})\.?(?:\s+|$)`)
	summaryTag        = regexp.MustCompile(`(?is)<summary[^>]*>(.*?)</summary>`)
)

// Parse reads one report. name is used in warnings and errors. A report
// that cannot be used at all gives a *ParseError; problems that leave it
// usable are returned as warnings, in line order.
func Parse(name string, src []byte) (*Evaluation, []Warning, error) {
	if line, ok := textLine(src); !ok {
		return nil, nil, &ParseError{File: name, Line: line, Err: ErrNotText}
	}
	src = normalise(src)
	if len(src) == 0 {
		return nil, nil, &ParseError{File: name, Err: ErrEmpty}
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, nil, &ParseError{File: name, Err: fmt.Errorf("%w (only white space)", ErrEmpty)}
	}
	p := &parse{
		name:  name,
		src:   src,
		lines: lineStarts(src),
		ev:    &Evaluation{File: name, Digest: sha256.Sum256(src)},
		refAt: map[int]int{},
	}
	doc := markdown.Parse(text.NewReader(src))
	p.blocks(doc, &source{src: src})
	if p.ev.Section.Number == "" && !p.sawSection && len(p.ev.References) == 0 {
		return nil, nil, &ParseError{File: name, Err: fmt.Errorf("%w: no agreement section block and no reference list", ErrNotReport)}
	}
	if !p.sawSection {
		p.warn(0, "no agreement section block (<details><summary>Regeerakkoord Sectie</summary>…)")
	}
	p.crossCheck()
	p.preferWrittenTitle()
	sort.SliceStable(p.warnings, func(i, j int) bool { return p.warnings[i].Line < p.warnings[j].Line })
	return p.ev, p.warnings, nil
}

type parse struct {
	name     string
	src      []byte
	lines    []int // byte offset of each line start
	ev       *Evaluation
	warnings []Warning

	part           Part
	partFromHead   bool // the current part was set by a heading, not inferred
	sawList        bool
	inItem         int  // reading blocks nested in a list item
	itemPart       Part // the part of that item
	inMarkerList   bool // under a "Referenties" heading: marker lines, not statements
	sawSection     bool
	pendingSection int // line of a section summary whose body is still to come
	refAt          map[int]int
	htmlDepth      int // HTML blocks being parsed as sub-documents
	inFragment     int // parsing text rebuilt from HTML markup
	htmlWarned     map[htmlWarning]bool
	headingLines   []int // lines of the level-1 headings
}

// source is the text a (sub-)document was parsed from: the report from
// offset on, or, when line > 0, text rebuilt from HTML markup that starts
// on that line of the report and keeps its line breaks.
type source struct {
	src    []byte
	offset int
	line   int
}

func (p *parse) lineAt(s *source, pos int) int {
	if s.line > 0 {
		return s.line + bytes.Count(s.src[:pos], []byte("\n"))
	}
	return p.lineOf(s.offset + pos)
}

// textLine tells whether src is UTF-8 text; if not, the line of the first
// offending byte.
func textLine(src []byte) (int, bool) {
	bad := bytes.IndexByte(src, 0)
	if utf8.Valid(src) && bad < 0 {
		return 0, true
	}
	if bad < 0 || !utf8.Valid(src[:bad]) {
		for i := 0; i < len(src); {
			r, w := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && w == 1 {
				bad = i
				break
			}
			i += w
		}
	}
	return bytes.Count(src[:bad], []byte("\n")) + 1, false
}

// normalise drops a UTF-8 BOM and turns CRLF and CR into LF, so digests and
// line numbers do not depend on the editor that saved the file.
func normalise(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func (p *parse) lineOf(offset int) int {
	return sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > offset })
}

func (p *parse) warn(line int, format string, args ...any) {
	p.warnings = append(p.warnings, Warning{File: p.name, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// blockLine is the line a block starts on: the first line of the first
// block with lines, looking into lists and quotes.
func (p *parse) blockLine(n ast.Node, s *source) int {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return p.lineAt(s, n.Lines().At(0).Start)
		}
	}
	return 0
}

// blocks walks the blocks of a document or container in order.
func (p *parse) blocks(doc ast.Node, s *source) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p.block(n, s)
	}
}

func (p *parse) block(n ast.Node, s *source) {
	line := p.blockLine(n, s)
	switch n := n.(type) {
	case *ast.Heading:
		p.heading(n, s, line)
	case *ast.HTMLBlock:
		p.htmlBlock(n, s)
	case *ast.Paragraph:
		p.paragraph(n, s, line)
	case *ast.List:
		p.list(n, s)
	case *ast.Blockquote:
		p.blocks(n, s)
	case *ast.ThematicBreak, *ast.LinkReferenceDefinition:
	default:
		// Code blocks and the like carry no statements; say so rather
		// than drop them silently.
		if t := strings.TrimSpace(string(n.Lines().Value(s.src))); t != "" {
			p.warn(line, "%s ignored: not part of the report anatomy", strings.ToLower(n.Kind().String()))
		}
	}
}

func (p *parse) heading(h *ast.Heading, s *source, line int) {
	title := collapse(unescape(p.inlineRaw(h, s)))
	if h.Level == 1 {
		if p.ev.Title == "" {
			p.ev.Title, p.ev.TitleLine = title, line
		} else {
			p.ev.Headings = append(p.ev.Headings, title)
		}
		p.headingLines = append(p.headingLines, line)
		return
	}
	p.inMarkerList = false
	switch lower := strings.ToLower(title); {
	case strings.Contains(lower, "referentie") || strings.Contains(lower, "bronnen"):
		p.inMarkerList = true
	case strings.Contains(lower, "conclusie") || strings.Contains(lower, "conclusion"):
		p.part, p.partFromHead = PartConclusion, true
	case strings.Contains(lower, "samenvatting") || strings.Contains(lower, "summary"):
		p.part, p.partFromHead = PartSummary, true
	default:
		p.part, p.partFromHead = PartDetail, true
	}
}

// paragraphPart is the part a loose paragraph belongs to: prose after the
// detail list, with no heading saying otherwise, is the conclusion.
func (p *parse) paragraphPart() Part {
	if p.inItem > 0 {
		return p.itemPart
	}
	if !p.partFromHead && p.part == PartSummary && p.sawList {
		return PartConclusion
	}
	return p.part
}

func (p *parse) paragraph(n *ast.Paragraph, s *source, line int) {
	if p.pendingSection > 0 {
		p.sectionBody(unescape(p.inlineRaw(n, s)), line)
		return
	}
	if p.reference(n, s, line) {
		return
	}
	raw := p.inlineRaw(n, s)
	plain := collapse(unescape(raw))
	switch strings.ToLower(strings.Trim(plain, " :*")) {
	case "samenvatting":
		p.part, p.partFromHead = PartSummary, true
		return
	case "conclusie":
		p.part, p.partFromHead = PartConclusion, true
		return
	case "referenties":
		p.inMarkerList = true
		return
	}
	if p.inMarkerList && onlyMarkers(raw) {
		return
	}
	p.statement(p.paragraphPart(), "", raw, line)
}

func (p *parse) list(l *ast.List, s *source) {
	// A list is the detail part, also when it follows summary prose without
	// a heading (the numbered style); only under "Conclusie" it concludes.
	p.sawList = true
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		line := p.blockLine(item, s)
		var raw strings.Builder
		topic := ""
		// Nested lists (and quotes and the like) come after the item's own
		// text, so that a nested item follows its parent and comes before
		// the parent's next sibling.
		var nested []ast.Node
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				if raw.Len() == 0 {
					if t, rest, ok := p.topicLead(c, s); ok {
						topic = t
						raw.WriteString(rest)
						continue
					}
				} else {
					raw.WriteString(" ")
				}
				raw.WriteString(p.inlineRaw(c, s))
			default:
				nested = append(nested, c)
			}
		}
		part := PartDetail
		if p.partFromHead && p.part == PartConclusion {
			part = PartConclusion
		}
		p.statement(part, topic, raw.String(), line)
		if nested != nil {
			outer := p.itemPart
			p.inItem++
			for _, c := range nested {
				p.itemPart = part
				p.block(c, s)
			}
			p.inItem--
			p.itemPart = outer
		}
	}
}

// topicLead splits "**Topic**: text" into its topic and the rest.
func (p *parse) topicLead(n ast.Node, s *source) (topic, rest string, ok bool) {
	first, ok := n.FirstChild().(*ast.Emphasis)
	if !ok || first.Level != 2 || first.NextSibling() == nil {
		return "", "", false
	}
	var after strings.Builder
	for c := first.NextSibling(); c != nil; c = c.NextSibling() {
		p.writeInline(&after, c, s)
	}
	r := after.String()
	t := collapse(unescape(p.inlineRaw(first, s)))
	if strings.HasSuffix(t, ":") {
		return strings.TrimSpace(strings.TrimSuffix(t, ":")), r, true
	}
	if trimmed := strings.TrimLeft(r, " "); strings.HasPrefix(trimmed, ":") {
		return t, trimmed[1:], true
	}
	return "", "", false
}

func (p *parse) statement(part Part, topic, raw string, line int) {
	var st Statement
	var b strings.Builder
	seenCite := map[int]bool{}
	seenAgreement := map[string]bool{}
	from := 0
	for {
		m, ok := nextMarker(raw, from)
		if !ok {
			b.WriteString(raw[from:])
			break
		}
		b.WriteString(raw[from:m.start])
		from = m.end
		if m.agreement {
			if !seenAgreement[m.section] {
				seenAgreement[m.section] = true
				st.AgreementRefs = append(st.AgreementRefs, m.section)
			}
		} else if !seenCite[m.citation] {
			seenCite[m.citation] = true
			st.Citations = append(st.Citations, m.citation)
		}
		// "tekst \[0\]." reads "tekst." once the marker is gone.
		rest := raw[from:]
		next, _ := utf8.DecodeRuneInString(rest)
		if rest == "" || unicode.IsSpace(next) || strings.ContainsRune(".,;:!?)", next) || next == '[' || next == '\\' {
			trimmed := strings.TrimRight(b.String(), " \t\n")
			b.Reset()
			b.WriteString(trimmed)
		}
	}
	st.Text = collapse(unescape(b.String()))
	if st.Text == "" && topic == "" && len(st.Citations) == 0 && len(st.AgreementRefs) == 0 {
		return
	}
	st.Part, st.Topic, st.Line = part, collapse(topic), line
	st.Position = len(p.ev.Statements) + 1
	p.ev.Statements = append(p.ev.Statements, st)
}

// marker is a citation marker ([3], \[3\]) or an agreement marker
// ([Regeerakkoord], [Regeerakkoord: 4.3.2]) found in raw inline text.
type marker struct {
	start, end int
	agreement  bool
	citation   int
	section    string // of an agreement marker; "" for the bare form
}

// nextMarker scans for the first marker at or after from. A hand scanner:
// markers are dense in reports and regexps made parsing four times slower.
func nextMarker(s string, from int) (marker, bool) {
	for from < len(s) {
		i := strings.IndexByte(s[from:], '[')
		if i < 0 {
			return marker{}, false
		}
		open := from + i
		from = open + 1
		start := open
		if open > 0 && s[open-1] == '\\' {
			start = open - 1
		}
		if m, ok := markerAt(s, open+1); ok {
			m.start = start
			return m, true
		}
	}
	return marker{}, false
}

// markerAt reads what follows '[' at i.
func markerAt(s string, i int) (marker, bool) {
	j := i
	for j < len(s) && isDigit(s[j]) && j-i < 6 {
		j++
	}
	if j > i {
		n, _ := strconv.Atoi(s[i:j])
		if end, ok := closeBracket(s, j); ok {
			return marker{end: end, citation: n}, true
		}
		return marker{}, false
	}
	j = skipSpaces(s, i)
	const word = "regeerakkoord"
	if len(s)-j < len(word) || !strings.EqualFold(s[j:j+len(word)], word) {
		return marker{}, false
	}
	j = skipSpaces(s, j+len(word))
	m := marker{agreement: true}
	if j < len(s) && s[j] == ':' {
		j = skipSpaces(s, j+1)
		k := j
		for k < len(s) && (isDigit(s[k]) || s[k] == '.') {
			k++
		}
		num := strings.TrimSuffix(s[j:k], ".")
		if !sectionNumberOnly.MatchString(num) {
			return marker{}, false
		}
		m.section = num
		j = skipSpaces(s, k)
	}
	end, ok := closeBracket(s, j)
	m.end = end
	return m, ok
}

func closeBracket(s string, j int) (int, bool) {
	if j < len(s) && s[j] == '\\' {
		j++
	}
	if j < len(s) && s[j] == ']' {
		return j + 1, true
	}
	return 0, false
}

func skipSpaces(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	return j
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func onlyMarkers(raw string) bool {
	var rest strings.Builder
	from := 0
	for {
		m, ok := nextMarker(raw, from)
		if !ok {
			rest.WriteString(raw[from:])
			break
		}
		rest.WriteString(raw[from:m.start])
		from = m.end
	}
	return strings.Trim(rest.String(), " ,;\t\n") == ""
}

// maxHTMLDepth bounds HTML blocks inside HTML blocks (through lists and
// quotes): each level parses the rest of its block again.
const maxHTMLDepth = 8

func (p *parse) htmlBlock(n *ast.HTMLBlock, s *source) {
	lines := make([]text.Segment, 0, n.Lines().Len()+1)
	for i := 0; i < n.Lines().Len(); i++ {
		lines = append(lines, n.Lines().At(i))
	}
	if n.HasClosure() {
		lines = append(lines, n.ClosureLine)
	}
	var raw strings.Builder
	starts := make([]int, len(lines)) // of each line in block
	for i, seg := range lines {
		starts[i] = raw.Len()
		raw.Write(seg.Value(s.src))
	}
	block := raw.String()
	first := p.lineAt(s, lines[0].Start)
	if m := summaryTag.FindStringSubmatchIndex(block); m != nil {
		label := strings.ToLower(block[m[2]:m[3]])
		if strings.Contains(label, "regeerakkoord") {
			if p.sawSection {
				p.warn(first, "second agreement section block ignored")
				return
			}
			p.sawSection = true
			p.pendingSection = first
			body := block[m[1]:]
			line := first + strings.Count(block[:m[1]], "\n")
			if t, _ := p.renderHTML(body, line, false); strings.TrimSpace(t) != "" {
				if lead := len(body) - len(strings.TrimLeft(body, " \t\n")); lead > 0 {
					line += strings.Count(body[:lead], "\n")
				}
				p.sectionBody(html.UnescapeString(t), line)
			}
			return
		}
	}
	if p.pendingSection > 0 {
		if t, _ := p.renderHTML(block, first, false); strings.TrimSpace(t) != "" {
			p.sectionBody(html.UnescapeString(t), first)
			return
		}
	}
	// Generators put the first reference entry inside the <details> block:
	// whatever is not a tag line is markdown, parsed in place.
	p.subDocument(n, s, lines, starts, block, first)
}

// subDocument reads an HTML block: the text of its leading tag lines, then
// from the first line that is not a tag line on, markdown, parsed in place
// to keep line numbers.
func (p *parse) subDocument(n *ast.HTMLBlock, s *source, lines []text.Segment, starts []int, block string, first int) {
	if p.inFragment > 0 || p.htmlDepth >= maxHTMLDepth {
		// Text rebuilt from markup holds no markup the scanner knows; parsing
		// what goldmark still takes for HTML again would never end.
		t, _ := p.renderHTML(block, first, false)
		p.statement(p.paragraphPart(), "", t, first)
		return
	}
	switch n.HTMLBlockType {
	case ast.HTMLBlockType2, ast.HTMLBlockType3, ast.HTMLBlockType4, ast.HTMLBlockType5:
		p.markupBlock(n, block, first)
		return
	case ast.HTMLBlockType1:
		if name := leadingTag(block); name == "script" || name == "style" {
			p.markupBlock(n, block, first)
			return
		}
	}
	p.htmlDepth++
	defer func() { p.htmlDepth-- }()
	for i := 0; i < len(lines); i++ {
		end := len(block)
		if i+1 < len(lines) {
			end = starts[i+1]
		}
		line := block[starts[i]:end]
		trimmed := strings.TrimLeft(line, " \t")
		if strings.TrimSpace(trimmed) == "" {
			continue
		}
		if trimmed[0] == '<' && htmlStart(trimmed) {
			at := p.lineAt(s, lines[i].Start)
			t, read := p.renderHTML(block[starts[i]:], at, true)
			// A comment or tag may run over more lines.
			for stop := starts[i] + read; i+1 < len(lines) && starts[i+1] < stop; {
				i++
			}
			if strings.TrimSpace(t) != "" {
				p.fragment(t, at)
			}
			continue
		}
		// Skip the indentation that would otherwise make it a code block.
		start := lines[i].Start + len(line) - len(trimmed)
		sub := s.sub(start, lines[len(lines)-1].Stop)
		p.blocks(markdown.Parse(text.NewReader(sub.src)), sub)
		return
	}
}

// sub is the part of s from start to end.
func (s *source) sub(start, end int) *source {
	sub := &source{src: s.src[start:end], offset: s.offset + start}
	if s.line > 0 {
		sub.line = s.line + bytes.Count(s.src[:start], []byte("\n"))
	}
	return sub
}

// leadingTag is the lower-case name of the tag block starts with.
func leadingTag(block string) string {
	i := strings.IndexByte(block, '<') + 1
	j := i
	for j < len(block) && isNameByte(block[j], j == i) {
		j++
	}
	return strings.ToLower(block[i:j])
}

// markupBlock drops an HTML block that is markup from its start: a comment,
// declaration, processing instruction or CDATA section, or a script or
// style element with its content. Text after its end is kept.
func (p *parse) markupBlock(n *ast.HTMLBlock, block string, first int) {
	i := max(strings.IndexByte(block, '<'), 0)
	sc := scanner{s: block}
	c, end, ok := sc.scan(i)
	how := ""
	if n.HTMLBlockType == ast.HTMLBlockType1 {
		c = construct{kind: htmlStartTag, name: leadingTag(block), attrs: c.attrs}
		how, end, ok = " with its content", 0, false
		for k := i + 1; !ok; {
			j := strings.Index(block[k:], "</")
			if j < 0 {
				break
			}
			k += j
			if e, stop, found := sc.scan(k); found && e.kind == htmlEndTag && e.name == c.name {
				end, ok = stop, true
			}
			k += 2
		}
	}
	if !ok {
		// Unclosed: goldmark ran the block to the end of its container.
		end = len(block)
	}
	p.htmlIgnored(first, c, how)
	if rest := block[end:]; strings.TrimSpace(rest) != "" {
		p.fragment(rest, first+strings.Count(block[:end], "\n"))
	}
}

// fragment parses text rebuilt from HTML markup as markdown; line is the
// line it starts on.
func (p *parse) fragment(t string, line int) {
	// Indentation inside HTML is layout, and would make code blocks.
	var b strings.Builder
	b.Grow(len(t))
	for t != "" {
		l := t
		if nl := strings.IndexByte(t, '\n'); nl >= 0 {
			l = t[:nl+1]
		}
		t = t[len(l):]
		b.WriteString(strings.TrimLeft(l, " \t"))
	}
	src := []byte(b.String())
	p.inFragment++
	p.blocks(markdown.Parse(text.NewReader(src)), &source{src: src, line: line})
	p.inFragment--
}

// sectionBody takes the section number and text from body, which is text
// with entities decoded.
func (p *parse) sectionBody(body string, line int) {
	p.pendingSection = 0
	t := collapse(body)
	m := sectionNumber.FindStringSubmatch(t)
	if m == nil {
		p.warn(line, "agreement section block has no section number: %q", clip(t, 40))
		p.ev.Section = Section{Text: t, Line: line}
		return
	}
	p.ev.Section = Section{Number: m[1], Text: strings.TrimSpace(t[len(m[0]):]), Line: line}
}

// reference recognises "**[\[n\]](URL)** : **(YYYY-MM-DD)** Title snippet".
func (p *parse) reference(n *ast.Paragraph, s *source, line int) bool {
	lead := n.FirstChild()
	if e, ok := lead.(*ast.Emphasis); ok && e.FirstChild() != nil && e.FirstChild() == e.LastChild() {
		lead = e.FirstChild()
	}
	link, ok := lead.(*ast.Link)
	if !ok {
		return false
	}
	number, ok := entryNumber(strings.TrimSpace(p.inlineRaw(link, s)))
	if !ok {
		return false
	}
	after := lead.Parent()
	if after == n {
		after = link
	}
	var rest strings.Builder
	for c := after.NextSibling(); c != nil; c = c.NextSibling() {
		p.writeInline(&rest, c, s)
	}
	ref := Reference{Number: number, URL: strings.TrimSpace(unescape(string(link.Destination))), Line: line}
	entry := unescape(rest.String())
	if date, end, ok := entryDate(entry); ok {
		date = strings.TrimSpace(date)
		if _, err := time.Parse("2006-01-02", date); err == nil {
			ref.Date = date
		} else {
			p.warn(line, "reference [%d]: bad date %q (want YYYY-MM-DD)", number, date)
		}
		entry = entry[end:]
	} else {
		entry = strings.TrimLeft(entry, " :")
	}
	p.classify(&ref, strings.TrimSpace(entry))
	if first, dup := p.refAt[number]; dup {
		p.warn(line, "duplicate reference number [%d] (first at line %d); this entry is ignored", number, first)
		return true
	}
	p.refAt[number] = line
	if ref.URL == "" {
		p.warn(line, "reference [%d] has no URL", number)
	}
	p.ev.References = append(p.ev.References, ref)
	return true
}

// entryNumber reads the link text of an entry, "[n]" or "\\[n\\]" (n of at
// most six digits, spaces allowed inside the brackets). By hand: a regexp
// cost a tenth of the parse.
func entryNumber(s string) (int, bool) {
	i := 0
	if i < len(s) && s[i] == '\\' {
		i++
	}
	if i >= len(s) || s[i] != '[' {
		return 0, false
	}
	i = skipBlanks(s, i+1)
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == i || j-i > 6 {
		return 0, false
	}
	n, err := strconv.Atoi(s[i:j])
	if err != nil {
		return 0, false
	}
	k := skipBlanks(s, j)
	if k < len(s) && s[k] == '\\' {
		k++
	}
	if k != len(s)-1 || s[k] != ']' {
		return 0, false
	}
	return n, true
}

// entryDate reads the "(YYYY-MM-DD)" after an entry's link, optionally
// after a colon: the text between the parentheses and where it ends.
func entryDate(s string) (date string, end int, ok bool) {
	i := skipBlanks(s, 0)
	if i < len(s) && s[i] == ':' {
		i++
	}
	i = skipBlanks(s, i)
	if i >= len(s) || s[i] != '(' {
		return "", 0, false
	}
	j := i + 1
	for j < len(s) && s[j] != '(' && s[j] != ')' {
		j++
	}
	if j >= len(s) || s[j] != ')' {
		return "", 0, false
	}
	return s[i+1 : j], j + 1, true
}

// skipBlanks skips ASCII white space (space, tab, line breaks, form feed).
func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') {
		i++
	}
	return i
}

// classify sets Kind, Title and Text. The entry text is the title, then,
// after a run of spaces, a snippet of the decision cut off with "...".
func (p *parse) classify(ref *Reference, entry string) {
	var search url.Values
	if u, err := url.Parse(ref.URL); err == nil {
		host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		switch {
		case host == "themis.vlaanderen.be" && strings.HasPrefix(u.Path, "/id/"):
			ref.Kind = RefThemis
		case host == "beslissingenvlaamseregering.vlaanderen.be":
			ref.Kind = RefSearch
			search = u.Query()
		}
	}
	whole := collapse(entry)
	title := whole
	if at := spaceRun(entry); at >= 0 {
		title = collapse(entry[:at])
	} else if cut := strings.TrimRight(whole, ".… "); cut != whole && (strings.HasSuffix(whole, "...") || strings.HasSuffix(whole, "…")) {
		title = cut
	}
	for _, key := range [...]string{"startDate", "endDate"} {
		// An empty value is no date given, not a wrong one.
		if d := search.Get(key); d != "" && !searchDate(d) {
			p.warn(ref.Line, "reference [%d]: search URL %s %q is not a valid date (want YYYY-MM-DD or an RFC 3339 date-time)", ref.Number, key, clip(d, 40))
		}
	}
	// Percent-decoding can yield bytes that are not UTF-8.
	if s := strings.ToValidUTF8(strings.TrimSpace(search.Get("search")), "\uFFFD"); s != "" {
		title = s
		if d := search.Get("startDate"); ref.Date == "" && searchDate(d) {
			ref.Date = d[:10]
		}
	}
	ref.Title = title
	// Text is kept when it says more than the title, and also when the
	// title is itself cut off ("… Vlaand..."): graph builders can tell a
	// complete title from a cut one by comparing the two.
	if search != nil && search.Get("search") != "" {
		if !strings.HasPrefix(collapse(title), strings.TrimRight(whole, ".… ")) {
			ref.Text = whole
		}
	} else if whole != title {
		ref.Text = whole
	}
}

// searchDate tells whether d is a date as search URLs write them: a date,
// an RFC 3339 date-time, or a date-time without zone. The layout is picked
// from the shape of d rather than tried in turn: every failed time.Parse
// allocates its error, and there are two dates in each of dozens of URLs.
func searchDate(d string) bool {
	layout := time.DateOnly
	switch {
	case len(d) <= 10:
	case strings.HasSuffix(d, "Z") || len(d) > 19 && strings.ContainsAny(d[19:], "+-"):
		layout = time.RFC3339
	default:
		layout = "2006-01-02T15:04:05"
	}
	_, err := time.Parse(layout, d)
	return err == nil
}

// preferWrittenTitle: some generators put the section text, cut off, as
// the first heading and a written title as the second; the written one
// names the evaluation, the other stays in Headings.
func (p *parse) preferWrittenTitle() {
	ev := p.ev
	if len(ev.Headings) == 0 || ev.Section.Text == "" {
		return
	}
	if strings.HasPrefix(ev.Section.Text, strings.TrimRight(ev.Title, ".… ")) {
		ev.Title, ev.Headings[0] = ev.Headings[0], ev.Title
		ev.TitleLine = p.headingLines[1]
	}
}

// crossCheck warns about markers without an entry and entries never cited.
func (p *parse) crossCheck() {
	cited := map[int]bool{}
	for _, st := range p.ev.Statements {
		for _, n := range st.Citations {
			if _, ok := p.refAt[n]; !ok && !cited[n] {
				p.warn(st.Line, "citation [%d] has no entry in the reference list", n)
			}
			cited[n] = true
		}
	}
	for _, ref := range p.ev.References {
		if !cited[ref.Number] {
			p.warn(ref.Line, "reference [%d] is never cited", ref.Number)
		}
	}
}

// inlineRaw is the inline content of a block as markdown source text with
// emphasis, links and HTML markup removed but backslash escapes and entities kept,
// so markers can still be told from bracketed prose.
func (p *parse) inlineRaw(n ast.Node, s *source) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p.writeInline(&b, c, s)
	}
	return b.String()
}

func (p *parse) writeInline(b *strings.Builder, n ast.Node, s *source) {
	src := s.src
	switch n := n.(type) {
	case *ast.Text:
		b.Write(n.Segment.Value(src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
	case *ast.String:
		b.Write(n.Value)
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(src))
			}
		}
	case *ast.AutoLink:
		b.Write(n.URL(src))
	case *ast.RawHTML:
		p.rawHTML(b, n, s)
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			p.writeInline(b, c, s)
		}
	}
}

// unescape resolves markdown backslash escapes and HTML entities in one
// pass, as CommonMark does for text.
func unescape(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i++
			continue
		case c == '&':
			if semi := strings.IndexByte(s[i:min(len(s), i+34)], ';'); semi > 1 {
				ref := s[i : i+semi+1]
				if u := html.UnescapeString(ref); u != ref {
					b.WriteString(u)
					i += semi
					continue
				}
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// collapse turns every run of white space into one space and trims. Most
// texts need no change and are returned as they are, without a copy; the
// rest is copied in runs of bytes rather than rune by rune.
func collapse(s string) string {
	if collapsed(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		size, isSpace := 1, false
		if c := s[i]; c < utf8.RuneSelf {
			isSpace = c == ' ' || '\t' <= c && c <= '\r'
		} else {
			size, isSpace = spaceAt(s, i)
		}
		if isSpace {
			space = len(b) > 0
			i += size
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, s[i:i+size]...)
		i += size
	}
	return string(b)
}

// collapsed tells whether collapse would return s unchanged: no white space
// at either end, and none inside but single ' '.
func collapsed(s string) bool {
	if s == "" {
		return true
	}
	afterSpace := true // a space at the start is to be trimmed
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if afterSpace {
				return false
			}
			afterSpace = true
		case c < utf8.RuneSelf:
			if '\t' <= c && c <= '\r' {
				return false
			}
			afterSpace = false
		default:
			size, isSpace := spaceAt(s, i)
			if isSpace {
				return false
			}
			afterSpace = false
			i += size - 1
		}
	}
	return !afterSpace
}

// spaceAt returns the length of the character at s[i] and whether it is
// white space in unicode.IsSpace's sense.
func spaceAt(s string, i int) (int, bool) {
	if c := s[i]; c < utf8.RuneSelf {
		return 1, c == ' ' || '\t' <= c && c <= '\r'
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return size, unicode.IsSpace(r)
}

// spaceRun finds the first run of two or more white-space characters: the
// generators separate a decision's title from its snippet that way.
func spaceRun(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if isSpaceByte(s[i]) && isSpaceByte(s[i+1]) {
			return i
		}
	}
	return -1
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
