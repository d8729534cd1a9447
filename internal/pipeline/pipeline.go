// Package pipeline runs work over a stream of items on several goroutines
// and hands the results on in the order the items came, so that output is
// byte-stable whatever the scheduling, and memory is bounded by the number of
// items in flight, not by the length of the stream.
package pipeline

import (
	"context"
	"iter"
	"runtime"
	"sync"
)

// Ordered calls work on every item of items, jobs at a time (≤ 0 means
// GOMAXPROCS), and emit on the results in item order, on the calling
// goroutine. Items are taken from the sequence only as the window of items
// in flight (4 per job) allows. It stops at the first error emit returns, or
// when ctx is done, and returns that error; work itself cannot fail: put
// per-item failures into Out.
func Ordered[In, Out any](ctx context.Context, items iter.Seq[In], jobs int, work func(In) Out, emit func(Out) error) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(parent)

	// Item i comes back through slot i mod the window size: a slot is free
	// again once the item a window earlier was emitted.
	inFlight := 4 * jobs
	results := make([]chan Out, inFlight)
	for i := range results {
		results[i] = make(chan Out, 1)
	}
	window := make(chan struct{}, inFlight)
	type job struct {
		i    int
		item In
	}
	next := make(chan job)
	total := make(chan int, 1) // how many items the sequence gave, once it is done
	go func() {
		defer close(next)
		n := 0
		defer func() { total <- n }()
		for item := range items {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- job{n, item}:
				n++
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for j := range next {
				results[j.i%inFlight] <- work(j.item)
			}
		})
	}
	// Cancel before waiting: after an early return the feeder may be
	// blocked on a full window, and the workers wait for it to close next.
	defer func() {
		cancel()
		wg.Wait()
	}()
	n := -1
	for i := 0; n < 0 || i < n; {
		select {
		case r := <-results[i%inFlight]:
			<-window
			i++
			if err := emit(r); err != nil {
				return err
			}
		case n = <-total:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	// The feeder stops early, without an error, when the context is done:
	// a run cancelled before its first item must not look complete.
	return parent.Err()
}
