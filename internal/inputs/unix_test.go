//go:build unix

package inputs

import (
	"net"
	"os"
	"syscall"
	"testing"
	"time"
)

const hasUnixFiles = true

func makeSpecial(t *testing.T, name, kind string) {
	t.Helper()
	switch kind {
	case "fifo":
		if err := syscall.Mkfifo(name, 0o644); err != nil {
			t.Fatal(err)
		}
	case "socket":
		ln, err := net.Listen("unix", name)
		if err != nil {
			t.Fatal(err)
		}
		ln.(*net.UnixListener).SetUnlinkOnClose(false)
		t.Cleanup(func() { ln.Close() })
	default:
		t.Fatalf("unknown special file kind %q", kind)
	}
}

// A pipe given by name, as bash's <(...) gives /dev/fd/63, can be drained
// only once, yet every pass must see it.
func TestNamedPipeArgumentReadOnce(t *testing.T) {
	t.Chdir(t.TempDir())
	build(t, "in.md|fifo")
	go func() {
		w, err := os.OpenFile("in.md", os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.WriteString("from a pipe")
		w.Close()
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
