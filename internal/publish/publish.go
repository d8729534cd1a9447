// Package publish writes a site directory from evaluation reports in one
// pass: the graph as Turtle, N-Triples and JSON-LD (with its context), the
// DCAT-AP-VL description of those dumps, and the web pages (internal/site).
// Each report is parsed and built once, by internal/export, which renders it
// for every dump on its workers and hands it to the site builder in order.
//
// The site is built in a temporary directory beside the target and swapped
// in whole at the end: readers see the old site or the new one, and a run
// that can publish nothing, or fails, leaves the target as it was.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/catalog"
	"github.com/pledgegraph/pledgegraph/internal/enrich"
	"github.com/pledgegraph/pledgegraph/internal/export"
	"github.com/pledgegraph/pledgegraph/internal/site"
)

// Options configure a run.
type Options struct {
	// Inputs are files, directories and "-" (standard input), as for export.
	Inputs []string
	// Dir is the site directory to write (replaced whole).
	Dir string
	// Base is the base of minted IRIs; "" means graph.DefaultBase.
	Base string
	// Jobs is the number of reports parsed at once; 0 means GOMAXPROCS.
	Jobs           int
	Quiet, Verbose bool
	// Enrich, when set, resolves and enriches as export --enrich does.
	Enrich *enrich.Config
	// Catalog describes the dataset; its SiteURL is where the site is
	// served (pages, dumps and the JSON-LD context are named under it).
	Catalog catalog.Config
	// DatePublished (YYYY-MM-DD) is stated on every review when set.
	DatePublished string

	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Result says what a run did.
type Result struct {
	Export export.Result
	// Figures are the coverage figures the index shows.
	Figures *site.Figures
	// Pages counts the HTML pages written: the index, a page per evaluated
	// section (and one for evaluations without a section), and a short page
	// per section evaluations link to that no report evaluates.
	Pages int
	// Files are the dumps and the catalog, with their sizes.
	Files []site.Dump
	// Stats are the VoID statistics of the graph (catalog.ttl states
	// them when there is a site URL).
	Stats catalog.Stats
	// CatalogWarnings name the properties DCAT-AP-VL requires that the
	// configuration left out.
	CatalogWarnings []string
}

// ErrNothingPublished is returned when no report could be used; the
// target directory is left as it was.
var ErrNothingPublished = errors.New("nothing published")

// ErrUsage marks errors in how publish was called (exit status 2).
var ErrUsage = export.ErrUsage

// Files of the site besides the pages.
const (
	TurtleFile   = "graph.ttl"
	NTriplesFile = "graph.nt"
	JSONLDFile   = "graph.jsonld"
	ContextFile  = "context.jsonld"
	CatalogFile  = "catalog.ttl"
)

// Run publishes the reports of opts.Inputs into opts.Dir. Problems with
// single reports are written to Stderr and counted, as by export; the error
// is for the run as a whole.
func Run(ctx context.Context, opts Options) (res Result, err error) {
	siteURL := opts.Catalog.SiteURL
	if siteURL != "" && !strings.HasSuffix(siteURL, "/") {
		siteURL += "/"
	}
	opts.Catalog.SiteURL = siteURL
	fl := newFlusher()
	defer fl.stop()
	cfg := site.Config{SiteURL: siteURL, DatePublished: opts.DatePublished, Publisher: reviewAuthor(opts.Catalog)}
	if err := checkSiteConfig(cfg); err != nil {
		return res, err
	}
	t, err := resolveTarget(opts.Dir)
	if err != nil {
		return res, err
	}
	built, err := os.MkdirTemp(t.parent, "."+filepath.Base(t.path)+".tmp-*")
	if err != nil {
		return res, fmt.Errorf("%s: cannot build the site beside it: %w", opts.Dir, unwrapPath(err))
	}
	committed := false
	defer func() {
		if !committed {
			os.RemoveAll(built)
		}
	}()
	// Pages are written while the reports pass, as the dumps are, and
	// handed to the disk by the same flusher.
	cfg.Writeback = fl.startCopy
	sb, err := site.New(built, cfg)
	if err != nil {
		return res, err
	}
	defer sb.Close()
	obs := &observer{dir: built, site: sb, flusher: fl}
	if siteURL != "" {
		obs.contextURL = siteURL + ContextFile
	}
	defer obs.closeFiles()
	// The Turtle dump is export's main output; the directory is replaced
	// whole, so it needs no atomic file of its own.
	ttl, err := obs.create(TurtleFile)
	if err != nil {
		return res, err
	}

	res.Export, err = export.Run(ctx, export.Options{
		Inputs:     opts.Inputs,
		OutputName: TurtleFile,
		Format:     graph.Turtle,
		Base:       opts.Base,
		Jobs:       opts.Jobs,
		Quiet:      opts.Quiet,
		Verbose:    opts.Verbose,
		Enrich:     opts.Enrich,
		Observer:   obs,
		NoSummary:  true,
		Stdin:      opts.Stdin,
		Stdout:     ttl.w,
		Stderr:     opts.Stderr,
	})
	if errors.Is(err, export.ErrNothingExported) {
		return res, ErrNothingPublished
	}
	if err != nil {
		return res, err
	}
	if err := obs.closeFiles(); err != nil {
		return res, err
	}
	if err := writeFile(filepath.Join(built, ContextFile), func(w io.Writer) error {
		doc, err := jsonldContext(obs.prefixes)
		if err != nil {
			return err
		}
		_, err = w.Write(doc)
		return err
	}); err != nil {
		return res, err
	}
	res.Stats = obs.stats()
	if res.Files, err = dumpList(built); err != nil {
		return res, err
	}
	if siteURL == "" {
		// The catalog names the dataset, its distributions and their
		// download URLs under the site URL; without one it would have to
		// invent them.
		res.CatalogWarnings = append(res.CatalogWarnings, "not written: its IRIs and download URLs go under the site URL (--site-url)")
	} else {
		if res.CatalogWarnings, err = writeCatalogFile(filepath.Join(built, CatalogFile), opts.Catalog, res.Stats, res.Files); err != nil {
			return res, err
		}
		fi, err := os.Stat(filepath.Join(built, CatalogFile))
		if err != nil {
			return res, err
		}
		res.Files = append(res.Files, site.Dump{File: CatalogFile, Title: "Beschrijving van de dataset (DCAT-AP-VL)", MediaType: "text/turtle", Bytes: fi.Size()})
	}
	if res.Figures, err = sb.Finish(res.Files); err != nil {
		return res, err
	}
	res.Pages = sb.Pages()
	fl.stop()
	if err := os.WriteFile(filepath.Join(built, Marker), []byte(markerText), 0o644); err != nil {
		return res, err
	}
	// MkdirTemp made the directory private; a site is for everyone to read.
	if err := os.Chmod(built, 0o755&^umask()); err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if err := syncDir(built); err != nil {
		return res, err
	}
	old, err := swap(built, t)
	if err != nil {
		return res, err
	}
	committed = true
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			fmt.Fprintf(opts.Stderr, "warning: the previous site could not be removed from %s: %v\n", old, err)
		}
	}
	for _, w := range res.CatalogWarnings {
		if !opts.Quiet {
			fmt.Fprintf(opts.Stderr, "%s: warning: %s\n", CatalogFile, w)
		}
	}
	if !opts.Quiet {
		e := res.Export
		fmt.Fprintf(opts.Stderr, "published %d of %d inputs to %s: %d pages, %d triples%s\n", e.Exported, e.Inputs, opts.Dir, res.Pages, e.Triples, e.Troubles())
	}
	return res, nil
}

// reviewAuthor is the publisher as the reviews name it: the catalog's
// publisher, by its IRI, or, when only a name is given, by the IRI
// catalog.ttl gives it under the site URL (a test keeps the two in step).
// Without a name there is no author: nothing is made up.
func reviewAuthor(c catalog.Config) site.Agent {
	lang, name := "nl", c.Publisher.Name["nl"]
	if name == "" {
		for _, l := range sortedKeys(c.Publisher.Name) {
			lang, name = l, c.Publisher.Name[l]
			break
		}
	}
	iri := c.Publisher.IRI
	if iri == "" && c.SiteURL != "" {
		iri = c.SiteURL + catalog.FileName + "#publisher"
	}
	if iri == "" || name == "" {
		return site.Agent{}
	}
	return site.Agent{IRI: iri, Name: name, Lang: lang}
}

func checkSiteConfig(cfg site.Config) error {
	if cfg.SiteURL != "" {
		if err := site.CheckSiteURL(cfg.SiteURL); err != nil {
			return usageError{fmt.Errorf("--site-url: %w", err)}
		}
	}
	return nil
}

// usageError marks a wrong call (exit status 2 in the CLI).
type usageError struct{ err error }

func (e usageError) Error() string        { return e.err.Error() }
func (e usageError) Unwrap() error        { return e.err }
func (e usageError) Is(target error) bool { return target == ErrUsage }

// dumpList lists the graph dumps with their sizes, in the order the index
// and the catalog show them.
func dumpList(dir string) ([]site.Dump, error) {
	all := []site.Dump{
		{File: TurtleFile, Title: "De graaf in Turtle", MediaType: "text/turtle"},
		{File: NTriplesFile, Title: "De graaf in N-Triples", MediaType: "application/n-triples"},
		{File: JSONLDFile, Title: "De graaf in JSON-LD", MediaType: "application/ld+json"},
		{File: ContextFile, Title: "De JSON-LD-context van de graaf", MediaType: "application/ld+json"},
	}
	for i := range all {
		fi, err := os.Stat(filepath.Join(dir, all[i].File))
		if err != nil {
			return nil, err
		}
		all[i].Bytes = fi.Size()
	}
	return all, nil
}

// writeFile writes a file of the site.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return nil
}
