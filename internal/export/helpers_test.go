package export

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// checkGolden compares out with testdata/name (rewritten first with
// -update) and returns the golden content, for the caller's independent
// checks (rapper).
func checkGolden(t *testing.T, name, out string) []byte {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if out != string(want) {
		t.Errorf("output differs from %s (run go test ./internal/export -update and read the diff)", golden)
	}
	return want
}

func regexpLine(text, pattern string) bool {
	return regexp.MustCompile(`(?m)^` + pattern).MatchString(text)
}
