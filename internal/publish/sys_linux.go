package publish

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps two directories in one step (renameat2 RENAME_EXCHANGE).
// It reports false without an error where the file system cannot.
func exchange(a, b string) (bool, error) {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		return false, nil
	}
	return false, err
}

// syncDir flushes the new site to disk before it is swapped in, so that a
// crash right after the swap cannot leave empty files in the published
// directory: one syncfs for its file system rather than an fsync per page.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return fmt.Errorf("%s: sync: %w", dir, err)
	}
	return nil
}

// startWritebackRange asks the kernel to start writing a range of f to
// disk (n 0: to its end) without waiting for it. It is advice.
func startWritebackRange(f *os.File, off, n int64) {
	_ = unix.SyncFileRange(int(f.Fd()), off, n, unix.SYNC_FILE_RANGE_WRITE)
}

// persistData waits until f's data is on the device (fdatasync), which
// also has the device write out its cache. Errors are left to the final
// sync, which reports them.
func persistData(f *os.File) {
	_ = unix.Fdatasync(int(f.Fd()))
}

// dupFile returns a second descriptor of f, or nil when there is none to
// be had (writeback is advice).
func dupFile(f *os.File) *os.File {
	fd, err := unix.Dup(int(f.Fd()))
	if err != nil {
		return nil
	}
	return os.NewFile(uintptr(fd), f.Name())
}

// umask is the process's file mode creation mask.
func umask() os.FileMode {
	m := unix.Umask(0)
	unix.Umask(m)
	return os.FileMode(m)
}
