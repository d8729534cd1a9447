package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestUsageErrorsPointAtTheirCommand: a usage error ends with the help of
// the command that was called, which lists its own flags.
func TestUsageErrorsPointAtTheirCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		help string
	}{
		{[]string{"export", "--nope"}, "Run 'pledgegraph export --help' for usage."},
		{[]string{"check", "-j", "-1", seeds}, "Run 'pledgegraph check --help' for usage."},
		{[]string{"resolve", "--format", "xml", seeds}, "Run 'pledgegraph resolve --help' for usage."},
		{[]string{"vocab", "x"}, "Run 'pledgegraph vocab --help' for usage."},
		{[]string{"exprot"}, "Run 'pledgegraph --help' for usage."},
	} {
		code, _, stderr := runCLI(t, "", tc.args...)
		if code != ExitUsage || !strings.HasSuffix(stderr, tc.help+"\n") {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant it to end with %q", tc.args, code, stderr, tc.help)
		}
	}
}

func TestNegativeJobsRefused(t *testing.T) {
	for _, cmd := range []string{"export", "check", "resolve"} {
		code, _, stderr := runCLI(t, "", cmd, "-j", "-2", seeds)
		if code != ExitUsage || !strings.Contains(stderr, "--jobs must not be negative, got -2") {
			t.Errorf("%s -j -2: exit %d:\n%s", cmd, code, stderr)
		}
	}
}

// TestUnwrittenFormatExtensions: -o graph.rdf used to write Turtle into
// it; a format pledgegraph does not write is a usage error instead (.jsonld
// and .json: see TestJSONLDOutput).
func TestUnwrittenFormatExtensions(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"out.rdf", "out.xml", "out.trig", "out.n3"} {
		out := filepath.Join(dir, name)
		code, _, stderr := runCLI(t, "", "export", seeds, "-o", out)
		if code != ExitUsage || !strings.Contains(stderr, "pledgegraph does not write") {
			t.Errorf("-o %s: exit %d:\n%s", name, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("-o %s: a file was written", name)
		}
	}
	// An explicit -f says what to write, whatever the name.
	out := filepath.Join(dir, "graph.xml")
	if code, _, stderr := runCLI(t, "", "export", "-q", "-f", "nt", seeds, "-o", out); code != ExitOK {
		t.Errorf("-f nt -o graph.xml: exit %d:\n%s", code, stderr)
	}
	// Other extensions (.txt, none) still mean Turtle.
	if code, _, stderr := runCLI(t, "", "export", "-q", seeds, "-o", filepath.Join(dir, "graph.txt")); code != ExitOK {
		t.Errorf("-o graph.txt: exit %d:\n%s", code, stderr)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		code, out, stderr := runCLI(t, "", args...)
		if code != ExitOK || !strings.HasPrefix(out, "pledgegraph ") || !strings.Contains(out, runtime.Version()) || !strings.Contains(out, "revision") {
			t.Errorf("%v: exit %d, output %q %s", args, code, out, stderr)
		}
	}
}

// TestVersionNamesTheRevision builds the command as a user would and
// checks that it names the commit it was built from.
func TestVersionNamesTheRevision(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): the build records no revision", err)
	}
	// The go command records no VCS information in a linked worktree.
	dirs, err := exec.Command("git", "-C", root, "rev-parse", "--git-dir", "--git-common-dir").Output()
	if d := strings.Fields(string(dirs)); err != nil || len(d) != 2 || filepath.Clean(filepath.Join(root, d[0])) != filepath.Clean(filepath.Join(root, d[1])) {
		t.Skipf("a linked git worktree (%q): the build records no revision", dirs)
	}
	bin := filepath.Join(t.TempDir(), "pledgegraph")
	// -buildvcs=true: GOFLAGS may turn stamping off (it does on some CI images).
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, "./cmd/pledgegraph")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "revision "+strings.TrimSpace(string(head))) {
		t.Errorf("version says %q, want revision %s", out, head)
	}
	flag, err := exec.Command(bin, "--version").Output()
	if err != nil || string(flag) != string(out) {
		t.Errorf("--version %q (%v) differs from version %q", flag, err, out)
	}
}

func TestCheckQuiet(t *testing.T) {
	dir := t.TempDir()
	seed := mustRead(t, seeds+"/000_5f7ed5cae34e348f.txt")
	// A citation without an entry: a warning, not an error.
	warned := strings.Replace(seed, "## Conclusie", "Nog een punt \\[99\\].\n\n## Conclusie", 1)
	os.WriteFile(filepath.Join(dir, "a_warned.md"), []byte(warned), 0o644)
	os.WriteFile(filepath.Join(dir, "b_empty.md"), nil, 0o644)
	code, out, _ := runCLI(t, "", "check", "-q", dir)
	if code != ExitFailure || out != filepath.Join(dir, "b_empty.md")+": empty file\n" {
		t.Errorf("check -q: exit %d, output %q; want only the error", code, out)
	}
	code, out, _ = runCLI(t, "", "check", "-q", "--strict", filepath.Join(dir, "a_warned.md"))
	if code != ExitFailure || !strings.Contains(out, "warning: citation [99] has no entry in the reference list") || strings.Contains(out, "checked") {
		t.Errorf("check -q --strict: exit %d, output %q; want the warning, no summary", code, out)
	}
	if code, out, _ = runCLI(t, "", "check", "-q", filepath.Join(dir, "a_warned.md")); code != ExitOK || out != "" {
		t.Errorf("check -q on a report with warnings: exit %d, output %q; want silence", code, out)
	}
}

// TestNoUsableInput: an empty directory, or a directory without reports,
// is an error with its reason, for export and check alike.
func TestNoUsableInput(t *testing.T) {
	empty := t.TempDir()
	others := t.TempDir()
	os.WriteFile(filepath.Join(others, "notes.pdf"), []byte("%PDF"), 0o644)
	for _, dir := range []string{empty, others} {
		code, _, stderr := runCLI(t, "", "export", dir)
		if code != ExitFailure || !strings.Contains(stderr, dir+": no report files") || !strings.Contains(stderr, "nothing exported") {
			t.Errorf("export %s: exit %d:\n%s", dir, code, stderr)
		}
		code, out, _ := runCLI(t, "", "check", dir)
		if code != ExitFailure || !strings.Contains(out, dir+": no report files") || !strings.Contains(out, "1 error") {
			t.Errorf("check %s: exit %d:\n%s", dir, code, out)
		}
	}
	// With other reports, the empty directory is skipped and named; the rest goes through.
	code, out, stderr := runCLI(t, "", "export", "-f", "nt", seeds, empty)
	if code != ExitFailure || !strings.Contains(stderr, empty+": no report files") || !strings.Contains(out, "ClaimReview") {
		t.Errorf("export seeds + empty dir: exit %d:\n%s", code, stderr)
	}
}

// TestLinks: reports reached through symbolic links are exported; -o
// through a link writes the link's target and leaves the link.
func TestLinks(t *testing.T) {
	dir := t.TempDir()
	src, _ := filepath.Abs(seeds + "/000_5f7ed5cae34e348f.txt")
	reports := filepath.Join(dir, "reports")
	os.Mkdir(reports, 0o755)
	if err := os.Symlink(src, filepath.Join(reports, "linked.md")); err != nil {
		t.Skip(err)
	}
	os.Symlink(filepath.Join(dir, "gone.md"), filepath.Join(reports, "broken.md"))
	target := filepath.Join(dir, "graph-v1.ttl")
	os.WriteFile(target, []byte("old"), 0o644)
	link := filepath.Join(dir, "graph.ttl")
	os.Symlink("graph-v1.ttl", link)

	code, out, _ := runCLI(t, "", "check", reports)
	if code != ExitFailure || !strings.Contains(out, filepath.Join(reports, "broken.md")+": broken symbolic link") || !strings.Contains(out, "checked 2 files: 1 ok, 0 with warnings, 1 error") {
		t.Errorf("check: exit %d:\n%s", code, out)
	}
	code, _, stderr := runCLI(t, "", "export", reports, "-o", link)
	if code != ExitFailure || !strings.Contains(stderr, filepath.Join(reports, "broken.md")+": broken symbolic link") || !strings.Contains(stderr, "exported 1 of 2 inputs") {
		t.Errorf("export: exit %d:\n%s", code, stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("-o replaced the link: %v", err)
	}
	if got, _ := os.ReadFile(target); !strings.Contains(string(got), "a schema:ClaimReview") {
		t.Errorf("the link's target was not written: %.80q", got)
	}
}
