package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Marker is the file publish leaves in every site it writes. A directory
// that exists and holds neither this file nor anything else is the only
// kind publish replaces: `-o ~` must never swap a home directory away.
const Marker = ".pledgegraph-site"

const markerText = "This directory was written by pledgegraph publish. The next run replaces it whole.\n"

// target is the directory a run replaces.
type target struct {
	// path is where the site goes, symbolic links resolved; parent its
	// directory, where the new site is built.
	path, parent string
	exists       bool
}

// resolveTarget checks that dir can be replaced by a new site: it does not
// exist yet (its parent must), or it is an empty directory, or one an
// earlier run wrote. A symbolic link is followed: the directory it points
// to is replaced and the link stays a link.
func resolveTarget(dir string) (target, error) {
	if dir == "" {
		return target{}, errors.New("no output directory (-o DIR)")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return target{}, fmt.Errorf("%s: %w", dir, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	} else if fi, lerr := os.Lstat(abs); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return target{}, fmt.Errorf("%s: broken symbolic link", dir)
	}
	if abs == filepath.Dir(abs) {
		return target{}, fmt.Errorf("%s: cannot replace the root directory", dir)
	}
	t := target{path: abs, parent: filepath.Dir(abs)}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		pfi, perr := os.Stat(t.parent)
		if perr != nil || !pfi.IsDir() {
			return target{}, fmt.Errorf("%s: directory %s does not exist", dir, t.parent)
		}
		return t, nil
	case err != nil:
		return target{}, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	case !fi.IsDir():
		return target{}, fmt.Errorf("%s: exists and is not a directory", dir)
	}
	t.exists = true
	entries, err := os.ReadDir(abs)
	if err != nil {
		return target{}, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	if len(entries) == 0 {
		return t, nil
	}
	if _, err := os.Stat(filepath.Join(abs, Marker)); err != nil {
		return target{}, fmt.Errorf("%s: exists and was not written by pledgegraph publish (no %s in it); publish replaces the directory whole, so give a new or empty one", dir, Marker)
	}
	return t, nil
}

// swap puts the built site in place of the target. When the target exists
// the two directories are exchanged in one step (renameat2 RENAME_EXCHANGE),
// so readers see the old site or the new one, never none; where the file
// system cannot exchange, the old site is moved aside first. What was
// there before ends up at old, for the caller to remove.
func swap(built string, t target) (old string, err error) {
	if !t.exists {
		if err := os.Rename(built, t.path); err != nil {
			return "", fmt.Errorf("%s: %w", t.path, unwrapPath(err))
		}
		return "", nil
	}
	exchanged, err := exchange(built, t.path)
	if exchanged {
		return built, nil
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", t.path, err)
	}
	aside, err := os.MkdirTemp(t.parent, "."+filepath.Base(t.path)+".old-*")
	if err != nil {
		return "", fmt.Errorf("%s: %w", t.path, unwrapPath(err))
	}
	os.Remove(aside) // only its unique name is wanted
	if err := os.Rename(t.path, aside); err != nil {
		return "", fmt.Errorf("%s: %w", t.path, unwrapPath(err))
	}
	if err := os.Rename(built, t.path); err != nil {
		// Put the old site back: a failed run leaves the directory as it was.
		os.Rename(aside, t.path)
		return "", fmt.Errorf("%s: %w", t.path, unwrapPath(err))
	}
	return aside, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
