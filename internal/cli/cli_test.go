package cli

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/export"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/vocab"
)

// readmeMainArgs is the main job as the README gives it:
// go run ./cmd/pledgegraph export examples/reports -o examples/graph.ttl
var readmeMainArgs = []string{"export", "../../examples/reports", "-o", "../../examples/graph.ttl"}

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	streams, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	code := Run(context.Background(), args, streams)
	return code, out.String(), errOut.String()
}

// TestExamplesGraphIsFresh fails when examples/graph.ttl is not what the
// README's main command produces from examples/reports.
func TestExamplesGraphIsFresh(t *testing.T) {
	want, err := os.ReadFile(readmeMainArgs[3])
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "", "export", readmeMainArgs[1], "-f", "turtle")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if out != string(want) {
		t.Fatal("examples/graph.ttl is stale: run go run ./cmd/pledgegraph export examples/reports -o examples/graph.ttl")
	}
}

func TestExportFlags(t *testing.T) {
	tests := []struct {
		args       []string
		wantFormat graph.Format
		wantOutput string
		wantBase   string
		wantErr    string
	}{
		{args: []string{"a.md"}, wantFormat: graph.Turtle, wantBase: graph.DefaultBase},
		{args: []string{"a.md", "-o", "g.nt"}, wantFormat: graph.NTriples, wantOutput: "g.nt", wantBase: graph.DefaultBase},
		{args: []string{"a.md", "-o", "g.nq"}, wantFormat: graph.NQuads, wantOutput: "g.nq", wantBase: graph.DefaultBase},
		{args: []string{"a.md", "-o", "g.txt"}, wantFormat: graph.Turtle, wantOutput: "g.txt", wantBase: graph.DefaultBase},
		{args: []string{"a.md", "-f", "nt", "-o", "g.ttl"}, wantFormat: graph.NTriples, wantOutput: "g.ttl", wantBase: graph.DefaultBase},
		{args: []string{"-", "--format", "application/n-quads", "--base", "https://x.org/"}, wantFormat: graph.NQuads, wantBase: "https://x.org/"},
		{args: []string{"a.md", "-f", "rdfxml"}, wantErr: `--format: unknown format "rdfxml"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			streams, _, _, _ := iostreams.Test()
			var got export.Options
			cmd := newExportCmd(streams, func(o export.Options) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != tt.wantFormat || got.Output != tt.wantOutput || got.Base != tt.wantBase {
				t.Errorf("options %+v", got)
			}
		})
	}
}

func TestExitStatuses(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(dir+"/junk.md", []byte("geen rapport"), 0o644)
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStderr string
		wantStdout string
	}{
		{"export ok", []string{"export", "-q", "../../examples/reports"}, "", ExitOK, "", "a schema:ClaimReview"},
		{"export with a skipped file", []string{"export", "-q", "../../examples/reports", dir + "/junk.md"}, "", ExitFailure, "junk.md: not an evaluation report", "a schema:ClaimReview"},
		{"export nothing usable", []string{"export", dir + "/junk.md"}, "", ExitFailure, "nothing exported", ""},
		{"export from stdin", []string{"export", "-f", "nt", "-q"}, mustRead(t, "../../examples/reports/000_5f7ed5cae34e348f.txt"), ExitOK, "", "<http://schema.org/ClaimReview>"},
		{"unknown flag", []string{"export", "--nope"}, "", ExitUsage, "unknown flag: --nope", ""},
		{"bad format", []string{"export", "-f", "xml", "x.md"}, "", ExitUsage, "unknown format", ""},
		{"bad base", []string{"export", "--base", "nope", "../../examples/reports"}, "", ExitUsage, "--base", ""},
		{"unknown command", []string{"exprot"}, "", ExitUsage, "unknown command", ""},
		{"check ok", []string{"check", "../../examples/reports/000_5f7ed5cae34e348f.txt"}, "", ExitOK, "", "checked 1 file: 1 ok"},
		{"check error", []string{"check", dir}, "", ExitFailure, "", "not an evaluation report"},
		{"vocab takes no args", []string{"vocab", "x"}, "", ExitUsage, "takes no arguments", ""},
		{"version", []string{"version"}, "", ExitOK, "", "pledgegraph "},
		{"completion", []string{"completion", "bash"}, "", ExitOK, "", "bash completion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.wantStderr)
			}
			if !strings.Contains(out, tt.wantStdout) {
				t.Errorf("stdout lacks %q:\n%.500s", tt.wantStdout, out)
			}
		})
	}
}

func TestNoInputOnTerminalIsUsageError(t *testing.T) {
	streams, _, _, errOut := iostreams.Test()
	streams.SetTTY(true, true, true)
	if code := Run(context.Background(), []string{"export"}, streams); code != ExitUsage {
		t.Fatalf("exit %d, want %d: %s", code, ExitUsage, errOut)
	}
	if !strings.Contains(errOut.String(), "no input") {
		t.Errorf("stderr: %s", errOut)
	}
}

func TestVocabPrintsOntology(t *testing.T) {
	code, out, _ := runCLI(t, "", "vocab")
	if code != ExitOK || out != string(vocab.Ontology) {
		t.Fatalf("exit %d, output %d bytes, want the ontology", code, len(out))
	}
}

// TestHelpHasExamples: every command a user runs shows examples.
func TestHelpHasExamples(t *testing.T) {
	streams, _, _, _ := iostreams.Test()
	root := NewRootCmd(streams)
	for _, c := range root.Commands() {
		if c.Name() == "help" || c.Name() == "completion" || c.Name() == "version" {
			continue
		}
		if c.Example == "" {
			t.Errorf("%s has no examples in --help", c.Name())
		}
	}
	code, out, _ := runCLI(t, "", "export", "--help")
	if code != ExitOK || !strings.Contains(out, "Examples:") || !strings.Contains(out, "--format") {
		t.Errorf("export --help:\n%s", out)
	}
	var _ *cobra.Command = root
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
