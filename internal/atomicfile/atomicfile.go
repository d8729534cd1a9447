// Package atomicfile writes a file so that readers see either the old
// content or the complete new content, never a partial file: data goes to a
// temporary file in the same directory, which is renamed over the target
// only when everything was written.
//
// Two kinds of output cannot be replaced that way and are written directly
// instead (no temporary file, no rename): anything that is not a regular
// file (a character device such as /dev/null, a FIFO, a terminal), and paths
// in /dev/ such as /dev/stdout, /dev/stderr and /dev/fd/N, which stand for a
// descriptor the shell opened even when a regular file is behind it.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// maxLinks bounds how many symbolic links are followed, like the kernel's
// own limit, so that a loop is an error rather than a hang.
const maxLinks = 40

// File is a pending write of a file. Write to it, then Commit or Abort.
type File struct {
	*os.File
	path    string // as given, for messages
	target  string // what the rename replaces; "" for a direct write
	tempDir string
	done    bool
}

// Create starts writing path.
//
// A symbolic link (or a chain of them) is followed: the file it points to is
// replaced and the link stays a link. A dangling link creates the file it
// points to. The temporary file is hidden (dot-prefixed) beside that final
// target, so the rename cannot cross file systems. A new file gets mode 0644
// (less the umask); an existing one keeps its mode.
//
// A device, FIFO or descriptor path is opened for writing directly (see the
// package comment); opening a FIFO blocks until a reader opens it.
func Create(path string) (*File, error) {
	if path == "" {
		return nil, errors.New("empty output file name")
	}
	target, fi, direct, err := resolve(path)
	if err != nil {
		return nil, err
	}
	if direct {
		return createDirect(path, target)
	}

	dir, base := filepath.Split(target)
	if base == "" || base == "." || base == ".." {
		return nil, pathErr("create", path, syscall.EISDIR)
	}
	if dir == "" {
		dir = "."
	}
	if target != path {
		// A link target's directory is spelled as the links made it
		// ("a/link/../x"); resolve it so that TempDir is a plain path that
		// callers may join and clean.
		resolved, err := filepath.EvalSymlinks(dir)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, pathErr("create", path, notExist(fmt.Sprintf("symbolic link to %s, whose directory %s does not exist", target, filepath.Clean(dir))))
		}
		if err != nil {
			return nil, pathErr("create", path, fmt.Errorf("symbolic link to %s: %w", target, unwrapPath(err)))
		}
		dir = resolved
		target = filepath.Join(dir, base)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, pathErr("create", path, notExist(fmt.Sprintf("directory %s does not exist", filepath.Clean(dir))))
	}
	if err != nil {
		// Name the directory: an atomic replacement needs it writable, not
		// only the file, which surprises.
		return nil, pathErr("create", path, fmt.Errorf("cannot create a temporary file in %s: %w", filepath.Clean(dir), unwrapPath(err)))
	}
	mode := fs.FileMode(0o644) &^ umask()
	if fi != nil {
		mode = fi.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, pathErr("create", path, unwrapPath(err))
	}
	return &File{File: tmp, path: path, target: target, tempDir: dir}, nil
}

// resolve follows symbolic links from path to the file a write should land
// in. It returns that file's info (nil if it does not exist yet), or direct
// when the target must be opened in place rather than replaced.
//
// Relative link targets are joined to the link's directory without
// cleaning: "dir/../x" must go through dir physically, as the kernel does,
// and dir may itself be a link.
func resolve(path string) (target string, fi fs.FileInfo, direct bool, err error) {
	p := path
	for links := 0; ; links++ {
		if _, ok := descriptorPath(p); ok || inDev(p) {
			return p, nil, true, nil
		}
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return p, nil, false, nil
		case err != nil:
			return "", nil, false, pathErr("create", path, linkReason(path, p, unwrapPath(err)))
		case fi.Mode()&fs.ModeSymlink != 0:
			if links == maxLinks {
				return "", nil, false, pathErr("create", path, syscall.ELOOP)
			}
			dest, err := os.Readlink(p)
			if err != nil {
				return "", nil, false, pathErr("create", path, linkReason(path, p, unwrapPath(err)))
			}
			if !filepath.IsAbs(dest) {
				dir, _ := filepath.Split(p)
				dest = dir + dest
			}
			p = dest
		case fi.IsDir():
			return "", nil, false, pathErr("create", path, linkReason(path, p, syscall.EISDIR))
		case !fi.Mode().IsRegular():
			return p, nil, true, nil
		default:
			return p, fi, false, nil
		}
	}
}

// linkReason names the link target when it, not path, is what failed.
func linkReason(path, p string, err error) error {
	if p == path {
		return err
	}
	return fmt.Errorf("symbolic link to %s: %w", p, err)
}

// createDirect opens target in place. Descriptor paths duplicate the
// descriptor rather than reopen it: reopening /proc/self/fd/N fails for a
// socket and, for a regular file, starts at offset 0 without O_APPEND, which
// would overwrite what is already there (think ">>").
func createDirect(path, target string) (*File, error) {
	if fd, ok := descriptorPath(target); ok {
		f, err := dupFile(fd, path)
		if err != nil {
			return nil, pathErr("create", path, linkReason(path, target, err))
		}
		return &File{File: f, path: path, tempDir: os.TempDir()}, nil
	}
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return nil, pathErr("create", path, linkReason(path, target, unwrapPath(err)))
	}
	fi, err := f.Stat()
	if err == nil && fi.IsDir() {
		err = syscall.EISDIR
	}
	if err == nil && fi.Mode().IsRegular() {
		// A regular file under /dev/ that no descriptor owns: replace its
		// content, as a write to it through the shell would.
		err = f.Truncate(0)
	}
	if err != nil {
		f.Close()
		return nil, pathErr("create", path, linkReason(path, target, unwrapPath(err)))
	}
	return &File{File: f, path: path, tempDir: os.TempDir()}, nil
}

// descriptorPath recognises the names of an open descriptor: /dev/stdin,
// /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N.
func descriptorPath(p string) (int, bool) {
	p = absClean(p)
	switch p {
	case "/dev/stdin":
		return 0, true
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	for _, prefix := range []string{"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"} {
		if n, ok := strings.CutPrefix(p, prefix); ok {
			fd, err := strconv.Atoi(n)
			return fd, err == nil && fd >= 0
		}
	}
	return 0, false
}

// inDev reports a path in /dev/, where files belong to the system and a
// rename would replace a device node. /dev/shm holds ordinary files and is
// written atomically like any other directory.
func inDev(p string) bool {
	p = absClean(p)
	return strings.HasPrefix(p, "/dev/") && !strings.HasPrefix(p, "/dev/shm/")
}

func absClean(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return filepath.ToSlash(a)
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// Direct reports whether the output is written in place (device, FIFO,
// descriptor path) rather than replaced atomically.
func (f *File) Direct() bool { return f.target == "" }

// TempDir is where a caller should put its own temporary files for this
// output: the target's directory, so that they share its file system, or
// the system temporary directory for a direct write (a caller cannot create
// files in /dev/).
func (f *File) TempDir() string { return f.tempDir }

// Commit finishes the write. For a replacement, it flushes the data to disk
// and renames the temporary file over the target; after an error the target
// is unchanged and the temporary file gone. For a direct write it only
// closes the file.
func (f *File) Commit() error {
	if f.done {
		return pathErr("commit", f.path, errors.New("already committed or aborted"))
	}
	f.done = true
	if f.Direct() {
		// No Sync: pipes, terminals and most devices reject it, and a
		// descriptor's durability belongs to whoever opened it.
		if err := f.File.Close(); err != nil {
			return pathErr("commit", f.path, unwrapPath(err))
		}
		return nil
	}
	err := f.File.Sync()
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.File.Name(), f.target)
	}
	if err != nil {
		os.Remove(f.File.Name())
		return pathErr("commit", f.path, unwrapPath(err))
	}
	return nil
}

// Abort removes the temporary file and leaves the target untouched. It is a
// no-op after Commit, so it can be deferred.
//
// A direct write cannot be undone: what went to a device or pipe is gone,
// so Abort only closes it.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	cerr := f.File.Close()
	if f.Direct() {
		return cerr
	}
	return os.Remove(f.File.Name())
}

// pathError reads "path: reason", as messages here start with the file
// name, yet unwraps to a *fs.PathError so that callers which strip the path
// to put their own in front (errors.As) still can.
type pathError struct{ pe *fs.PathError }

func pathErr(op, path string, err error) error {
	return &pathError{&fs.PathError{Op: op, Path: path, Err: err}}
}

func (e *pathError) Error() string { return e.pe.Path + ": " + e.pe.Err.Error() }
func (e *pathError) Unwrap() error { return e.pe }

// notExist is a missing directory, said plainly, that still matches
// fs.ErrNotExist.
type notExist string

func (e notExist) Error() string        { return string(e) }
func (e notExist) Is(target error) bool { return target == fs.ErrNotExist }

// unwrapPath drops the "open x:" or "rename x y:" prefix of an os error.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
