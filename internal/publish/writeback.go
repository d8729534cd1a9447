package publish

import (
	"os"
	"sync"
)

// writebackChunk is how much of a dump is written before its writeback to
// disk is started.
const writebackChunk = 4 << 20

// flusher has the kernel write the site's files to disk as they are
// written (sync_file_range), on a goroutine of its own, so that the sync
// before the site is swapped in finds little left to do: a site is several
// times the size of a graph, and flushing all of it at the end cost more
// than writing it. The call may wait for the device, so it is kept off the
// goroutines that render and write. It is advice: where it is not
// supported, the final sync does all the work.
//
// Every persistEvery bytes it also waits for the data to be on the device
// (fdatasync). The kernel's writeback only hands the data to the device;
// where the device has a large cache of its own (a virtual machine's
// disk, cached by its host; a RAID controller), the final sync otherwise
// waits for all of the site to leave that cache, and how long that takes
// depends on what the host does: 0.05 to 1 s at the end of a 10,000-report
// site, against 0.05 s when the data goes out in steps as it is written.
type flusher struct {
	ranges chan flushRange
	done   sync.WaitGroup
	// every is the number of bytes between waits for the device, which
	// persist makes.
	every   int64
	persist func(*os.File)
}

type flushRange struct {
	f      *os.File
	off, n int64
}

// persistEvery is the flusher's step: 40-odd waits for a site of 1.3 GB.
const persistEvery = 32 << 20

func newFlusher() *flusher { return startFlusher(persistEvery, persistData) }

func startFlusher(every int64, persist func(*os.File)) *flusher {
	fl := &flusher{ranges: make(chan flushRange, 64), every: every, persist: persist}
	fl.done.Go(func() {
		var started int64
		for r := range fl.ranges {
			startWritebackRange(r.f, r.off, r.n)
			if started += r.n; started >= fl.every {
				// The data of every file started so far is on its way;
				// waiting for this one's also has the device persist
				// what it holds of the others.
				fl.persist(r.f)
				started = 0
			}
			r.f.Close() // a copy (see startCopy)
		}
	})
	return fl
}

// startCopy asks for a range of f to be written (n 0: to its end). It
// does not wait; a full queue drops the request, which the final sync
// makes good. The request holds a copy of f's descriptor, so the writer
// may close f right away.
func (fl *flusher) startCopy(f *os.File, off, n int64) {
	c := dupFile(f)
	if c == nil {
		return
	}
	select {
	case fl.ranges <- flushRange{f: c, off: off, n: n}:
	default:
		c.Close()
	}
}

// stop waits for the requests so far.
func (fl *flusher) stop() {
	if fl.ranges != nil {
		close(fl.ranges)
		fl.done.Wait()
		fl.ranges = nil
	}
}

// writeback writes a file, starting its writeback every writebackChunk.
type writeback struct {
	f                *os.File
	fl               *flusher
	written, started int64
}

func (w *writeback) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.written += int64(n)
	if w.written-w.started >= writebackChunk {
		w.fl.startCopy(w.f, w.started, w.written-w.started)
		w.started = w.written
	}
	return n, err
}
