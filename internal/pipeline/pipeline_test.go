package pipeline

import (
	"context"
	"errors"
	"iter"
	"slices"
	"testing"
	"time"
)

func upTo(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func TestOrderedKeepsOrder(t *testing.T) {
	for _, jobs := range []int{0, 1, 3, 16} {
		var got []int
		// Later items finish first: order must come from the input, not the scheduling.
		work := func(i int) int {
			if i%7 == 0 {
				time.Sleep(time.Millisecond)
			}
			return i * i
		}
		err := Ordered(context.Background(), upTo(500), jobs, work, func(v int) error {
			got = append(got, v)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := make([]int, 500)
		for i := range want {
			want[i] = i * i
		}
		if !slices.Equal(got, want) {
			t.Errorf("jobs %d: results out of order or missing (%d of 500)", jobs, len(got))
		}
	}
}

// TestOrderedStopsOnEmitError: an error from emit (a full disk, say) ends
// the run with that error, while more items wait, without a deadlock.
func TestOrderedStopsOnEmitError(t *testing.T) {
	stop := errors.New("disk full")
	emitted := 0
	done := make(chan error, 1)
	go func() {
		done <- Ordered(context.Background(), upTo(10_000), 2, func(i int) int { return i }, func(int) error {
			emitted++
			if emitted == 3 {
				return stop
			}
			return nil
		})
	}()
	select {
	case err := <-done:
		if !errors.Is(err, stop) || emitted != 3 {
			t.Errorf("err %v after %d emits, want %v after 3", err, emitted, stop)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Ordered did not return after emit failed (deadlock)")
	}
}

func TestOrderedCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	endless := func(yield func(int) bool) {
		for i := 0; ; i++ {
			if !yield(i) {
				return
			}
		}
	}
	err := Ordered(ctx, endless, 2, func(i int) int { return i }, func(v int) error {
		if v == 100 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestOrderedEmpty(t *testing.T) {
	calls := 0
	if err := Ordered(context.Background(), upTo(0), 4, func(i int) int { return i }, func(int) error { calls++; return nil }); err != nil || calls != 0 {
		t.Errorf("err %v, %d emits", err, calls)
	}
}

// TestOrderedCancelledBeforeStart: a context cancelled before the first
// item is an error, never an empty but successful run.
func TestOrderedCancelledBeforeStart(t *testing.T) {
	for range 200 {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := Ordered(ctx, upTo(10), 2, func(i int) int { return i }, func(int) error { return nil })
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	}
}
