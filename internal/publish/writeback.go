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
type flusher struct {
	ranges chan flushRange
	done   sync.WaitGroup
}

type flushRange struct {
	f      *os.File
	off, n int64
}

func newFlusher() *flusher {
	fl := &flusher{ranges: make(chan flushRange, 64)}
	fl.done.Go(func() {
		for r := range fl.ranges {
			startWritebackRange(r.f, r.off, r.n)
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
