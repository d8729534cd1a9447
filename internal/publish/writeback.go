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
	// owned: f is a copy of the writer's descriptor, closed once the
	// request is made (the writer may have closed its own by then).
	owned bool
}

func newFlusher() *flusher {
	fl := &flusher{ranges: make(chan flushRange, 64)}
	fl.done.Go(func() {
		for r := range fl.ranges {
			startWritebackRange(r.f, r.off, r.n)
			if r.owned {
				r.f.Close()
			}
		}
	})
	return fl
}

// start asks for a range of f to be written (n 0: to its end). It does not
// wait; a full queue drops the request, which the final sync makes good.
func (fl *flusher) start(f *os.File, off, n int64) {
	select {
	case fl.ranges <- flushRange{f: f, off: off, n: n}:
	default:
	}
}

// startCopy is start for a file its writer may close right away: the
// request holds a copy of its descriptor.
func (fl *flusher) startCopy(f *os.File, off, n int64) {
	c := dupFile(f)
	if c == nil {
		return
	}
	select {
	case fl.ranges <- flushRange{f: c, off: off, n: n, owned: true}:
	default:
		c.Close()
	}
}

// stop waits for the requests so far; files must stay open until then.
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
		w.fl.start(w.f, w.started, w.written-w.started)
		w.started = w.written
	}
	return n, err
}
