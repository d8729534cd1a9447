package export

import (
	"fmt"
	"io"

	"github.com/pledgegraph/pledgegraph/internal/atomicfile"
)

// output is where the graph goes: standard output, or a file replaced
// atomically when the run commits.
type output struct {
	io.Writer
	name string
	file *atomicfile.File
}

func openOutput(path string, stdout io.Writer) (*output, error) {
	if path == "" || path == "-" {
		return &output{Writer: stdout, name: "standard output"}, nil
	}
	f, err := atomicfile.Create(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write output: %w", path, unwrapPath(err))
	}
	return &output{Writer: f, name: path, file: f}, nil
}

func (o *output) commit() error {
	if o.file == nil {
		return nil
	}
	return o.file.Commit()
}

// abort leaves an existing output file as it was; it is a no-op after commit.
func (o *output) abort() {
	if o.file != nil {
		o.file.Abort()
	}
}
