package load

import (
	"runtime"
	"strings"
	"time"
)

// goroutinesIn counts the goroutines with a frame in code whose path
// contains pkg.
func goroutinesIn(pkg string) int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, pkg) {
			n++
		}
	}
	return n
}

// settledGoroutinesIn is goroutinesIn once goroutines that are on their way
// out have ended: a lexer that closed its channel returns a moment later.
// The count is what the test asserts; the wait only lets it settle.
func settledGoroutinesIn(pkg string) int {
	n := goroutinesIn(pkg)
	for deadline := time.Now().Add(5 * time.Second); n > 0 && time.Now().Before(deadline); n = goroutinesIn(pkg) {
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
	return n
}
