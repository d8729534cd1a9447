package cli

import (
	"strings"
	"testing"

	"github.com/pledgegraph/pledgegraph/internal/shapes"
)

func TestShapesCommand(t *testing.T) {
	tests := []struct {
		args       []string
		wantCode   int
		wantOut    []byte
		wantStderr string
	}{
		{[]string{"shapes"}, ExitOK, shapes.All(), ""},
		{[]string{"shapes", "--what", "all"}, ExitOK, shapes.All(), ""},
		{[]string{"shapes", "--what", "graph"}, ExitOK, shapes.Graph(), ""},
		{[]string{"shapes", "--what=catalog"}, ExitOK, shapes.Catalog(), ""},
		{[]string{"shapes", "--what", "dcat"}, ExitUsage, nil,
			"pledgegraph: --what: unknown set of shapes \"dcat\" (want graph, catalog, all)\nRun 'pledgegraph shapes --help' for usage.\n"},
		{[]string{"shapes", "graph"}, ExitUsage, nil, "takes no arguments"},
		{[]string{"shapes", "--nope"}, ExitUsage, nil, "unknown flag: --nope"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, stderr := runCLI(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d: %s", code, tt.wantCode, stderr)
			}
			if out != string(tt.wantOut) {
				t.Errorf("stdout: %d bytes, want %d", len(out), len(tt.wantOut))
			}
			if !strings.Contains(stderr, tt.wantStderr) || tt.wantStderr == "" && stderr != "" {
				t.Errorf("stderr %q, want %q", stderr, tt.wantStderr)
			}
		})
	}
	code, out, _ := runCLI(t, "", "shapes", "--help")
	if code != ExitOK || !strings.Contains(out, "--what string") || !strings.Contains(out, "DCAT-AP-VL") {
		t.Errorf("shapes --help:\n%s", out)
	}
}
