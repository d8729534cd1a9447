package testtool

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// nodeScript finds testdata/node/NAME at the module root (the first
// directory above the working directory, a package directory under go
// test, that holds go.mod) and checks that the packages it needs are
// installed beside it.
func nodeScript(name string, packages ...string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
	node := filepath.Join(dir, "testdata", "node")
	script := filepath.Join(node, name)
	if _, err := os.Stat(script); err != nil {
		return "", err
	}
	for _, pkg := range packages {
		if _, err := os.Stat(filepath.Join(node, "node_modules", pkg, "package.json")); err != nil {
			return "", fmt.Errorf("%s is not installed in %s (npm ci --prefix testdata/node)", pkg, node)
		}
	}
	return script, nil
}

// runNode runs a script with node, stdin as its input, and returns its
// output; a failure carries what the script said on stderr.
func runNode(script string, stdin []byte, args ...string) ([]byte, error) {
	cmd := exec.Command("node", append([]string{script}, args...)...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%s: %s", filepath.Base(script), msg)
	}
	return stdout.Bytes(), nil
}
