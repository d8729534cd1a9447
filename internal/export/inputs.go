package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// StdinName is how standard input is named in messages.
const StdinName = "<stdin>"

// reportExtensions are the file types taken from a directory; files named
// explicitly are always taken.
var reportExtensions = map[string]bool{".md": true, ".markdown": true, ".txt": true}

// input is one report to read: a file path, or standard input.
type input struct {
	path  string // "" for standard input
	name  string // for messages and the graph
	stdin *stdinData
}

// stdinData is standard input, read once up front so that every pass sees
// it. A pointer keeps the input list, one entry per report, small.
type stdinData struct {
	data []byte
	err  error
}

func (in input) read() ([]byte, error) {
	if in.stdin != nil {
		return in.stdin.data, in.stdin.err
	}
	return os.ReadFile(in.path)
}

// loadStdin reads standard input, if it is among the inputs, into memory.
func loadStdin(inputs []input, r io.Reader) {
	if r == nil {
		r = os.Stdin
	}
	for i := range inputs {
		if inputs[i].stdin != nil {
			inputs[i].stdin.data, inputs[i].stdin.err = io.ReadAll(r)
		}
	}
}

// ErrUsage marks errors in how the command was called (exit status 2).
var ErrUsage = errors.New("usage")

// expand turns the arguments into the list of reports, directories walked in
// lexical order (hidden files and directories skipped). Arguments that do
// not exist are returned as problems; they do not stop the others.
func expand(args []string) ([]input, []error, error) {
	if len(args) == 0 {
		args = []string{"-"}
	}
	var (
		inputs   []input
		problems []error
		stdin    bool
	)
	for _, arg := range args {
		if arg == "-" {
			if stdin {
				return nil, nil, fmt.Errorf("%w: standard input (-) given twice", ErrUsage)
			}
			stdin = true
			inputs = append(inputs, input{name: StdinName, stdin: &stdinData{}})
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", arg, unwrapPath(err)))
			continue
		}
		if !fi.IsDir() {
			inputs = append(inputs, input{path: arg, name: arg})
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, fmt.Errorf("%s: %w", p, unwrapPath(err)))
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
			inputs = append(inputs, input{path: p, name: p})
			return nil
		})
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", arg, err))
		}
	}
	return inputs, problems, nil
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
