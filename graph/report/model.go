// Package report parses evaluation reports (markdown, in Dutch) into a pure
// data model. It knows nothing about RDF: the graph package turns an
// Evaluation into triples.
package report

import (
	"errors"
	"fmt"
)

// Part is the part of a report a statement belongs to.
type Part int

const (
	// PartSummary is the opening prose that sums up the evaluation.
	PartSummary Part = iota
	// PartDetail is one detail item: a bullet (often with a bold topic) or a numbered item.
	PartDetail
	// PartConclusion is the prose under "Conclusie", or after the detail items.
	PartConclusion
)

// String gives the Dutch slug used in IRIs and vocabulary terms.
func (p Part) String() string {
	switch p {
	case PartSummary:
		return "samenvatting"
	case PartDetail:
		return "toelichting"
	case PartConclusion:
		return "conclusie"
	}
	return fmt.Sprintf("Part(%d)", int(p))
}

// RefKind says what a reference URL points at.
type RefKind int

const (
	// RefOther is any URL that is neither a Themis IRI nor a decisions-site search.
	RefOther RefKind = iota
	// RefThemis is a Themis linked-data IRI (http://themis.vlaanderen.be/id/…).
	RefThemis
	// RefSearch is a search URL of beslissingenvlaamseregering.vlaanderen.be.
	RefSearch
)

// Evaluation is one parsed report: the agreement section it judges, its
// statements and its reference list.
type Evaluation struct {
	// File is the name the report was read from ("-" for standard input).
	File string
	// Title is the text of the first level-1 heading, unless that heading
	// is only the section text cut off and a later level-1 heading exists:
	// then that later, written title.
	Title     string
	TitleLine int
	// Headings are the other level-1 headings (some generators add a second title).
	Headings []string
	// Section is the agreement section the report quotes; Number is "" when
	// the report has no section block (a warning is given).
	Section Section
	// Statements are the summary paragraphs, detail items and conclusion
	// paragraphs in document order; Position counts from 1.
	Statements []Statement
	// References are the entries of the reference list in document order.
	References []Reference
	// Digest is the SHA-256 of the report's normalised source (BOM removed,
	// CRLF and CR turned into LF); it makes evaluation IRIs stable.
	Digest [32]byte
}

// Section is a quoted section of the coalition agreement.
type Section struct {
	// Number is the dotted section number, 1 to 4 levels ("4.3.2").
	Number string
	// Text is the quoted heading and body after the number, entities decoded
	// and white space collapsed; PDF hyphenation is kept as written.
	Text string
	Line int
}

// Statement is one paragraph or list item of the evaluation.
type Statement struct {
	Position int
	Part     Part
	// Topic is the bold lead of a detail bullet ("**Topic**: text"), if any.
	Topic string
	// Text is the statement with citation markers removed.
	Text string
	// Citations are the reference numbers cited, in order of first appearance, without repeats.
	Citations []int
	// AgreementRefs are the section numbers of [Regeerakkoord: n] markers, in
	// order, without repeats; "" stands for a bare [Regeerakkoord] marker (the
	// report's own section).
	AgreementRefs []string
	Line          int
}

// Reference is one entry of the reference list.
type Reference struct {
	Number int
	// URL is the link target, HTML entities decoded.
	URL  string
	Kind RefKind
	// Date is the entry's date as YYYY-MM-DD; "" when absent or invalid (a warning is given).
	Date string
	// Title is the decision title the entry gives: the search= parameter of a
	// search URL, else the entry text up to the snippet.
	Title string
	// Text is the whole entry text after the date (title plus snippet) when
	// it says more than Title; "" otherwise.
	Text string
	Line int
}

// Warning is a problem that does not stop the report from being used.
type Warning struct {
	File string
	Line int
	Msg  string
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Msg)
	}
	return fmt.Sprintf("%s: %s", w.File, w.Msg)
}

// ErrNotReport is wrapped by a ParseError for input that is not an evaluation report.
var ErrNotReport = errors.New("not an evaluation report")

// ErrEmpty is wrapped by a ParseError for a file with nothing in it, or
// only white space: a failed download or an unsaved editor buffer, rather
// than some other kind of document.
var ErrEmpty = errors.New("empty file")

// ErrNotText is wrapped by a ParseError for input that is not UTF-8 text.
var ErrNotText = errors.New("not UTF-8 text")

// ParseError is a report that cannot be used at all.
type ParseError struct {
	File string
	Line int
	Err  error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }
