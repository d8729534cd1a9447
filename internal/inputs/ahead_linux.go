package inputs

import "golang.org/x/sys/unix"

// startReading asks the kernel to read the file into the page cache
// without waiting for it (posix_fadvise WILLNEED). The file is opened
// non-blocking: should it have turned into a pipe since it was found, the
// open must not wait for a writer.
func startReading(path string) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) == nil && st.Mode&unix.S_IFMT == unix.S_IFREG {
		_ = unix.Fadvise(fd, 0, 0, unix.FADV_WILLNEED)
	}
	unix.Close(fd)
}
