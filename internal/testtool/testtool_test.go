package testtool

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRapperNTriples(t *testing.T) {
	doc := "@prefix ex: <http://example.org/> .\nex:b ex:p \"é\\n\"@nl .\nex:a ex:p ex:b , ex:b .\n"
	got := RapperNTriples(t, "turtle", []byte(doc))
	want := []string{
		"<http://example.org/a> <http://example.org/p> <http://example.org/b> .",
		"<http://example.org/b> <http://example.org/p> \"\\u00E9\\n\"@nl .",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestRapperCheckRejectsBrokenTurtle(t *testing.T) {
	Rapper(t)
	_, err := RapperCheck("turtle", []byte("@prefix ex: <http://example.org/> .\nex:4.3.2. ex:p ex:o .\n"))
	if err == nil || !strings.Contains(err.Error(), "rapper -i turtle") {
		t.Errorf("broken Turtle accepted: %v", err)
	}
}

// TestDatabaseOutsideWorkTree: scripts/test.sh keeps the test server's
// database (some 50 MB) out of the clone, in a directory of its own that it
// exports as PLEDGEGRAPH_VIRTUOSO_DIR. Without scripts/test.sh (an endpoint
// of one's own) there is nothing to check.
func TestDatabaseOutsideWorkTree(t *testing.T) {
	Endpoint(t)
	dir := os.Getenv("PLEDGEGRAPH_VIRTUOSO_DIR")
	if dir == "" {
		unavailable(t, "PLEDGEGRAPH_VIRTUOSO_DIR (exported by scripts/test.sh)")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("%s is not the module root: %v", root, err)
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil || !filepath.IsAbs(dir) || rel == "." || !strings.HasPrefix(rel, "..") {
		t.Errorf("database directory %s is not an absolute path outside the work tree %s", dir, root)
	}
	if _, err := os.Stat(filepath.Join(dir, "virtuoso.ini")); err != nil {
		t.Errorf("no test server database in %s: %v", dir, err)
	}
}
