package testtool

import (
	"os/exec"
	"testing"
)

// Chromium returns the path of Debian's chromium, which scripts/test.sh
// installs; without it the test skips, or fails under CI=true.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	unavailable(t, "chromium (Debian chromium)")
	return ""
}
