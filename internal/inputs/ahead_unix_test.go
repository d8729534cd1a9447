//go:build unix

package inputs

import (
	"os"
	"testing"
)

// TestReadAheadLeavesPipesAlone: a named pipe given as an argument is not
// opened ahead: a writer waiting on it must meet the one reader that reads
// it, not an open for advice that closes under it.
func TestReadAheadLeavesPipesAlone(t *testing.T) {
	t.Chdir(t.TempDir())
	makeSpecial(t, "pipe.md", "fifo")
	wrote := make(chan error, 1)
	go func() {
		f, err := os.OpenFile("pipe.md", os.O_WRONLY, 0) // waits for a reader
		if err == nil {
			_, err = f.WriteString("# Rapport uit een pijp")
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		wrote <- err
	}()
	l, err := New([]string{"pipe.md"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []Input
	for in := range ReadAhead(l.All(), 8) {
		got = append(got, in)
	}
	if len(got) != 1 || got[0].Err != nil {
		t.Fatalf("inputs %+v, want the pipe", got)
	}
	data, err := got[0].Read()
	if err != nil || string(data) != "# Rapport uit een pijp" {
		t.Errorf("read %q, %v", data, err)
	}
	if err := <-wrote; err != nil {
		t.Errorf("writer: %v", err)
	}
}
