//go:build unix

package atomicfile

import (
	"io/fs"
	"syscall"
)

// umask reads the process umask; syscall.Umask can only read by setting, so
// the old value is put straight back.
func umask() fs.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m)
}
