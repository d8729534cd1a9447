package progress

import (
	"bytes"
	"strings"
	"testing"
)

func TestBarDrawsOnlyForLargeTasks(t *testing.T) {
	var small bytes.Buffer
	b := New(&small, "enriching", 100)
	b.Report(5, 10)
	b.Finish()
	if small.Len() != 0 {
		t.Errorf("a task of 10 steps drew %q", small.String())
	}

	var large bytes.Buffer
	b = New(&large, "enriching", 100)
	b.Report(0, 200)
	b.Report(200, 200)
	b.Finish()
	if !strings.Contains(large.String(), "enriching") || !strings.Contains(large.String(), "/200)") {
		t.Errorf("a task of 200 steps drew %q", large.String())
	}

	var nilBar *Bar
	nilBar.Report(1, 1000) // a nil bar is valid and draws nothing
	nilBar.Finish()
}
