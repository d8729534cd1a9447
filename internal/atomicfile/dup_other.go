//go:build !unix

package atomicfile

import "os"

// dupFile opens the descriptor's name, as systems outside unix have no
// descriptor paths to duplicate.
func dupFile(fd int, name string) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY, 0)
}
