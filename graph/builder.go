// Package graph turns parsed evaluation reports into RDF triples with
// deterministic IRIs, and writes them as Turtle, N-Triples, N-Quads or
// JSON-LD.
//
// IRIs minted under the base (default DefaultBase):
//
//	{base}regeerakkoord/2019-2024                  the coalition agreement
//	{base}regeerakkoord/2019-2024/sectie/4.3.2     an agreement section (the promise)
//	{base}evaluatie/{section}-{digest}             an evaluation (schema:ClaimReview)
//	{base}evaluatie/{section}-{digest}#s{n}        its n-th statement
//	{base}evaluatie/{section}-{digest}#ref-{n}     its reference [n]
//	{base}rapport/{digest}                         the source report file; also the
//	                                               named graph of the report in N-Quads
//
// {digest} is the first 16 hex digits of the SHA-256 of the report's normalised
// source (report.Evaluation.Digest): identical input gives identical IRIs on
// every machine, and a corrected report is a new evaluation. Cited decisions
// keep their Themis IRI unchanged. There are no blank nodes.
package graph

import (
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/report"
	"github.com/pledgegraph/pledgegraph/vocab"
)

// DefaultBase is the base of minted IRIs when none is given. w3id.org gives
// permanent identifiers that can be redirected wherever the graph is published.
const DefaultBase = "https://w3id.org/pledgegraph/id/"

// AgreementTitle is the title of the coalition agreement the reports evaluate.
const AgreementTitle = "Regeerakkoord van de Vlaamse Regering 2019-2024"

// Report is the graph of one evaluation report.
type Report struct {
	// Graph names the report's triples in N-Quads: the source document IRI.
	Graph rdf.IRI
	// Evaluation is the IRI of the schema:ClaimReview.
	Evaluation rdf.IRI
	// Own are the triples about nodes only this report mints (the evaluation,
	// its statements, references and source document), grouped by subject in
	// a stable order.
	Own []rdf.Triple
	// Shared are triples about nodes other reports may state too (the
	// agreement, its sections, cited decisions), sorted and free of repeats.
	Shared []rdf.Triple
	// Decisions are the Themis IRIs the report cites, given or resolved,
	// sorted and without repeats: what enrichment asks Themis about.
	Decisions []rdf.IRI
}

// Builder maps evaluations to triples. It is safe for concurrent use.
type Builder struct {
	base       string
	agreement  rdf.IRI
	agreementT rdf.Term // agreement, boxed
	// resolved maps search URLs (as written in reports) to the Themis IRI
	// they were resolved to; read-only once the Builder is in use.
	resolved map[string]rdf.IRI
}

// NewBuilder returns a Builder that mints IRIs under base, an absolute IRI
// ending in '/' or '#'.
func NewBuilder(base string) (*Builder, error) {
	if err := checkBase(base); err != nil {
		return nil, err
	}
	agreement, err := rdf.NewIRI(base + "regeerakkoord/2019-2024")
	if err != nil {
		return nil, fmt.Errorf("base %q: %w", base, err)
	}
	return &Builder{base: base, agreement: agreement, agreementT: agreement}, nil
}

func checkBase(base string) error {
	if !strings.HasSuffix(base, "/") && !strings.HasSuffix(base, "#") {
		return fmt.Errorf("base %q must end in '/' or '#'", base)
	}
	scheme, rest, ok := strings.Cut(base, ":")
	if !ok || scheme == "" || rest == "" || !isScheme(scheme) {
		return fmt.Errorf("base %q is not an absolute IRI", base)
	}
	if _, err := rdf.NewIRI(base); err != nil {
		return fmt.Errorf("base %q: %w", base, err)
	}
	return nil
}

func isScheme(s string) bool {
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// WithResolved returns a Builder that also treats a search-URL reference
// whose URL is a key of resolved as citing that Themis decision: the
// reference gets cito:hasCitedEntity besides its schema:url, and the
// statement and evaluation cite the decision as evidence. The map must not
// change afterwards.
func (b *Builder) WithResolved(resolved map[string]rdf.IRI) *Builder {
	c := *b
	c.resolved = resolved
	return &c
}

// Base returns the base IRI of minted IRIs.
func (b *Builder) Base() string { return b.base }

// SectionIRI returns the IRI of an agreement section ("4.3.2").
func (b *Builder) SectionIRI(number string) (rdf.IRI, error) {
	return rdf.NewIRI(b.agreement.String() + "/sectie/" + number)
}

// EvaluationID is the stable local id of an evaluation: its section number
// and the start of its digest ("4.3.2-5f7ed5cae34e348f").
func EvaluationID(ev *report.Evaluation) string {
	digest := hex.EncodeToString(ev.Digest[:8])
	if ev.Section.Number == "" {
		return digest
	}
	return ev.Section.Number + "-" + digest
}

// Build returns the triples of one evaluation, and warnings for what could
// not be represented (a reference URL that is no valid IRI).
func (b *Builder) Build(ev *report.Evaluation) (*Report, []report.Warning, error) {
	digest := hex.EncodeToString(ev.Digest[:8])
	evalIRI, err := rdf.NewIRI(b.base + "evaluatie/" + EvaluationID(ev))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: section number %q gives no valid IRI: %w", ev.File, ev.Section.Number, err)
	}
	source, err := rdf.NewIRI(b.base + "rapport/" + digest)
	if err != nil {
		return nil, nil, err
	}
	m := &mapping{b: b, ev: ev, eval: evalIRI, evalT: evalIRI, sourceT: source, shared: newTripleSet()}
	m.references()
	m.evaluation()
	m.sourceDocument()
	m.statements()
	m.referenceNodes()
	return &Report{
		Graph:      source,
		Evaluation: evalIRI,
		Own:        m.own,
		Shared:     m.shared.sorted(),
		Decisions:  m.decisions(),
	}, m.warnings, nil
}

// Terms the builder writes on nearly every line, boxed once: an rdf.IRI is
// a struct, and every conversion of one to an interface allocates.
var (
	tCitoCitation                    = rdf.Term(vocab.CitoCitation)
	tCitoCites                       = rdf.Term(vocab.CitoCites)
	tCitoCitesAsEvidence             = rdf.Term(vocab.CitoCitesAsEvidence)
	tCitoHasCitationCharacterization = rdf.Term(vocab.CitoHasCitationCharacterization)
	tCitoHasCitedEntity              = rdf.Term(vocab.CitoHasCitedEntity)
	tCitoHasCitingEntity             = rdf.Term(vocab.CitoHasCitingEntity)
	tDCTDate                         = rdf.Term(vocab.DCTDate)
	tDCTHasPart                      = rdf.Term(vocab.DCTHasPart)
	tDCTIdentifier                   = rdf.Term(vocab.DCTIdentifier)
	tDCTIsPartOf                     = rdf.Term(vocab.DCTIsPartOf)
	tDCTReferences                   = rdf.Term(vocab.DCTReferences)
	tDCTTitle                        = rdf.Term(vocab.DCTTitle)
	tPGAgreementSection              = rdf.Term(vocab.PGAgreementSection)
	tPGCoalitionAgreement            = rdf.Term(vocab.PGCoalitionAgreement)
	tPGDecision                      = rdf.Term(vocab.PGDecision)
	tPGPart                          = rdf.Term(vocab.PGPart)
	tPGStatement                     = rdf.Term(vocab.PGStatement)
	tProvWasDerivedFrom              = rdf.Term(vocab.ProvWasDerivedFrom)
	tRDFType                         = rdf.Term(vocab.RDFType)
	tSchemaAlternativeHeadline       = rdf.Term(vocab.SchemaAlternativeHeadline)
	tSchemaClaim                     = rdf.Term(vocab.SchemaClaim)
	tSchemaClaimReview               = rdf.Term(vocab.SchemaClaimReview)
	tSchemaDescription               = rdf.Term(vocab.SchemaDescription)
	tSchemaDigitalDocument           = rdf.Term(vocab.SchemaDigitalDocument)
	tSchemaEncodingFormat            = rdf.Term(vocab.SchemaEncodingFormat)
	tSchemaInLanguage                = rdf.Term(vocab.SchemaInLanguage)
	tSchemaItemReviewed              = rdf.Term(vocab.SchemaItemReviewed)
	tSchemaName                      = rdf.Term(vocab.SchemaName)
	tSchemaPosition                  = rdf.Term(vocab.SchemaPosition)
	tSchemaReviewBody                = rdf.Term(vocab.SchemaReviewBody)
	tSchemaText                      = rdf.Term(vocab.SchemaText)
	tSchemaURL                       = rdf.Term(vocab.SchemaURL)
)

// mapping holds the state of building one evaluation.
type mapping struct {
	b        *Builder
	ev       *report.Evaluation
	eval     rdf.IRI
	evalT    rdf.Term // eval, boxed
	sourceT  rdf.Term
	stmts    []rdf.Term // the statements' IRIs, in order
	own      []rdf.Triple
	shared   *tripleSet
	warnings []report.Warning

	// Reference number → its node (#ref-n), the Themis decision it cites,
	// its search or other URL; all IRIs, boxed.
	refIRI   map[int]rdf.Term
	decision map[int]rdf.Term
	refURL   map[int]rdf.Term
}

// add appends a triple of boxed terms (see tType); a term of the wrong
// role is a bug of the builder, not of the input.
func (m *mapping) add(s, p, o rdf.Term) {
	m.own = append(m.own, rdf.Triple{Subj: s.(rdf.Subject), Pred: p.(rdf.Predicate), Obj: o.(rdf.Object)})
}

func (m *mapping) warn(line int, format string, args ...any) {
	m.warnings = append(m.warnings, report.Warning{File: m.ev.File, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (m *mapping) text(s string) rdf.Literal { return dutch(s) }

// references resolves the IRIs of every reference before the statements
// that point at them are written.
func (m *mapping) references() {
	m.refIRI = make(map[int]rdf.Term, len(m.ev.References))
	m.decision = map[int]rdf.Term{}
	m.refURL = map[int]rdf.Term{}
	for _, ref := range m.ev.References {
		if _, dup := m.refIRI[ref.Number]; dup {
			continue // the parser warned; the first entry wins
		}
		m.refIRI[ref.Number] = mustFragment(m.eval, "#ref-"+strconv.Itoa(ref.Number))
		if ref.URL == "" {
			continue
		}
		target, err := iriFromURL(ref.URL)
		if err != nil {
			m.warn(ref.Line, "reference [%d]: URL %q is not a valid IRI (%v); kept as text only", ref.Number, ref.URL, err)
			continue
		}
		if ref.Kind == report.RefThemis {
			d := rdf.Term(target)
			m.decision[ref.Number] = d
			m.decisionTriples(d, ref)
			continue
		}
		m.refURL[ref.Number] = target
		if d, ok := m.b.resolved[ref.URL]; ok && ref.Kind == report.RefSearch {
			dt := rdf.Term(d)
			m.decision[ref.Number] = dt
			m.decisionTriples(dt, ref)
		}
	}
}

// decisions lists the distinct cited decisions, sorted.
func (m *mapping) decisions() []rdf.IRI {
	seen := map[string]bool{}
	var out []rdf.IRI
	for _, d := range m.decision {
		if !seen[d.String()] {
			seen[d.String()] = true
			out = append(out, d.(rdf.IRI))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

func (m *mapping) decisionTriples(d rdf.Term, ref report.Reference) {
	m.shared.add(d, tRDFType, tPGDecision)
	if ref.Title != "" && titleComplete(ref) {
		m.shared.add(d, tSchemaName, m.text(ref.Title))
	}
	if ref.Date != "" {
		m.shared.add(d, tDCTDate, rdf.NewTypedLiteral(ref.Date, vocab.XSDDate))
	}
}

// titleComplete tells whether a reference's title is the whole title, not a
// text cut off by the report's generator ("… Internationalisering Voorontwerp
// van besluit ..."). Only complete titles are stated about the decision
// itself; the reference keeps whatever the report gave.
func titleComplete(ref report.Reference) bool {
	if ref.Text == "" {
		return true
	}
	cut := strings.TrimRight(ref.Text, ".… ")
	return strings.TrimRight(ref.Title, ".… ") != cut
}

func (m *mapping) evaluation() {
	ev := m.ev
	m.add(m.evalT, tRDFType, tSchemaClaimReview)
	if ev.Title != "" {
		m.add(m.evalT, tSchemaName, m.text(ev.Title))
	}
	for i, h := range ev.Headings {
		if slices.Contains(ev.Headings[:i], h) {
			continue // a repeated heading is one triple
		}
		m.add(m.evalT, tSchemaAlternativeHeadline, m.text(h))
	}
	m.add(m.evalT, tDCTIdentifier, rdf.NewTypedLiteral(EvaluationID(ev), xsdString))
	if ev.Section.Number != "" {
		section, ok := m.section(ev.Section.Number, ev.Section.Line)
		if ok {
			m.add(m.evalT, tSchemaItemReviewed, section)
			m.shared.add(section, tRDFType, tSchemaClaim)
			if ev.Section.Text != "" {
				m.shared.add(section, tSchemaText, m.text(ev.Section.Text))
			}
		}
	}
	if body := reviewBody(ev); body != "" {
		m.add(m.evalT, tSchemaReviewBody, m.text(body))
	}
	m.add(m.evalT, tSchemaInLanguage, rdf.NewTypedLiteral("nl", xsdString))
	m.add(m.evalT, tProvWasDerivedFrom, m.sourceT)
	m.stmts = make([]rdf.Term, len(ev.Statements))
	for i, st := range ev.Statements {
		m.stmts[i] = m.statementIRI(st)
		m.add(m.evalT, tDCTHasPart, m.stmts[i])
	}
	for _, d := range m.evidence(allCitations(ev)) {
		m.add(m.evalT, tCitoCitesAsEvidence, d)
	}
}

// reviewBody is the verdict of the evaluation: its conclusion, or its summary
// when the report has no conclusion.
func reviewBody(ev *report.Evaluation) string {
	for _, part := range []report.Part{report.PartConclusion, report.PartSummary} {
		var texts []string
		for _, st := range ev.Statements {
			if st.Part == part && st.Text != "" {
				texts = append(texts, st.Text)
			}
		}
		if len(texts) > 0 {
			return strings.Join(texts, "\n\n")
		}
	}
	return ""
}

// allCitations lists every reference number of the reference list: the
// evaluation cites each decision of its list, cited in the text or not.
func allCitations(ev *report.Evaluation) []int {
	nums := make([]int, 0, len(ev.References))
	for _, ref := range ev.References {
		nums = append(nums, ref.Number)
	}
	return nums
}

// evidence returns the distinct Themis IRIs of the given references, in
// order of first citation.
func (m *mapping) evidence(nums []int) []rdf.Term {
	var out []rdf.Term
	seen := map[string]bool{}
	for _, n := range nums {
		d, ok := m.decision[n]
		if !ok || seen[d.String()] {
			continue
		}
		seen[d.String()] = true
		out = append(out, d)
	}
	return out
}

func (m *mapping) sourceDocument() {
	m.add(m.sourceT, tRDFType, tSchemaDigitalDocument)
	if name := path.Base(strings.ReplaceAll(m.ev.File, "\\", "/")); m.ev.File != "" && !strings.HasPrefix(m.ev.File, "<") {
		m.add(m.sourceT, tSchemaName, rdf.NewTypedLiteral(name, xsdString))
	}
	m.add(m.sourceT, tSchemaEncodingFormat, rdf.NewTypedLiteral("text/markdown", xsdString))
	m.add(m.sourceT, tDCTIdentifier, rdf.NewTypedLiteral("sha256:"+hex.EncodeToString(m.ev.Digest[:]), xsdString))
}

func (m *mapping) statementIRI(st report.Statement) rdf.Term {
	return mustFragment(m.eval, "#s"+strconv.Itoa(st.Position))
}

var partConcept = map[report.Part]rdf.Term{
	report.PartSummary:    vocab.PGSummary,
	report.PartDetail:     vocab.PGDetail,
	report.PartConclusion: vocab.PGConclusion,
}

func (m *mapping) statements() {
	for i, st := range m.ev.Statements {
		s := m.stmts[i]
		m.add(s, tRDFType, tPGStatement)
		m.add(s, tSchemaPosition, integer(st.Position))
		if concept, ok := partConcept[st.Part]; ok {
			m.add(s, tPGPart, concept)
		}
		if st.Topic != "" {
			m.add(s, tSchemaName, m.text(st.Topic))
		}
		if st.Text != "" {
			m.add(s, tSchemaText, m.text(st.Text))
		}
		for _, n := range st.Citations {
			if ref, ok := m.refIRI[n]; ok {
				m.add(s, tDCTReferences, ref)
			}
		}
		for _, d := range m.evidence(st.Citations) {
			m.add(s, tCitoCitesAsEvidence, d)
		}
		// "[Regeerakkoord]" and "[Regeerakkoord: 6.4]" in one statement of
		// the report on 6.4 name one section: one triple.
		cited := map[string]bool{}
		for _, number := range st.AgreementRefs {
			if number == "" {
				number = m.ev.Section.Number
			}
			if number == "" || cited[number] {
				continue
			}
			cited[number] = true
			if section, ok := m.section(number, st.Line); ok {
				m.add(s, tCitoCites, section)
			}
		}
	}
}

func (m *mapping) referenceNodes() {
	seen := map[int]bool{}
	for _, ref := range m.ev.References {
		if seen[ref.Number] {
			continue
		}
		seen[ref.Number] = true
		r := m.refIRI[ref.Number]
		m.add(r, tRDFType, tCitoCitation)
		m.add(r, tCitoHasCitingEntity, m.evalT)
		m.add(r, tSchemaPosition, integer(ref.Number))
		if ref.Date != "" {
			m.add(r, tDCTDate, rdf.NewTypedLiteral(ref.Date, vocab.XSDDate))
		}
		if ref.Title != "" {
			m.add(r, tDCTTitle, m.text(ref.Title))
		}
		if d, ok := m.decision[ref.Number]; ok {
			m.add(r, tCitoHasCitedEntity, d)
			m.add(r, tCitoHasCitationCharacterization, tCitoCitesAsEvidence)
		}
		if u, ok := m.refURL[ref.Number]; ok {
			m.add(r, tSchemaURL, u)
		}
		if ref.Text != "" {
			m.add(r, tSchemaDescription, m.text(ref.Text))
		}
	}
}

// section returns the IRI of a section, boxed, and adds the hierarchy
// above it (4.3.2 → 4.3 → 4 → agreement) to the shared triples.
func (m *mapping) section(number string, line int) (rdf.Term, bool) {
	iri, err := m.b.SectionIRI(number)
	if err != nil {
		m.warn(line, "section number %q gives no valid IRI: %v", number, err)
		return nil, false
	}
	agreement := m.b.agreementT
	m.shared.add(agreement, tRDFType, tPGCoalitionAgreement)
	m.shared.add(agreement, tDCTTitle, m.text(AgreementTitle))
	section := rdf.Term(iri)
	child, childNumber := section, number
	for {
		m.shared.add(child, tRDFType, tPGAgreementSection)
		m.shared.add(child, tDCTIdentifier, rdf.NewTypedLiteral(childNumber, xsdString))
		i := strings.LastIndexByte(childNumber, '.')
		if i < 0 {
			m.shared.add(child, tDCTIsPartOf, agreement)
			m.shared.add(agreement, tDCTHasPart, child)
			return section, true
		}
		parentNumber := childNumber[:i]
		parentIRI, err := m.b.SectionIRI(parentNumber)
		if err != nil {
			return section, true // the longer number was valid, so this cannot happen
		}
		parent := rdf.Term(parentIRI)
		m.shared.add(child, tDCTIsPartOf, parent)
		m.shared.add(parent, tDCTHasPart, child)
		child, childNumber = parent, parentNumber
	}
}

var xsdString = mustIRI(vocab.XSD + "string")

func mustIRI(s string) rdf.IRI {
	iri, err := rdf.NewIRI(s)
	if err != nil {
		panic(err)
	}
	return iri
}

// mustFragment appends a fragment made of digits and ASCII letters to an IRI
// that is already valid, which cannot fail.
func mustFragment(iri rdf.IRI, fragment string) rdf.IRI {
	out, err := rdf.NewIRI(iri.String() + fragment)
	if err != nil {
		panic(fmt.Sprintf("graph: fragment %q on %s: %v", fragment, iri, err))
	}
	return out
}

func integer(n int) rdf.Literal {
	return rdf.NewTypedLiteral(strconv.Itoa(n), vocab.XSDInteger)
}
