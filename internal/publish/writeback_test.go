package publish

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// The flusher waits for the device once per persistEvery bytes it has
// started writing back, counted over every file, and never for ranges it
// had to drop.
func TestFlusherPersistsInSteps(t *testing.T) {
	dir := t.TempDir()
	a, err := os.Create(filepath.Join(dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := os.Create(filepath.Join(dir, "b"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if c := dupFile(a); c == nil {
		t.Skip("no writeback advice on this system")
	} else {
		c.Close()
	}
	var mu sync.Mutex
	var persisted []string
	fl := startFlusher(10, func(f *os.File) {
		mu.Lock()
		defer mu.Unlock()
		persisted = append(persisted, filepath.Base(f.Name()))
	})
	// 4 + 4 + 4 reaches 10 on the third range (of b); 3 + 3 do not reach
	// it again; 6 does, on a; a range to the end (n 0) counts nothing.
	for _, r := range []struct {
		f *os.File
		n int64
	}{{a, 4}, {a, 4}, {b, 4}, {a, 3}, {b, 3}, {b, 0}, {a, 6}} {
		fl.startCopy(r.f, 0, r.n)
	}
	fl.stop()
	want := []string{"b", "a"}
	if len(persisted) != len(want) || persisted[0] != want[0] || persisted[1] != want[1] {
		t.Errorf("persisted %v, want %v", persisted, want)
	}
	fl.stop() // a second stop does nothing
}
