// Package atomicfile writes a file so that readers see either the old
// content or the complete new content, never a partial file: data goes to a
// temporary file in the same directory, which is renamed over the target
// only when everything was written.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// File is a pending replacement of a file. Write to it, then Commit or Abort.
type File struct {
	*os.File
	path string
	done bool
}

// Create starts writing path. The temporary file is hidden (dot-prefixed)
// beside the target, so the rename cannot cross file systems. A new file gets
// mode 0644 (less the umask); an existing one keeps its mode.
func Create(path string) (*File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, err
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			tmp.Close()
			os.Remove(tmp.Name())
			return nil, fmt.Errorf("%s: not a regular file", path)
		}
		mode = fi.Mode().Perm()
	} else {
		mode &^= umask()
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	return &File{File: tmp, path: path}, nil
}

// Commit flushes the data to disk and renames the temporary file over the
// target. After an error the target is unchanged and the temporary file gone.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: already committed or aborted")
	}
	f.done = true
	err := f.File.Sync()
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.File.Name(), f.path)
	}
	if err != nil {
		os.Remove(f.File.Name())
		return fmt.Errorf("%s: %w", f.path, err)
	}
	return nil
}

// Abort removes the temporary file and leaves the target untouched. It is a
// no-op after Commit, so it can be deferred.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	f.File.Close()
	return os.Remove(f.File.Name())
}
