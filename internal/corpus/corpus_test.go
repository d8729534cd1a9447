package corpus

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func gen(t *testing.T, i int, seed int64) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, i, seed); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestDeterministic(t *testing.T) {
	for i := range 20 {
		a, b := gen(t, i, 7), gen(t, i, 7)
		if a != b {
			t.Fatalf("report %d: two runs with seed 7 differ", i)
		}
		if gen(t, i, 8) == a {
			t.Errorf("report %d: seeds 7 and 8 give the same bytes", i)
		}
		if Name(i, 7) != Name(i, 7) || Name(i, 7) == Name(i, 8) {
			t.Errorf("report %d: names not deterministic per seed", i)
		}
	}
	if gen(t, 3, 7) == gen(t, 4, 7) {
		t.Error("reports 3 and 4 are identical")
	}
}

func TestGenerateMatchesWrite(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(dir, 12, 3); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 12 {
		t.Fatalf("got %d files, want 12", len(ents))
	}
	nameRE := regexp.MustCompile(`^r\d{5}_[0-9a-f]{16}\.md$`)
	for i, e := range ents { // ReadDir sorts, and names sort by index
		if e.Name() != Name(i, 3) || !nameRE.MatchString(e.Name()) {
			t.Errorf("file %d is %q, want %q", i, e.Name(), Name(i, 3))
		}
		got, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != gen(t, i, 3) {
			t.Errorf("%s differs from Write(%d, 3)", e.Name(), i)
		}
	}
	// Report i does not depend on the corpus size.
	dir2 := t.TempDir()
	if err := Generate(dir2, 3, 3); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dir, Name(2, 3)))
	b, _ := os.ReadFile(filepath.Join(dir2, Name(2, 3)))
	if !bytes.Equal(a, b) {
		t.Error("report 2 differs between corpora of 12 and 3 reports")
	}
}

var (
	sectionRE = regexp.MustCompile(`(?m)^<details>\n        <summary>Regeerakkoord Sectie </summary>\n        <p>(\d+(?:\.\d+){0,3}) (.+) </p>\n        </details> \n`)
	entryRE   = regexp.MustCompile(`(?m)^(?:        )?\*\*\[\\\[(\d+)\\\]\]\(([^)\s]+)\)\*\* : \*\*\((\d{4}-\d\d-\d\d)\)\*\* (.+) $`)
	markerRE  = regexp.MustCompile(`\\?\[(\d+)\\?\]`)
	themisRE  = regexp.MustCompile(`^http://themis\.vlaanderen\.be/id/(?:(?:nieuwsbrief-info|nieuwsbericht)/[0-9A-F]{24}|resource/[0-9a-f]{8}-[0-9a-f]{4}-11ec-[0-9a-f]{4}-[0-9a-f]{12})$`)
	searchRE  = regexp.MustCompile(`^https://beslissingenvlaamseregering\.vlaanderen\.be/\?search=[A-Za-z0-9%._~-]+&dateOption=select&startDate=(\d{4}-\d\d-\d\d)T(08|09)%3A00%3A00Z&endDate=(\d{4}-\d\d-\d\d)T(08|09)%3A00%3A00Z$`)
)

// shape is what a report says, read with line rules (not the real parser).
type shape struct {
	styleB     bool
	statements int
	refs       int
}

func checkShape(t *testing.T, name, s string) shape {
	t.Helper()
	var sh shape
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf(name+": "+format, args...)
	}
	if !utf8.ValidString(s) {
		fail("not UTF-8")
	}
	if n := len(s); n < minSize || n > maxSize {
		fail("size %d outside %d–%d", n, minSize, maxSize)
	}
	if !strings.HasPrefix(s, "# ") || !strings.HasSuffix(s, "        </details> \n\n") {
		fail("does not start with a title or end with the reference block")
	}
	if sectionRE.FindStringSubmatch(s) == nil {
		fail("no section block")
	}
	refStart := strings.Index(s, "<details>\n        <summary> Referenties</summary>")
	if refStart < 0 {
		fail("no reference block")
		return sh
	}
	body, refs := s[:refStart], s[refStart:]
	sh.styleB = strings.Contains(refs, "beslissingenvlaamseregering")

	// References: numbered 0…n-1, every URL of the report's style.
	entries := entryRE.FindAllStringSubmatch(refs, -1)
	sh.refs = len(entries)
	if sh.refs < 15 || sh.refs > 30 {
		fail("%d references, want 15–30", sh.refs)
	}
	for k, e := range entries {
		if e[1] != strconv.Itoa(k) {
			fail("entry %d is numbered %s", k, e[1])
		}
		if sh.styleB {
			m := searchRE.FindStringSubmatch(e[2])
			if m == nil {
				fail("entry %d: bad search URL %s", k, e[2])
				continue
			}
			u, err := url.Parse(e[2])
			if err != nil || u.Query().Get("search") != e[4] || m[1] != e[3] || m[3] != e[3] {
				fail("entry %d: search= or startDate does not match the entry (%q, %s)", k, e[4], e[3])
			}
		} else if !themisRE.MatchString(e[2]) {
			fail("entry %d: bad Themis IRI %s", k, e[2])
		}
	}

	// Body: every marker points into the list, every entry is cited.
	cited := map[int]bool{}
	for _, m := range markerRE.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.Atoi(m[1])
		if n >= sh.refs {
			fail("marker [%d] beyond the %d references", n, sh.refs)
		}
		cited[n] = true
	}
	if len(cited) != sh.refs {
		fail("%d of %d references cited", len(cited), sh.refs)
	}
	if sh.styleB {
		if c := strings.Count(body, "\n# "); c != 1 {
			fail("style B: %d second headings", c)
		}
		if !strings.Contains(body, "\n1. ") || !strings.Contains(body, "[Regeerakkoord]") {
			fail("style B: no numbered items or [Regeerakkoord]")
		}
	} else {
		for _, want := range []string{"\n## Gedetailleerde toelichting\n", "\n## Conclusie\n", "\n- **", "[Regeerakkoord: "} {
			if !strings.Contains(body, want) {
				fail("style A: no %q", want)
			}
		}
	}
	// Statements: paragraphs and items after the section block that are
	// not headings, the Samenvatting line or the marker line.
	after := body[sectionRE.FindStringIndex(body)[1]:]
	for _, para := range regexp.MustCompile(`\n[ \t]*\n`).Split(after, -1) {
		p := strings.TrimSpace(para)
		switch {
		case p == "", p == "Samenvatting", strings.HasPrefix(p, "#"), markerRE.ReplaceAllString(p, "") == "":
		default:
			sh.statements++
		}
	}
	if sh.statements < 8 || sh.statements > 15 {
		fail("%d statements, want 8–15", sh.statements)
	}
	return sh
}

func TestShape(t *testing.T) {
	const n = 400
	var styleA, styleB int
	all := map[string]bool{}
	iriReports := map[string]int{}
	sections := map[string]int{}
	levels := map[int]bool{}
	var corpus strings.Builder
	for i := range n {
		s := gen(t, i, 1)
		sh := checkShape(t, Name(i, 1), s)
		if sh.styleB {
			styleB++
		} else {
			styleA++
		}
		corpus.WriteString(s)
		num := sectionRE.FindStringSubmatch(s)[1]
		sections[num]++
		levels[strings.Count(num, ".")+1] = true
		seen := map[string]bool{}
		for _, e := range entryRE.FindAllStringSubmatch(s, -1) {
			if strings.HasPrefix(e[2], "http://themis") && !seen[e[2]] {
				seen[e[2]] = true
				iriReports[e[2]]++
			}
			all[e[2]] = true
		}
	}
	if styleA < n/3 || styleB < n/3 {
		t.Errorf("style mix A=%d B=%d, want both common", styleA, styleB)
	}
	if len(levels) != 4 {
		t.Errorf("section levels seen: %v, want 1–4", levels)
	}
	repeated := 0
	for _, c := range sections {
		if c > 1 {
			repeated++
		}
	}
	if repeated < len(sections)/2 {
		t.Errorf("only %d of %d sections quoted by more than one report", repeated, len(sections))
	}
	shared := 0
	for _, c := range iriReports {
		if c >= 3 {
			shared++
		}
	}
	if shared < 100 {
		t.Errorf("only %d Themis IRIs cited by 3+ reports", shared)
	}
	text := corpus.String()
	for _, want := range []string{"é", "ë", "ï", "’", "“", "”", "–", " & ", "&amp;", `\[0\]\[1\]`, "[3]", "[Regeerakkoord]", "  \n- **", "Samenvatting\n", "### Referenties\n", "%C3%AF", "%E2%80%93", "%26", "T08%3A00%3A00Z", "T09%3A00%3A00Z"} {
		if !strings.Contains(text, want) {
			t.Errorf("corpus never contains %q", want)
		}
	}
	// PDF hyphenation inside the quoted sections.
	if !regexp.MustCompile(`<p>[^<]*\p{Ll}{3}-\p{Ll}{3}`).MatchString(text) {
		t.Error("no hyphenated word in any section")
	}
}

// The same section number always carries the same text, and the same Themis
// IRI always the same date and entry text, so the merged graph is consistent.
func TestPoolConsistency(t *testing.T) {
	secText := map[string]string{}
	entry := map[string]string{}
	for i := range 300 {
		s := gen(t, i, 5)
		m := sectionRE.FindStringSubmatch(s)
		txt := strings.ReplaceAll(m[2], "&amp;", "&")
		if old, ok := secText[m[1]]; ok && old != txt {
			t.Fatalf("section %s has two texts", m[1])
		}
		secText[m[1]] = txt
		for _, e := range entryRE.FindAllStringSubmatch(s, -1) {
			v := e[3] + " " + strings.ReplaceAll(e[4], "&amp;", "&")
			if strings.HasPrefix(e[2], "http://themis") {
				if old, ok := entry[e[2]]; ok && old != v {
					t.Fatalf("%s: %q vs %q", e[2], old, v)
				}
				entry[e[2]] = v
			}
		}
	}
}

func TestPctEncode(t *testing.T) {
	for in, want := range map[string]string{
		"FIT Corona Exit-plan: extra (Steun) & ‘x’": "FIT%20Corona%20Exit-plan%3A%20extra%20%28Steun%29%20%26%20%E2%80%98x%E2%80%99",
		"geïmpacteerde F.T.I vzw's":                 "ge%C3%AFmpacteerde%20F.T.I%20vzw%27s",
	} {
		if got := pctEncode(in); got != want {
			t.Errorf("pctEncode(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	var buf bytes.Buffer
	for i := 0; b.Loop(); i++ {
		buf.Reset()
		_ = Write(&buf, i, 1)
	}
}
