package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCommitReplacesAndAbortKeeps(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out.ttl")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}

	f, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("partial")
	if got, _ := os.ReadFile(target); string(got) != "old" {
		t.Fatalf("target changed before commit: %q", got)
	}
	if err := f.Abort(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); string(got) != "old" {
		t.Fatalf("abort changed target: %q", got)
	}
	assertOnlyFiles(t, dir, "out.ttl")

	f, err = Create(target)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("new")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := f.Abort(); err != nil {
		t.Fatalf("abort after commit must be a no-op: %v", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Fatalf("target = %q, want new", got)
	}
	fi, _ := os.Stat(target)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the existing 0600 kept", fi.Mode().Perm())
	}
	assertOnlyFiles(t, dir, "out.ttl")
}

func TestNewFileModeAndRefusals(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "new.nt")
	f, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(target)
	if fi.Mode().Perm()&0o044 != 0o044 {
		t.Errorf("mode %v: a new file should be readable by others like any created file", fi.Mode().Perm())
	}
	if err := f.Commit(); err == nil {
		t.Error("second commit should fail")
	}
	if _, err := Create(dir); err == nil {
		t.Error("replacing a directory should be refused")
	}
	if _, err := Create(filepath.Join(dir, "missing", "x.ttl")); err == nil {
		t.Error("a missing directory should be an error")
	}
	assertOnlyFiles(t, dir, "new.nt")
}

func assertOnlyFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(want) {
		t.Fatalf("directory holds %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("directory holds %v, want %v", got, want)
		}
	}
}
