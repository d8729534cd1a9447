//go:build linux

package inputs

import (
	"os"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// A pipe given by name, as bash's <(...) gives /dev/fd/63, can be drained
// only once, yet every pass must see it.
func TestNamedPipeArgumentReadOnce(t *testing.T) {
	t.Chdir(t.TempDir())
	build(t, "in.md|fifo")
	go func() {
		// A blocking open(2) of a FIFO, interrupted by the runtime's
		// preemption signal and restarted after the other side came and
		// went, waits for ever: open without blocking until the reader is
		// there, and close only once it has taken the bytes.
		var fd int
		for {
			var err error
			fd, err = syscall.Open("in.md", syscall.O_WRONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
			if err == nil {
				break
			}
			if err != syscall.ENXIO { // ENXIO: no reader yet
				return
			}
			time.Sleep(time.Millisecond)
		}
		w := os.NewFile(uintptr(fd), "in.md")
		defer w.Close()
		w.WriteString("from a pipe")
		for {
			n, err := unix.IoctlGetInt(fd, unix.TIOCINQ)
			if err != nil || n == 0 {
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	l, err := New([]string{"in.md"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for pass := range 2 {
		n := 0
		for in := range l.All() {
			n++
			if in.Err != nil || in.Name != "in.md" {
				t.Fatalf("pass %d: input %+v", pass, in)
			}
			// A second read of the pipe itself would block for ever.
			done := make(chan string, 1)
			go func() {
				data, err := in.Read()
				if err != nil {
					done <- err.Error()
					return
				}
				done <- string(data)
			}()
			select {
			case got := <-done:
				if got != "from a pipe" {
					t.Errorf("pass %d: Read = %q", pass, got)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("pass %d: Read blocks: the pipe is read again", pass)
			}
		}
		if n != 1 {
			t.Errorf("pass %d: %d inputs", pass, n)
		}
	}
}
