package export

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

// reportExtensions are the file types taken from a directory; files named
// explicitly are always taken.
var reportExtensions = map[string]bool{".md": true, ".markdown": true, ".txt": true}

// input is one report to read: a file path, or standard input; or an
// argument that could not be walked (err set).
type input struct {
	path  string // "" for standard input
	name  string // for messages and the graph
	stdin *stdinData
	err   error
}

// stdinData is standard input, read once on first use, so that every pass
// over the inputs sees it.
type stdinData struct {
	r    io.Reader
	once sync.Once
	data []byte
	err  error
}

func (in input) read() ([]byte, error) {
	if in.stdin != nil {
		in.stdin.once.Do(func() { in.stdin.data, in.stdin.err = io.ReadAll(in.stdin.r) })
		return in.stdin.data, in.stdin.err
	}
	return os.ReadFile(in.path)
}

// ErrUsage marks errors in how the command was called (exit status 2).
var ErrUsage = errors.New("usage")

// inputList is the reports the arguments name, directories walked in
// lexical order (hidden files and directories skipped). It is walked
// lazily, each pass anew, so a corpus of any size is never held in memory.
type inputList struct {
	args  []string
	stdin *stdinData
}

// newInputList checks the arguments; none means standard input.
func newInputList(args []string, stdin io.Reader) (*inputList, error) {
	if len(args) == 0 {
		args = []string{"-"}
	}
	l := &inputList{args: args}
	for _, arg := range args {
		if arg != "-" {
			continue
		}
		if l.stdin != nil {
			return nil, fmt.Errorf("%w: standard input (-) given twice", ErrUsage)
		}
		if stdin == nil {
			stdin = os.Stdin
		}
		l.stdin = &stdinData{r: stdin}
	}
	return l, nil
}

// all yields the inputs in order. Arguments that do not exist and
// directories that cannot be read are yielded as inputs with err set: they
// do not stop the others.
func (l *inputList) all() iter.Seq[input] {
	return func(yield func(input) bool) {
		for _, arg := range l.args {
			if arg == "-" {
				if !yield(input{name: StdinName, stdin: l.stdin}) {
					return
				}
				continue
			}
			fi, err := os.Stat(arg)
			if err != nil {
				if !yield(input{name: arg, err: fmt.Errorf("%s: %w", arg, unwrapPath(err))}) {
					return
				}
				continue
			}
			if !fi.IsDir() {
				if !yield(input{path: arg, name: arg}) {
					return
				}
				continue
			}
			stop := errors.New("stop")
			err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					if !yield(input{name: p, err: fmt.Errorf("%s: %w", p, unwrapPath(err))}) {
						return stop
					}
					if d != nil && d.IsDir() && p != arg {
						return fs.SkipDir
					}
					return nil
				}
				hidden := strings.HasPrefix(d.Name(), ".") && p != arg
				if d.IsDir() {
					if hidden {
						return fs.SkipDir
					}
					return nil
				}
				if hidden || !d.Type().IsRegular() || !reportExtensions[strings.ToLower(filepath.Ext(p))] {
					return nil
				}
				if !yield(input{path: p, name: p}) {
					return stop
				}
				return nil
			})
			if err == stop {
				return
			}
			if err != nil && !yield(input{name: arg, err: fmt.Errorf("%s: %w", arg, err)}) {
				return
			}
		}
	}
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
