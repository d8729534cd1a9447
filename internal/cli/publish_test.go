package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/publish"
)

// TestPublishFlags: flags become publish.Options; wrong calls are usage
// errors naming the flag.
func TestPublishFlags(t *testing.T) {
	config := filepath.Join(t.TempDir(), "catalog.yaml")
	if err := os.WriteFile(config, []byte("site_url: https://from.file/\npublisher: {name: Uit het bestand}\ndataset: {keywords: [a, b]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args    []string
		check   func(t *testing.T, o publish.Options)
		wantErr string
	}{
		{args: []string{"r.md", "-o", "site"}, check: func(t *testing.T, o publish.Options) {
			if o.Dir != "site" || len(o.Inputs) != 1 || o.Catalog.SiteURL != "" || o.Enrich != nil || o.DatePublished != "" {
				t.Errorf("%+v", o)
			}
		}},
		{args: []string{"r.md", "-o", "site", "--site-url", "https://x.org/s/", "--publisher-name", "Org", "--publisher-iri", "https://x.org/org",
			"--dataset-keywords", "a", "--dataset-keywords", "b c", "--date-published", "2024-10-01", "-j", "3"},
			check: func(t *testing.T, o publish.Options) {
				c := o.Catalog
				if c.SiteURL != "https://x.org/s/" || c.Publisher.Name["nl"] != "Org" || c.Publisher.IRI != "https://x.org/org" ||
					strings.Join(c.Keywords, "|") != "a|b c" || o.DatePublished != "2024-10-01" || o.Jobs != 3 {
					t.Errorf("%+v", o)
				}
			}},
		// The file, then the flags over it.
		{args: []string{"r.md", "-o", "site", "--config", config, "--site-url", "https://from.flag/"}, check: func(t *testing.T, o publish.Options) {
			c := o.Catalog
			if c.SiteURL != "https://from.flag/" || c.Publisher.Name["nl"] != "Uit het bestand" || strings.Join(c.Keywords, "|") != "a|b" {
				t.Errorf("%+v", c)
			}
		}},
		{args: []string{"r.md", "-o", "site", "--enrich", "--offline", "--cache", t.TempDir()}, check: func(t *testing.T, o publish.Options) {
			if o.Enrich == nil || !o.Enrich.Offline {
				t.Errorf("enrich %+v", o.Enrich)
			}
		}},
		{args: []string{"r.md"}, wantErr: "-o DIR is required"},
		{args: []string{"r.md", "-o", "site", "--offline"}, wantErr: "--offline works only with --enrich"},
		{args: []string{"r.md", "-o", "site", "--date-published", "2024-02-30"}, wantErr: `--date-published: "2024-02-30" is not a date`},
		{args: []string{"r.md", "-o", "site", "--contact-email", "geen-adres"}, wantErr: "--contact-email:"},
		{args: []string{"r.md", "-o", "site", "--site-url", "ftp://x.org/"}, wantErr: "--site-url:"},
		{args: []string{"r.md", "-o", "site", "-j", "-1"}, wantErr: "--jobs must not be negative"},
		{args: []string{"r.md", "-o", "site", "--config", filepath.Join(t.TempDir(), "none.yaml")}, wantErr: "--config:"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			streams, _, _, _ := iostreams.Test()
			var got publish.Options
			called := false
			cmd := newPublishCmd(streams, func(o publish.Options) error { got, called = o, true; return nil })
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
			if err != nil || !called {
				t.Fatalf("err = %v, called %v", err, called)
			}
			tt.check(t, got)
		})
	}
}

// TestPublishExitStatus: 0 for a site of every input, 1 when inputs were
// skipped (the rest published) or nothing could be published (the old
// site untouched), 2 for wrong usage, 3 when enrichment is incomplete.
func TestPublishExitStatus(t *testing.T) {
	tmp := t.TempDir()
	bad := filepath.Join(tmp, "notes.md")
	if err := os.WriteFile(bad, []byte("# Notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(tmp, "site")

	code, _, stderr := runCLI(t, "", "publish", "../../examples/reports", "-o", site)
	if code != ExitOK || !strings.Contains(stderr, "published 2 of 2 inputs to "+site) {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	index, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil {
		t.Fatal(err)
	}

	code, _, stderr = runCLI(t, "", "publish", bad, "-o", site)
	if code != ExitFailure || !strings.Contains(stderr, "nothing published") || !strings.Contains(stderr, "is unchanged") {
		t.Errorf("nothing to publish: exit %d:\n%s", code, stderr)
	}
	if now, err := os.ReadFile(filepath.Join(site, "index.html")); err != nil || !bytes.Equal(now, index) {
		t.Error("a run that published nothing changed the site")
	}

	code, _, stderr = runCLI(t, "", "publish", bad, "../../examples/reports/000_5f7ed5cae34e348f.txt", "-o", site)
	if code != ExitFailure || !strings.Contains(stderr, "notes.md: not an evaluation report") || !strings.Contains(stderr, "published 1 of 2 inputs") {
		t.Errorf("a bad input: exit %d:\n%s", code, stderr)
	}

	code, _, stderr = runCLI(t, "", "publish", "../../examples/reports", "-o", site, "--bogus")
	if code != ExitUsage || !strings.Contains(stderr, "Run 'pledgegraph publish --help' for usage.") {
		t.Errorf("unknown flag: exit %d:\n%s", code, stderr)
	}

	// Offline with an empty cache: the site is published from the reports
	// alone and the run says enrichment is incomplete.
	code, _, stderr = runCLI(t, "", "publish", "../../examples/reports", "-o", site, "--enrich", "--offline", "--cache", t.TempDir(),
		"--endpoint", "http://127.0.0.1:9/sparql")
	if code != ExitIncomplete || !strings.Contains(stderr, "INCOMPLETE") || !strings.Contains(stderr, "published 2 of 2 inputs") {
		t.Errorf("incomplete enrichment: exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "sectie", "4.3.2.html")); err != nil {
		t.Error(err)
	}
}

// TestPublishIsListed: the root help lists publish.
func TestPublishIsListed(t *testing.T) {
	code, out, _ := runCLI(t, "", "--help")
	if code != ExitOK || !strings.Contains(out, "publish") {
		t.Errorf("exit %d, help:\n%s", code, out)
	}
}
