// Package table writes listings — rows under named columns — as an aligned
// table for a terminal, or as CSV, TSV or JSON for programs. Every command
// that prints rows (resolve; the stored queries next) writes through it, so
// the formats behave alike everywhere.
package table

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"github.com/knakk/rdf"
)

// Format is a listing format.
type Format int

const (
	// Table aligns columns with spaces, for people at a terminal.
	Table Format = iota
	// CSV is RFC 4180 with a header row.
	CSV
	// TSV separates values by tabs, with tab, newline, carriage return and
	// backslash escaped as \t, \n, \r and \\, so every row is one line.
	TSV
	// JSON is an array of objects, one per row, keyed by column name.
	JSON
	// ResultsJSON is the SPARQL 1.1 Query Results JSON format, for rows of
	// rdf.Term values (nil: unbound). ParseFormat does not give it: a
	// command whose rows are query results reads "json" as this.
	ResultsJSON
)

var formatNames = []string{"table", "csv", "tsv", "json", "sparql-json"}

// Formats lists the format names ParseFormat takes, for help texts and
// completion.
func Formats() []string { return append([]string(nil), formatNames[:ResultsJSON]...) }

func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// ParseFormat accepts a format name.
func ParseFormat(s string) (Format, error) {
	for i, name := range formatNames[:ResultsJSON] {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			return Format(i), nil
		}
	}
	return 0, fmt.Errorf("unknown format %q (want one of %s)", s, strings.Join(Formats(), ", "))
}

// Default is the format when none is asked for: a table on a terminal,
// CSV when the output goes to a program or a file.
func Default(terminal bool) Format {
	if terminal {
		return Table
	}
	return CSV
}

// Column describes one column.
type Column struct {
	// Name is the CSV/TSV header and the JSON key; the table shows it in
	// upper case.
	Name string
	// OmitEmpty leaves an empty value out of its JSON object.
	OmitEmpty bool
	// Wide columns (long URLs) are left out of the terminal table; the
	// other formats have every column.
	Wide bool
	// MaxWidth cuts longer values in the terminal table to that many
	// runes, marking the cut with "…"; 0 means no limit.
	MaxWidth int
}

// Writer writes rows. Values may be string, int, []string (joined by
// spaces in the text formats, an array in JSON), rdf.Term (IRIs and
// literals by their text; N-Triples syntax in TSV) or nil (empty).
type Writer struct {
	w       io.Writer
	format  Format
	columns []Column
	tw      *tabwriter.Writer
	csv     *csv.Writer
	rows    int
	err     error
}

// NewWriter returns a Writer; the header (if the format has one) is written
// with the first row or by Close.
func NewWriter(w io.Writer, f Format, columns []Column) *Writer {
	t := &Writer{w: w, format: f, columns: columns}
	switch f {
	case Table:
		t.tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	case CSV:
		t.csv = csv.NewWriter(w)
	}
	return t
}

// Write writes one row; it must have one value per column.
func (t *Writer) Write(values ...any) error {
	if t.err != nil {
		return t.err
	}
	if len(values) != len(t.columns) {
		return fmt.Errorf("row of %d values for %d columns", len(values), len(t.columns))
	}
	if t.rows == 0 {
		t.header()
	}
	t.rows++
	switch t.format {
	case Table:
		var cells []string
		for i, c := range t.columns {
			if !c.Wide {
				cells = append(cells, shorten(oneLine(text(values[i])), c.MaxWidth))
			}
		}
		t.setErr(writeString(t.tw, strings.Join(cells, "\t")+"\n"))
	case CSV:
		cells := make([]string, len(values))
		for i, v := range values {
			cells[i] = text(v)
		}
		t.setErr(t.csv.Write(cells))
	case TSV:
		cells := make([]string, len(values))
		for i, v := range values {
			if term, ok := v.(rdf.Term); ok {
				cells[i] = ntriplesTerm(term)
			} else {
				cells[i] = tsvEscape(text(v))
			}
		}
		t.setErr(writeString(t.w, strings.Join(cells, "\t")+"\n"))
	case JSON:
		t.setErr(t.jsonRow(values))
	case ResultsJSON:
		t.setErr(t.bindingRow(values))
	}
	return t.err
}

// Close writes what the format still needs (the header of an empty
// listing, JSON's closing bracket) and flushes.
func (t *Writer) Close() error {
	if t.err != nil {
		return t.err
	}
	if t.rows == 0 {
		t.header()
	}
	switch t.format {
	case Table:
		t.setErr(t.tw.Flush())
	case CSV:
		t.csv.Flush()
		t.setErr(t.csv.Error())
	case JSON:
		if t.rows == 0 {
			t.setErr(writeString(t.w, "[]\n"))
		} else {
			t.setErr(writeString(t.w, "\n]\n"))
		}
	case ResultsJSON:
		t.setErr(writeString(t.w, "\n]}}\n"))
	}
	return t.err
}

func (t *Writer) setErr(err error) {
	if t.err == nil {
		t.err = err
	}
}

func (t *Writer) header() {
	names := make([]string, 0, len(t.columns))
	for _, c := range t.columns {
		switch {
		case t.format == Table && c.Wide:
		case t.format == Table:
			names = append(names, strings.ToUpper(c.Name))
		default:
			names = append(names, c.Name)
		}
	}
	switch t.format {
	case Table:
		t.setErr(writeString(t.tw, strings.Join(names, "\t")+"\n"))
	case CSV:
		t.setErr(t.csv.Write(names))
	case TSV:
		t.setErr(writeString(t.w, strings.Join(names, "\t")+"\n"))
	case ResultsJSON:
		vars, err := json.Marshal(names)
		t.setErr(err)
		t.setErr(writeString(t.w, `{"head":{"vars":`+string(vars)+`},"results":{"bindings":[`))
	}
}

// bindingRow writes one solution of a results document: one member per
// bound variable, in column order.
func (t *Writer) bindingRow(values []any) error {
	var b bytes.Buffer
	if t.rows > 1 {
		b.WriteByte(',')
	}
	b.WriteString("\n{")
	first := true
	for i, c := range t.columns {
		if values[i] == nil {
			continue
		}
		term, ok := values[i].(rdf.Term)
		if !ok {
			term = rdf.NewTypedLiteral(text(values[i]), xsdString)
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		if err := encodeJSONCompact(&b, c.Name); err != nil {
			return err
		}
		b.WriteByte(':')
		if err := encodeJSONCompact(&b, bindingOf(term)); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	_, err := t.w.Write(b.Bytes())
	return err
}

var xsdString = mustIRI("http://www.w3.org/2001/XMLSchema#string")

func mustIRI(s string) rdf.IRI {
	i, err := rdf.NewIRI(s)
	if err != nil {
		panic(err)
	}
	return i
}

// binding is one RDF term in the results JSON format.
type binding struct {
	Type     string `json:"type"`
	Value    string `json:"value"`
	Lang     string `json:"xml:lang,omitempty"`
	Datatype string `json:"datatype,omitempty"`
}

func bindingOf(t rdf.Term) binding {
	switch v := t.(type) {
	case rdf.IRI:
		return binding{Type: "uri", Value: v.String()}
	case rdf.Blank:
		return binding{Type: "bnode", Value: strings.TrimPrefix(v.String(), "_:")}
	case rdf.Literal:
		b := binding{Type: "literal", Value: v.String(), Lang: v.Lang()}
		if dt := v.DataType.String(); b.Lang == "" && dt != "" && dt != xsdString.String() {
			b.Datatype = dt
		}
		return b
	}
	return binding{Type: "literal", Value: t.String()}
}

// WriteBoolean writes the answer of an ASK query in a format: the results
// JSON document, or the word true or false on its own line.
func WriteBoolean(w io.Writer, f Format, answer bool) error {
	if f == ResultsJSON || f == JSON {
		return writeString(w, `{"head":{},"boolean":`+strconv.FormatBool(answer)+"}\n")
	}
	return writeString(w, strconv.FormatBool(answer)+"\n")
}

func encodeJSONCompact(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // the encoder's newline
	return nil
}

// jsonRow writes one object, indented as encoding/json's Indent("", "  ")
// would inside the array, keys in column order.
func (t *Writer) jsonRow(values []any) error {
	var b bytes.Buffer
	if t.rows == 1 {
		b.WriteString("[\n  {")
	} else {
		b.WriteString(",\n  {")
	}
	first := true
	for i, c := range t.columns {
		v := jsonValue(values[i])
		if c.OmitEmpty && isEmpty(v) {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString("\n    ")
		if err := encodeJSON(&b, c.Name); err != nil {
			return err
		}
		b.WriteString(": ")
		if err := encodeJSON(&b, v); err != nil {
			return err
		}
	}
	if first {
		b.WriteString("}")
	} else {
		b.WriteString("\n  }")
	}
	_, err := t.w.Write(b.Bytes())
	return err
}

// encodeJSON appends v without HTML escaping (titles hold '&' and '<'),
// arrays indented to sit inside a row object.
func encodeJSON(b *bytes.Buffer, v any) error {
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
	return nil
}

func jsonValue(v any) any {
	switch v := v.(type) {
	case nil:
		return ""
	case rdf.Term:
		return v.String()
	}
	return v
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case string:
		return v == ""
	case []string:
		return len(v) == 0
	case int:
		return v == 0
	}
	return v == nil
}

// text renders a value for the text formats.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case []string:
		return strings.Join(v, " ")
	case rdf.Term:
		return v.String()
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// ntriplesTerm is a term in N-Triples syntax, as SPARQL's TSV results
// have them (so "x" and <x> stay apart), with the white space knakk leaves
// raw escaped, so the row stays one line.
func ntriplesTerm(t rdf.Term) string {
	s := t.Serialize(rdf.NTriples)
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return strings.NewReplacer("\t", `\t`, "\n", `\n`, "\r", `\r`).Replace(s)
}

func tsvEscape(s string) string {
	if !strings.ContainsAny(s, "\t\n\r\\") {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`).Replace(s)
}

// oneLine keeps a table row on one line: control characters become spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// shorten cuts s to at most n runes (n > 1), marking the cut.
func shorten(s string, n int) string {
	if n <= 1 || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func writeString(w io.Writer, s string) error {
	_, err := io.WriteString(w, s)
	return err
}
