package inputs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// build creates a tree in the current directory from a spec: "dir/" is a
// directory, "link -> dest" a symbolic link, "name|fifo" and "name|socket"
// special files (unix only), anything else a file holding its own path.
// Parent directories are created as needed.
func build(t *testing.T, spec ...string) {
	t.Helper()
	for _, s := range spec {
		if link, dest, ok := strings.Cut(s, " -> "); ok {
			mkparent(t, link)
			if err := os.Symlink(dest, link); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if name, kind, ok := strings.Cut(s, "|"); ok {
			mkparent(t, name)
			makeSpecial(t, name, kind)
			continue
		}
		if strings.HasSuffix(s, "/") {
			if err := os.MkdirAll(s, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		mkparent(t, s)
		if err := os.WriteFile(s, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mkparent(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
}

// collect runs one pass and renders each input as its name, or its error
// text. It also checks what every error must look like.
func collect(t *testing.T, l *List) []string {
	t.Helper()
	var got []string
	for in := range l.All() {
		if in.Err == nil {
			got = append(got, in.Name)
			continue
		}
		msg := in.Err.Error()
		got = append(got, msg)
		if !strings.HasPrefix(msg, in.Name+": ") {
			t.Errorf("error %q does not start with its input's name %q", msg, in.Name)
		}
		rest := strings.TrimPrefix(msg, in.Name+": ")
		for _, bad := range []string{"open ", "lstat ", "stat ", "readdirent ", "inputs", "export"} {
			if strings.HasPrefix(rest, bad) {
				t.Errorf("error %q carries a %q prefix", msg, bad)
			}
		}
		var e *Error
		if !errors.As(in.Err, &e) || e.Path != in.Name {
			t.Errorf("error %q is not an *Error for %s", msg, in.Name)
		}
		if _, err := in.Read(); err != in.Err {
			t.Errorf("Read of a failed input returned %v, want its Err", err)
		}
	}
	return got
}

func TestAll(t *testing.T) {
	const noReports = ": no report files (*.md, *.markdown, *.txt) in this directory"
	tests := []struct {
		name  string
		unix  bool // needs symbolic links or special files
		tree  []string
		args  []string
		want  []string
		setup func(t *testing.T)
	}{
		{
			name: "lexical order, report extensions in any case, hidden skipped",
			tree: []string{
				"reports/b.md", "reports/a.MD", "reports/A.md", "reports/c.markdown", "reports/d.TXT",
				"reports/e.json", "reports/README", "reports/.hidden.md", "reports/.git/x.md",
				"reports/sub/z.md", "reports/sub/.h/y.md", "reports/sub.md",
			},
			args: []string{"reports"},
			want: []string{
				"reports/A.md", "reports/a.MD", "reports/b.md", "reports/c.markdown", "reports/d.TXT",
				"reports/sub/z.md", "reports/sub.md",
			},
		},
		{
			name: "explicitly named files and directories are taken whatever their name",
			tree: []string{"notes.data", ".hidden.md", ".hiddendir/x.md", "reports/a.md"},
			args: []string{"notes.data", ".hidden.md", ".hiddendir", "./reports/"},
			want: []string{"notes.data", ".hidden.md", ".hiddendir/x.md", "reports/a.md"},
		},
		{
			name: "missing argument does not stop the others",
			tree: []string{"reports/a.md", "also.md"},
			args: []string{"nope.md", "reports", "also.md"},
			want: []string{"nope.md: no such file or directory", "reports/a.md", "also.md"},
		},
		{
			name: "symbolic links in a directory are followed",
			unix: true,
			tree: []string{
				"data/a.md", "data/notes.data",
				"reports/1.md -> ../data/a.md",
				"reports/2.md -> ../data/notes.data",
				"reports/3.json -> ../data/a.md",
				"reports/broken.md -> gone.md",
				"reports/broken -> gone",
				"reports/more -> ../data",
				"reports/.hidden.md -> ../data/a.md",
				"reports/z.md",
			},
			args: []string{"reports"},
			want: []string{
				"reports/1.md",
				"reports/2.md",
				"reports/broken.md: broken symbolic link to gone.md",
				"reports/more/a.md",
				"reports/z.md",
			},
		},
		{
			name: "a link back up the tree is a cycle, a second path to a directory is not",
			unix: true,
			tree: []string{
				"reports/a.md", "reports/self -> .", "reports/sub/b.md", "reports/sub/up -> ..",
				"reports/sub/again -> ../../shared", "reports/twice -> ../shared", "shared/c.md",
			},
			args: []string{"reports"},
			want: []string{
				"reports/a.md",
				"reports/self: directory cycle: the same directory as reports, which is already being walked",
				"reports/sub/again/c.md",
				"reports/sub/b.md",
				"reports/sub/up: directory cycle: the same directory as reports, which is already being walked",
				"reports/twice/c.md",
			},
		},
		{
			name: "explicitly named links are followed",
			unix: true,
			tree: []string{
				"reports/a.md", "link.md -> reports/a.md", "broken.md -> nowhere.md",
				"dirlink -> reports", "loop -> loop",
			},
			args: []string{"link.md", "broken.md", "dirlink", "loop"},
			want: []string{
				"link.md",
				"broken.md: broken symbolic link to nowhere.md",
				"dirlink/a.md",
				"loop: symbolic link to loop: too many levels of symbolic links",
			},
		},
		{
			name: "entries with a report name that are not regular files",
			unix: true,
			tree: []string{"reports/a.md", "reports/pipe.md|fifo", "reports/pipe|fifo", "reports/sock.md|socket", "reports/sock|socket"},
			args: []string{"reports", "reports/sock"},
			want: []string{
				"reports/a.md",
				"reports/pipe.md: not a regular file (named pipe)",
				"reports/sock.md: not a regular file (socket)",
				"reports/sock: not a regular file (socket)",
			},
		},
		{
			name: "directory arguments with no report file",
			tree: []string{
				"empty/", "others/x.json", "others/y", "hidden/.a.md", "hidden/.git/b.md",
				"mixed/x.json", "mixed/.a.md", "nested/sub/", "nested/sub2/deep/", "ok.md",
			},
			args: []string{"empty", "others", "hidden", "mixed", "nested", "ok.md"},
			want: []string{
				"empty" + noReports + ": it is empty",
				"others" + noReports + ", only 2 other files",
				"hidden" + noReports + ", only 2 hidden entries (skipped)",
				"mixed" + noReports + ", only 1 other file and 1 hidden entry (skipped)",
				"nested" + noReports + ": it is empty",
				"ok.md",
			},
		},
		{
			name: "a directory that cannot be read is named, the walk goes on",
			tree: []string{"reports/a.md", "reports/bad/b.md", "reports/z.md", "bad2/c.md"},
			args: []string{"reports", "bad2"},
			setup: func(t *testing.T) {
				failReadDir(t, "reports/bad", "bad2")
			},
			want: []string{
				"reports/a.md",
				"reports/bad: permission denied",
				"reports/z.md",
				"bad2: permission denied",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.unix && !hasUnixFiles {
				t.Skip("needs unix file types")
			}
			t.Chdir(t.TempDir())
			build(t, tt.tree...)
			if tt.setup != nil {
				tt.setup(t)
			}
			l, err := New(tt.args, strings.NewReader(""))
			if err != nil {
				t.Fatal(err)
			}
			got := collect(t, l)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("inputs:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			// A second pass walks anew and sees the same.
			if again := collect(t, l); !reflect.DeepEqual(again, got) {
				t.Errorf("second pass differs:\n  %s", strings.Join(again, "\n  "))
			}
		})
	}
}

// failReadDir makes reading the named directories fail as an unreadable
// one does, which works even where running as root makes permissions moot.
func failReadDir(t *testing.T, dirs ...string) {
	t.Helper()
	orig := readDir
	t.Cleanup(func() { readDir = orig })
	readDir = func(p string) ([]fs.DirEntry, error) {
		for _, d := range dirs {
			if p == d {
				return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrPermission}
			}
		}
		return orig(p)
	}
}

func TestUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not stop reading")
	}
	if !hasUnixFiles {
		t.Skip("needs unix permissions")
	}
	t.Chdir(t.TempDir())
	build(t, "reports/a.md", "reports/locked/b.md", "reports/secret.md", "reports/z.md", "closed/c.md")
	for _, p := range []string{"reports/locked", "reports/secret.md", "closed"} {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o755) })
	}
	l, err := New([]string{"reports", "closed"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"reports/a.md", "reports/locked: permission denied", "reports/secret.md", "reports/z.md", "closed: permission denied"}
	if got := collect(t, l); !reflect.DeepEqual(got, want) {
		t.Errorf("inputs %q, want %q", got, want)
	}
	for in := range l.All() {
		if in.Name != "reports/secret.md" {
			continue
		}
		_, err := in.Read()
		if err == nil || err.Error() != "reports/secret.md: permission denied" {
			t.Errorf("Read of an unreadable file: %v", err)
		}
	}
}

func TestReadErrorNamesTheFile(t *testing.T) {
	t.Chdir(t.TempDir())
	build(t, "reports/a.md")
	l, _ := New([]string{"reports"}, nil)
	for in := range l.All() {
		if data, err := in.Read(); err != nil || string(data) != "reports/a.md" {
			t.Fatalf("Read = %q, %v", data, err)
		}
		os.Remove(in.Path)
		_, err := in.Read()
		if err == nil || err.Error() != "reports/a.md: no such file or directory" {
			t.Errorf("Read of a vanished file: %v", err)
		}
		var e *Error
		if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &e) || e.Path != "reports/a.md" {
			t.Errorf("error %v should be an *Error matching fs.ErrNotExist", err)
		}
	}
}

func TestStdin(t *testing.T) {
	t.Chdir(t.TempDir())
	build(t, "a.md")
	tests := []struct {
		args []string
		want []string
	}{
		{nil, []string{StdinName}},
		{[]string{}, []string{StdinName}},
		{[]string{"a.md", "-"}, []string{"a.md", StdinName}},
	}
	for _, tt := range tests {
		l, err := New(tt.args, strings.NewReader("piped report"))
		if err != nil {
			t.Fatal(err)
		}
		// Two passes, the second with concurrent readers, all see the
		// content although the reader can only be drained once.
		for pass := range 2 {
			var names []string
			var wg sync.WaitGroup
			for in := range l.All() {
				names = append(names, in.Name)
				if in.Name != StdinName {
					continue
				}
				if in.Path != "" {
					t.Errorf("standard input has Path %q", in.Path)
				}
				for range 1 + 3*pass {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if data, err := in.Read(); err != nil || string(data) != "piped report" {
							t.Errorf("pass %d: Read = %q, %v", pass, data, err)
						}
					}()
				}
			}
			wg.Wait()
			if !reflect.DeepEqual(names, tt.want) {
				t.Errorf("New(%q): inputs %q, want %q", tt.args, names, tt.want)
			}
		}
	}
}

func TestStdinReadError(t *testing.T) {
	l, _ := New(nil, iotestErrReader{})
	for in := range l.All() {
		_, err := in.Read()
		if err == nil || err.Error() != StdinName+": broken" {
			t.Errorf("Read = %v, want %s: broken", err, StdinName)
		}
	}
}

type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, errors.New("broken") }

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-", "-"}, {"a.md", "-", "b.md", "-"}, {"a.md", ""}} {
		_, err := New(args, nil)
		if !errors.Is(err, ErrUsage) {
			t.Errorf("New(%q) = %v, want a usage error", args, err)
		}
	}
	_, err := New([]string{"-", "-"}, nil)
	if err == nil || err.Error() != "usage: standard input (-) given twice" {
		t.Errorf("error text %v", err)
	}
}

// TestLazy checks that the walk reads a directory only when the consumer
// gets there, and that each pass walks anew.
func TestLazy(t *testing.T) {
	t.Chdir(t.TempDir())
	build(t, "one/a.md", "one/sub/b.md", "two/c.md")
	var read []string
	orig := readDir
	t.Cleanup(func() { readDir = orig })
	readDir = func(p string) ([]fs.DirEntry, error) {
		read = append(read, p)
		return orig(p)
	}

	l, _ := New([]string{"one", "two"}, nil)
	for in := range l.All() {
		if in.Name != "one/a.md" {
			t.Fatalf("first input %s", in.Name)
		}
		break
	}
	if !reflect.DeepEqual(read, []string{"one"}) {
		t.Errorf("directories read before the first input was consumed: %q", read)
	}

	build(t, "two/d.md")
	var names []string
	for in := range l.All() {
		names = append(names, in.Name)
	}
	if want := []string{"one/a.md", "one/sub/b.md", "two/c.md", "two/d.md"}; !reflect.DeepEqual(names, want) {
		t.Errorf("second pass %q, want %q", names, want)
	}
}

func TestIsReportName(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": true, "A.MD": true, "x.Markdown": true, "notes.txt": true, "dir/a.md": true,
		"a.json": false, "README": false, "md": false, "a.md.bak": false,
	} {
		if got := IsReportName(name); got != want {
			t.Errorf("IsReportName(%q) = %v", name, got)
		}
	}
}
