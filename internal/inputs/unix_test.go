//go:build unix

package inputs

import (
	"net"
	"syscall"
	"testing"
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
