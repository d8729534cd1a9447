package inputs

import (
	"iter"
	"sync"
)

// ReadAhead yields what all yields, in order, while a goroutine walks up to
// n inputs ahead and has the system start reading their files. A corpus
// that is not in the page cache is otherwise read one small file at a time,
// each read waiting for the disk (longer still while the disk is busy with
// what the command writes); asked for many files at once, the disk serves
// them while the reports before them are worked on.
func ReadAhead(all iter.Seq[Input], n int) iter.Seq[Input] {
	return func(yield func(Input) bool) {
		ahead := make(chan Input, n)
		stop := make(chan struct{})
		var walking sync.WaitGroup
		walking.Go(func() {
			defer close(ahead)
			for in := range all {
				select {
				case <-stop: // the consumer is gone: no more walking
					return
				default:
				}
				in.prefetch()
				select {
				case ahead <- in:
				case <-stop:
					return
				}
			}
		})
		defer func() {
			close(stop)
			walking.Wait()
		}()
		for in := range ahead {
			if !yield(in) {
				return
			}
		}
	}
}

// prefetch starts reading a regular file (as the walk or the argument's
// stat found it) into the page cache. It is advice; standard input,
// pipes and inputs in error are left alone.
func (in Input) prefetch() {
	if in.Err != nil || in.once != nil || in.Path == "" {
		return
	}
	startReading(in.Path)
}
