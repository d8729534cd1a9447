// Package progress draws a progress bar on a terminal. It is the one place
// that knows the progress-bar library.
package progress

import (
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Bar is a lazily created progress bar: nothing is drawn until a task with
// at least minTotal steps reports, so small runs stay quiet.
type Bar struct {
	w        io.Writer
	label    string
	minTotal int

	mu  sync.Mutex
	bar *progressbar.ProgressBar
}

// New returns a bar that draws on w (a terminal: the caller checks).
func New(w io.Writer, label string, minTotal int) *Bar {
	return &Bar{w: w, label: label, minTotal: minTotal}
}

// Report sets the bar to done of total. It is safe for concurrent use.
func (b *Bar) Report(done, total int) {
	if b == nil || total < b.minTotal {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar == nil {
		b.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(b.w),
			progressbar.OptionSetDescription(b.label),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	_ = b.bar.Set(done) // writes to the terminal; nothing to do on failure
}

// Finish removes the bar, if one was drawn.
func (b *Bar) Finish() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil {
		_ = b.bar.Finish()
		_ = b.bar.Clear()
	}
}
