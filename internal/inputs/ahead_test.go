package inputs

import (
	"iter"
	"slices"
	"strings"
	"testing"
)

// TestReadAhead: the same inputs as the walk, in its order, errors and
// standard input included, whatever how far ahead it reads; a consumer
// that stops early stops the walk (the call returns).
func TestReadAhead(t *testing.T) {
	t.Chdir(t.TempDir())
	build(t, "corpus/a.md", "corpus/b/c.md", "corpus/d.txt", "corpus/notes.csv", "e.md")
	l, err := New([]string{"corpus", "missing.md", "-", "e.md"}, strings.NewReader("# stdin"))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for in := range l.All() {
		want = append(want, describe(in))
	}
	for _, n := range []int{1, 2, 128} {
		var got []string
		for in := range ReadAhead(l.All(), n) {
			got = append(got, describe(in))
		}
		if !slices.Equal(got, want) {
			t.Errorf("read %d ahead: %q, want %q", n, got, want)
		}
		for in := range ReadAhead(l.All(), n) {
			_ = in
			break
		}
	}
	data, err := readFirst(ReadAhead(l.All(), 4))
	if err != nil || string(data) != "corpus/a.md" {
		t.Errorf("first input read %q, %v", data, err)
	}
}

func describe(in Input) string {
	if in.Err != nil {
		return "error " + in.Err.Error()
	}
	return in.Name
}

func readFirst(all iter.Seq[Input]) ([]byte, error) {
	for in := range all {
		return in.Read()
	}
	return nil, nil
}
