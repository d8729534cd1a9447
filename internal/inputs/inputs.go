// Package inputs turns command-line arguments into the reports they name:
// files, directories walked in lexical order, and "-" for standard input.
//
// The walk is lazy and starts anew on every pass, so that a command may go
// over a corpus of any size several times without holding it in memory.
// Problems with one argument or entry are inputs too (Input.Err), reported
// in order with the others; they never stop the walk.
package inputs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// StdinName is how standard input is named in messages.
const StdinName = "<stdin>"

// ErrUsage marks errors in how the command was called (exit status 2).
var ErrUsage = errors.New("usage")

// ErrNoReports is the reason given for a directory argument in which the
// walk found nothing to read.
var ErrNoReports = errors.New("no report files (*.md, *.markdown, *.txt) in this directory")

// reportExtensions are the file types taken from a directory (in any
// letter case); files named explicitly are always taken.
var reportExtensions = map[string]bool{".md": true, ".markdown": true, ".txt": true}

// IsReportName reports whether a directory walk takes a file of this name.
func IsReportName(name string) bool {
	return reportExtensions[strings.ToLower(filepath.Ext(name))]
}

// readDir is os.ReadDir, replaced in tests to fail on demand.
var readDir = os.ReadDir

// List is the reports named by command-line arguments.
type List struct {
	args []string
	// once holds, per argument, what is read once and shared by every pass:
	// standard input, and a named pipe or device given by name (as bash's
	// <(...) gives /dev/fd/63), which cannot be read a second time either.
	once []*onceData
}

// New checks the arguments; none means standard input. Standard input
// given twice, or an empty argument, is a usage error (ErrUsage). A nil
// stdin means os.Stdin.
func New(args []string, stdin io.Reader) (*List, error) {
	if len(args) == 0 {
		args = []string{"-"}
	}
	if stdin == nil {
		stdin = os.Stdin
	}
	l := &List{args: args, once: make([]*onceData, len(args))}
	seenStdin := false
	for i, arg := range args {
		switch arg {
		case "":
			return nil, fmt.Errorf("%w: empty file name in the arguments", ErrUsage)
		case "-":
			if seenStdin {
				return nil, fmt.Errorf("%w: standard input (-) given twice", ErrUsage)
			}
			seenStdin = true
			l.once[i] = &onceData{r: stdin}
		default:
			l.once[i] = &onceData{path: arg}
		}
	}
	return l, nil
}

// Input is one report to read, or an argument or directory entry that
// could not be used.
type Input struct {
	// Path is the file to read; "" for standard input.
	Path string
	// Name names the input in messages and in the graph: the path as given
	// or as found in a directory (a symbolic link by its own path, not its
	// target's), or StdinName.
	Name string
	// Err, when set, is why this input cannot be read; its text starts with
	// Name. It is an *Error.
	Err error

	once *onceData
}

// Read returns the content of the input. Standard input and pipes are read
// on the first call and shared by every later one. Errors start with the
// input's name.
func (in Input) Read() ([]byte, error) {
	if in.Err != nil {
		return nil, in.Err
	}
	if in.once != nil {
		return in.once.read(in.Name)
	}
	data, err := os.ReadFile(in.Path)
	if err != nil {
		return nil, newError(in.Name, err)
	}
	return data, nil
}

// onceData is content that can be read only once: either r, or the file
// at path opened on first use.
type onceData struct {
	r    io.Reader
	path string
	once sync.Once
	data []byte
	err  error
}

func (o *onceData) read(name string) ([]byte, error) {
	o.once.Do(func() {
		if o.r != nil {
			o.data, o.err = io.ReadAll(o.r)
		} else {
			o.data, o.err = os.ReadFile(o.path)
		}
		if o.err != nil {
			o.err = newError(name, o.err)
		}
	})
	return o.data, o.err
}

// Error is a problem with one input. Its text is "path: reason", without
// the "open path:" that os errors carry, since the path comes first anyway.
type Error struct {
	Path string
	Err  error
}

func newError(path string, err error) *Error { return &Error{Path: path, Err: unwrapPath(err)} }

func (e *Error) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func errInput(path string, err error) Input {
	return Input{Path: path, Name: path, Err: newError(path, err)}
}

// All yields the inputs in argument order, each directory in lexical
// order, walking anew on each call. Hidden files and directories
// (dot-prefixed) inside a directory are skipped, and only report files
// (IsReportName) are taken from it; symbolic links are followed. An
// explicitly named file is taken whatever its name.
func (l *List) All() iter.Seq[Input] {
	return func(yield func(Input) bool) {
		for i, arg := range l.args {
			if arg == "-" {
				if !yield(Input{Name: StdinName, once: l.once[i]}) {
					return
				}
				continue
			}
			if !l.arg(i, arg, yield) {
				return
			}
		}
	}
}

// arg yields what one argument names; false means the consumer stopped.
func (l *List) arg(i int, arg string, yield func(Input) bool) bool {
	fi, err := os.Stat(arg)
	if err != nil {
		return yield(errInput(arg, statReason(arg, err)))
	}
	switch mode := fi.Mode(); {
	case mode.IsDir():
		w := walker{yield: yield}
		if !w.dir(arg, fi) {
			return false
		}
		if w.yielded == 0 {
			return yield(errInput(arg, w.noReports()))
		}
		return true
	case mode.IsRegular():
		return yield(Input{Path: arg, Name: arg})
	case mode&fs.ModeSocket != 0:
		// A socket cannot be opened as a file at all.
		return yield(errInput(arg, notRegular(mode)))
	default:
		return yield(Input{Path: arg, Name: arg, once: l.once[i]})
	}
}

// walker walks one directory argument.
type walker struct {
	yield   func(Input) bool
	yielded int // inputs yielded, errors included
	others  int // files seen but not taken
	hidden  int // hidden entries skipped
	// walking is the chain of directories being walked, to tell a link
	// back up the tree from a directory that merely appears twice.
	walking []walked
}

type walked struct {
	path string
	fi   fs.FileInfo
}

func (w *walker) emit(in Input) bool {
	w.yielded++
	return w.yield(in)
}

// dir walks directory p, whose info fi comes from a Stat (not Lstat) so
// that a directory reached through a link compares equal to itself.
func (w *walker) dir(p string, fi fs.FileInfo) bool {
	for _, a := range w.walking {
		if os.SameFile(a.fi, fi) {
			return w.emit(errInput(p, fmt.Errorf("directory cycle: the same directory as %s, which is already being walked", a.path)))
		}
	}
	w.walking = append(w.walking, walked{p, fi})
	defer func() { w.walking = w.walking[:len(w.walking)-1] }()

	// os.ReadDir returns what it could read along with the error; the
	// error is reported and the rest still walked.
	entries, err := readDir(p)
	if err != nil && !w.emit(errInput(p, err)) {
		return false
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			w.hidden++
			continue
		}
		if !w.entry(filepath.Join(p, e.Name()), e) {
			return false
		}
	}
	return true
}

func (w *walker) entry(p string, e fs.DirEntry) bool {
	mode := e.Type()
	if mode&fs.ModeSymlink != 0 {
		fi, err := os.Stat(p)
		if err != nil {
			// Where a broken link pointed cannot be known; only a report
			// name says it was meant to be read.
			if !IsReportName(p) {
				w.others++
				return true
			}
			return w.emit(errInput(p, statReason(p, err)))
		}
		if fi.IsDir() {
			return w.dir(p, fi)
		}
		mode = fi.Mode()
	} else if mode.IsDir() {
		fi, err := os.Stat(p)
		if err != nil {
			return w.emit(errInput(p, err))
		}
		return w.dir(p, fi)
	}
	if !IsReportName(p) {
		w.others++
		return true
	}
	if !mode.IsRegular() {
		return w.emit(errInput(p, notRegular(mode)))
	}
	return w.emit(Input{Path: p, Name: p})
}

// noReports explains why a directory argument gave nothing.
func (w *walker) noReports() error {
	if w.others == 0 && w.hidden == 0 {
		return fmt.Errorf("%w: it is empty", ErrNoReports)
	}
	var found []string
	if w.others > 0 {
		found = append(found, plural(w.others, "other file"))
	}
	if w.hidden > 0 {
		found = append(found, plural(w.hidden, "hidden entry")+" (skipped)")
	}
	return fmt.Errorf("%w, only %s", ErrNoReports, strings.Join(found, " and "))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if s, ok := strings.CutSuffix(what, "y"); ok {
		return fmt.Sprintf("%d %sies", n, s)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// statReason explains a failed Stat of p, naming the link target when p is
// a symbolic link: "no such file or directory" about an existing link
// would mislead.
func statReason(p string, err error) error {
	if lfi, lerr := os.Lstat(p); lerr == nil && lfi.Mode()&fs.ModeSymlink != 0 {
		if dest, rerr := os.Readlink(p); rerr == nil {
			if errors.Is(err, fs.ErrNotExist) {
				return notExist("broken symbolic link to " + dest)
			}
			return fmt.Errorf("symbolic link to %s: %w", dest, unwrapPath(err))
		}
	}
	return unwrapPath(err)
}

// notExist is a plainly worded reason that still matches fs.ErrNotExist.
type notExist string

func (e notExist) Error() string        { return string(e) }
func (e notExist) Is(target error) bool { return target == fs.ErrNotExist }

func notRegular(mode fs.FileMode) error {
	kind := ""
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = " (named pipe)"
	case mode&fs.ModeSocket != 0:
		kind = " (socket)"
	case mode&fs.ModeCharDevice != 0:
		kind = " (character device)"
	case mode&fs.ModeDevice != 0:
		kind = " (device)"
	}
	return errors.New("not a regular file" + kind)
}

// unwrapPath drops the "open x:" prefix of a *fs.PathError, since messages
// already start with the file name.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
