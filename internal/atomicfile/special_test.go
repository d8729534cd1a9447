//go:build unix

package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestSymlinkWritesThroughToTarget(t *testing.T) {
	tests := []struct {
		name string
		// setup builds the tree under root and returns the output path (a
		// link) and the file it must end up writing.
		setup func(t *testing.T, root string) (link, target string)
	}{
		{"relative", func(t *testing.T, root string) (string, string) {
			mkdir(t, root, "data")
			writeFile(t, filepath.Join(root, "data", "real.ttl"), "old", 0o600)
			symlink(t, filepath.Join("data", "real.ttl"), filepath.Join(root, "out.ttl"))
			return filepath.Join(root, "out.ttl"), filepath.Join(root, "data", "real.ttl")
		}},
		{"relative with ..", func(t *testing.T, root string) (string, string) {
			mkdir(t, root, "links")
			mkdir(t, root, "data")
			writeFile(t, filepath.Join(root, "data", "real.ttl"), "old", 0o600)
			symlink(t, filepath.Join("..", "data", "real.ttl"), filepath.Join(root, "links", "out.ttl"))
			return filepath.Join(root, "links", "out.ttl"), filepath.Join(root, "data", "real.ttl")
		}},
		{"absolute", func(t *testing.T, root string) (string, string) {
			mkdir(t, root, "data")
			target := filepath.Join(root, "data", "real.ttl")
			writeFile(t, target, "old", 0o600)
			symlink(t, target, filepath.Join(root, "out.ttl"))
			return filepath.Join(root, "out.ttl"), target
		}},
		{"chain", func(t *testing.T, root string) (string, string) {
			// out.ttl -> a/hop.ttl (relative) -> <root>/b/hop2.ttl (absolute)
			// -> ../c/real.ttl (relative to b, not to the first link).
			mkdir(t, root, "a")
			mkdir(t, root, "b")
			mkdir(t, root, "c")
			writeFile(t, filepath.Join(root, "c", "real.ttl"), "old", 0o600)
			symlink(t, filepath.Join("..", "c", "real.ttl"), filepath.Join(root, "b", "hop2.ttl"))
			symlink(t, filepath.Join(root, "b", "hop2.ttl"), filepath.Join(root, "a", "hop.ttl"))
			symlink(t, filepath.Join("a", "hop.ttl"), filepath.Join(root, "out.ttl"))
			return filepath.Join(root, "out.ttl"), filepath.Join(root, "c", "real.ttl")
		}},
		{"link inside a linked directory", func(t *testing.T, root string) (string, string) {
			// dirlink -> real/sub; real/sub/out.ttl -> ../x.ttl, which is
			// real/x.ttl, not <root>/x.ttl as a lexical join would say.
			mkdir(t, root, "real")
			mkdir(t, root, filepath.Join("real", "sub"))
			writeFile(t, filepath.Join(root, "real", "x.ttl"), "old", 0o600)
			symlink(t, filepath.Join("..", "x.ttl"), filepath.Join(root, "real", "sub", "out.ttl"))
			symlink(t, filepath.Join("real", "sub"), filepath.Join(root, "dirlink"))
			return filepath.Join(root, "dirlink", "out.ttl"), filepath.Join(root, "real", "x.ttl")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			link, target := tt.setup(t, root)
			linkDest, err := os.Readlink(link)
			if err != nil {
				t.Fatal(err)
			}
			before := listDir(t, filepath.Dir(link))

			f, err := Create(link)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := realDir(t, filepath.Dir(f.Name())), realDir(t, filepath.Dir(target)); got != want {
				t.Errorf("temporary file in %s, want it beside the target in %s", got, want)
			}
			if f.Direct() || f.TempDir() != realDir(t, filepath.Dir(target)) {
				t.Errorf("Direct() = %v, TempDir() = %s; want a replacement in %s", f.Direct(), f.TempDir(), filepath.Dir(target))
			}
			if filepath.Dir(link) != filepath.Dir(target) {
				if after := listDir(t, filepath.Dir(link)); after != before {
					t.Errorf("link directory changed while writing: %s, was %s", after, before)
				}
			}
			f.WriteString("new")
			if err := f.Commit(); err != nil {
				t.Fatal(err)
			}

			fi, err := os.Lstat(link)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode()&fs.ModeSymlink == 0 {
				t.Fatalf("%s is no longer a symbolic link (%v)", link, fi.Mode())
			}
			if got, _ := os.Readlink(link); got != linkDest {
				t.Errorf("link now points to %q, want %q", got, linkDest)
			}
			if got, _ := os.ReadFile(target); string(got) != "new" {
				t.Errorf("target holds %q, want new", got)
			}
			tfi, err := os.Stat(target)
			if err != nil {
				t.Fatal(err)
			}
			if tfi.Mode().Perm() != 0o600 {
				t.Errorf("target mode %v, want the existing 0600 kept", tfi.Mode().Perm())
			}
			assertNoTemp(t, root)
		})
	}
}

func TestSymlinkAbortLeavesTarget(t *testing.T) {
	root := t.TempDir()
	mkdir(t, root, "data")
	target := filepath.Join(root, "data", "real.ttl")
	writeFile(t, target, "old", 0o644)
	link := filepath.Join(root, "out.ttl")
	symlink(t, filepath.Join("data", "real.ttl"), link)

	f, err := Create(link)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("partial")
	if err := f.Abort(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); string(got) != "old" {
		t.Errorf("target holds %q after abort, want old", got)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("abort replaced the link")
	}
	assertNoTemp(t, root)
}

func TestDanglingSymlink(t *testing.T) {
	t.Run("creates the target", func(t *testing.T) {
		root := t.TempDir()
		mkdir(t, root, "data")
		link := filepath.Join(root, "out.ttl")
		symlink(t, filepath.Join("data", "new.ttl"), link)

		f, err := Create(link)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("new")
		if err := f.Commit(); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", link)
		}
		target := filepath.Join(root, "data", "new.ttl")
		got, err := os.ReadFile(target)
		if err != nil || string(got) != "new" {
			t.Fatalf("target: %q, %v; want new", got, err)
		}
		fi, _ := os.Stat(target)
		if want := 0o644 &^ umask(); fi.Mode().Perm() != want {
			t.Errorf("new target mode %v, want %v", fi.Mode().Perm(), want)
		}
		assertNoTemp(t, root)
	})
	t.Run("missing directory", func(t *testing.T) {
		root := t.TempDir()
		link := filepath.Join(root, "out.ttl")
		symlink(t, filepath.Join("nowhere", "new.ttl"), link)
		_, err := Create(link)
		if err == nil {
			t.Fatal("a link into a missing directory should be an error")
		}
		msg := err.Error()
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error %q should match fs.ErrNotExist", msg)
		}
		if !strings.HasPrefix(msg, link+": ") || !strings.Contains(msg, "nowhere") {
			t.Errorf("error %q should start with the link and name the missing directory", msg)
		}
		if _, err := os.Stat(filepath.Join(root, "nowhere")); err == nil {
			t.Error("the missing directory was created")
		}
		if got := listDir(t, root); got != "out.ttl" {
			t.Errorf("directory holds %s", got)
		}
	})
}

func TestSymlinkLoopIsError(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a.ttl"), filepath.Join(root, "b.ttl")
	symlink(t, "b.ttl", a)
	symlink(t, "a.ttl", b)
	if _, err := Create(a); err == nil || !strings.HasPrefix(err.Error(), a+": ") {
		t.Fatalf("Create on a link loop: %v, want an error naming %s", err, a)
	}
}

func TestDirectoryIsError(t *testing.T) {
	root := t.TempDir()
	mkdir(t, root, "sub")
	symlink(t, "sub", filepath.Join(root, "link"))
	for _, p := range []string{filepath.Join(root, "sub"), filepath.Join(root, "link"), root + "/missing/"} {
		_, err := Create(p)
		if err == nil {
			t.Errorf("Create(%s) should fail", p)
			continue
		}
		if !strings.HasPrefix(err.Error(), p+": ") {
			t.Errorf("error %q should start with %s", err, p)
		}
		if p != root+"/missing/" && !strings.Contains(err.Error(), "is a directory") {
			t.Errorf("error %q should say it is a directory", err)
		}
	}
	if got := listDir(t, root); got != "link sub" {
		t.Errorf("directory holds %s", got)
	}
	if got := listDir(t, filepath.Join(root, "sub")); got != "" {
		t.Errorf("sub holds %s", got)
	}
}

func TestFIFOIsWrittenDirectly(t *testing.T) {
	root := t.TempDir()
	fifo := filepath.Join(root, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	link := filepath.Join(root, "out.ttl")
	symlink(t, "pipe", link)

	for _, p := range []string{fifo, link} {
		// The reader is there before the writer, opened without blocking,
		// so the writer's open cannot wait for it. (A reader that blocks in
		// open(2) on another goroutine may be interrupted by the runtime's
		// preemption signal and, restarted after the writer has come and
		// gone, wait for ever.)
		fd, err := syscall.Open(fifo, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != nil {
			t.Fatalf("open the FIFO for reading: %v", err)
		}
		r := os.NewFile(uintptr(fd), fifo)
		f, err := Create(p)
		if err != nil {
			r.Close()
			t.Fatalf("Create(%s): %v", p, err)
		}
		if !f.Direct() || f.TempDir() != os.TempDir() {
			t.Errorf("Direct() = %v, TempDir() = %s; want a direct write", f.Direct(), f.TempDir())
		}
		f.WriteString("through the pipe")
		if err := f.Commit(); err != nil {
			r.Close()
			t.Fatal(err)
		}
		// The writer is gone: the reader gets what it wrote, then end of file.
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil || string(b) != "through the pipe" {
			t.Errorf("reader of %s got %q, %v", p, b, err)
		}
		fi, err := os.Lstat(fifo)
		if err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
			t.Fatalf("the FIFO was replaced: %v, %v", fi, err)
		}
	}
	if got := listDir(t, root); got != "out.ttl pipe" {
		t.Errorf("directory holds %s, want no temporary file", got)
	}
}

func TestDevNull(t *testing.T) {
	fi, err := os.Stat("/dev/null")
	if err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Skip("no /dev/null character device")
	}
	root := t.TempDir()
	link := filepath.Join(root, "out.ttl")
	symlink(t, "/dev/null", link)
	for _, p := range []string{"/dev/null", link} {
		f, err := Create(p)
		if err != nil {
			t.Fatalf("Create(%s): %v", p, err)
		}
		if _, err := f.WriteString("discarded"); err != nil {
			t.Fatal(err)
		}
		if err := f.Commit(); err != nil {
			t.Fatalf("Commit(%s): %v", p, err)
		}
		// Abort after a direct write must also be harmless.
		f, err = Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Abort(); err != nil {
			t.Fatalf("Abort(%s): %v", p, err)
		}
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a character device: %v %v", fi, err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link replaced")
	}
}

// /dev/fd/N stands for /dev/stdout: the shell owns the descriptor, so a pipe
// behind it is written and a regular file behind it is appended to in place,
// sharing the descriptor's offset, never replaced.
func TestDevFdDescriptor(t *testing.T) {
	if _, err := os.Stat("/dev/fd/0"); err != nil {
		t.Skip("no /dev/fd")
	}
	t.Run("pipe", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		got := make(chan string, 1)
		go func() {
			b, _ := io.ReadAll(r)
			got <- string(b)
		}()
		f, err := Create(fmt.Sprintf("/dev/fd/%d", w.Fd()))
		if err != nil {
			w.Close()
			t.Fatal(err)
		}
		f.WriteString("piped")
		if err := f.Commit(); err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(" and more")) // the original descriptor is still open
		w.Close()
		if s := <-got; s != "piped and more" {
			t.Errorf("pipe reader got %q", s)
		}
	})
	t.Run("regular file", func(t *testing.T) {
		root := t.TempDir()
		path := filepath.Join(root, "redirected.ttl")
		w, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		w.WriteString("head\n")
		before, _ := os.Stat(path)

		f, err := Create(fmt.Sprintf("/dev/fd/%d", w.Fd()))
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("body\n")
		if err := f.Commit(); err != nil {
			t.Fatal(err)
		}
		w.WriteString("tail\n")
		after, _ := os.Stat(path)
		if !os.SameFile(before, after) {
			t.Error("the file behind the descriptor was replaced")
		}
		if got, _ := os.ReadFile(path); string(got) != "head\nbody\ntail\n" {
			t.Errorf("file holds %q", got)
		}
		if got := listDir(t, root); got != "redirected.ttl" {
			t.Errorf("directory holds %s", got)
		}
	})
	t.Run("closed descriptor", func(t *testing.T) {
		_, err := Create("/dev/fd/987654")
		if err == nil || !strings.HasPrefix(err.Error(), "/dev/fd/987654: ") {
			t.Errorf("Create on a closed descriptor: %v", err)
		}
	})
}

// TestDevStdout runs the test binary with its standard output piped, or
// redirected to a file in append mode, and has it write to -o /dev/stdout.
func TestDevStdout(t *testing.T) {
	if os.Getenv("ATOMICFILE_WRITE_DEV_STDOUT") == "1" {
		f, err := Create("/dev/stdout")
		if err == nil {
			f.WriteString("graph\n")
			err = f.Commit()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if _, err := os.Stat("/dev/stdout"); err != nil {
		t.Skip("no /dev/stdout")
	}
	helper := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestDevStdout$")
		// The race detector otherwise waits a second before each exit.
		cmd.Env = append(os.Environ(), "ATOMICFILE_WRITE_DEV_STDOUT=1", "GORACE=atexit_sleep_ms=0")
		return cmd
	}

	t.Run("pipe", func(t *testing.T) {
		var stderr bytes.Buffer
		cmd := helper()
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v: %s", err, stderr.Bytes())
		}
		if string(out) != "graph\n" {
			t.Errorf("piped stdout got %q", out)
		}
	})
	t.Run("appended file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "log.ttl")
		writeFile(t, path, "earlier\n", 0o644)
		out, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		var stderr bytes.Buffer
		cmd := helper()
		cmd.Stdout, cmd.Stderr = out, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v: %s", err, stderr.Bytes())
		}
		if got, _ := os.ReadFile(path); string(got) != "earlier\ngraph\n" {
			t.Errorf("file holds %q, want the graph appended", got)
		}
	})
}

func mkdir(t *testing.T, root, name string) {
	t.Helper()
	if err := os.Mkdir(filepath.Join(root, name), 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, dest, link string) {
	t.Helper()
	if err := os.Symlink(dest, link); err != nil {
		t.Fatal(err)
	}
}

func realDir(t *testing.T, dir string) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func listDir(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

// assertNoTemp fails if a temporary file was left anywhere under root.
func assertNoTemp(t *testing.T, root string) {
	t.Helper()
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && bytes.Contains([]byte(d.Name()), []byte(".tmp-")) {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
}
