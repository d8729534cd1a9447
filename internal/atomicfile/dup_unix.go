//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// dupFile duplicates descriptor fd, so that closing the result leaves the
// original (the shell's) open. The fork lock keeps a concurrent exec from
// inheriting the copy before it is marked close-on-exec.
func dupFile(fd int, name string) (*os.File, error) {
	syscall.ForkLock.RLock()
	nfd, err := syscall.Dup(fd)
	if err == nil {
		syscall.CloseOnExec(nfd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(nfd), name), nil
}
