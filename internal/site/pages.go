package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// pageFiles are the pages being written while reports are added: every
// evaluation is appended to its section's page as it comes, so a page is
// on its way to the disk long before the run ends. At most maxOpen pages
// stay open; the least recently used one is closed to open another, and
// opened again to append when its section comes back.
type pageFiles struct {
	dir   string
	pages map[string]*pageFile // by path relative to the site root
	// open counts the open pages, up to maxOpen.
	open, maxOpen int
	clock         uint64
	// writeback, if set, is told of every range of a page written since
	// the last call, every writebackChunk bytes and when the page is
	// closed (see Config.Writeback).
	writeback func(f *os.File, off, n int64)
	dirs      map[string]bool
}

const (
	maxOpenPages   = 512
	writebackChunk = 256 << 10
)

type pageFile struct {
	rel     string
	f       *os.File // nil while closed
	size    int64    // bytes written
	synced  int64    // bytes handed to writeback
	used    uint64   // clock of the last write
	created bool
	// text is the section text the page's head shows ("" for none).
	text string
}

func newPageFiles(dir string, writeback func(*os.File, int64, int64)) *pageFiles {
	return &pageFiles{dir: dir, pages: map[string]*pageFile{}, maxOpen: maxOpenPages, writeback: writeback, dirs: map[string]bool{}}
}

// page returns the page at rel, and whether it is new (nothing written).
func (ps *pageFiles) page(rel string) (*pageFile, bool) {
	if p := ps.pages[rel]; p != nil {
		return p, false
	}
	p := &pageFile{rel: rel}
	ps.pages[rel] = p
	return p, true
}

// write appends the chunks to a page.
func (ps *pageFiles) write(p *pageFile, chunks ...[]byte) error {
	if p.f == nil {
		if err := ps.reopen(p); err != nil {
			return err
		}
	}
	ps.clock++
	p.used = ps.clock
	for _, c := range chunks {
		n, err := p.f.Write(c)
		p.size += int64(n)
		if err != nil {
			return fmt.Errorf("site: %s: %w", p.rel, err)
		}
	}
	if ps.writeback != nil && p.size-p.synced >= writebackChunk {
		ps.writeback(p.f, p.synced, p.size-p.synced)
		p.synced = p.size
	}
	return nil
}

// reopen opens a page to append to it, closing the least recently used
// page when too many are open. The first open creates the file: the site
// is built in a fresh directory, so an existing one is an error.
func (ps *pageFiles) reopen(p *pageFile) error {
	if ps.open >= ps.maxOpen {
		var lru *pageFile
		for _, q := range ps.pages {
			if q.f != nil && (lru == nil || q.used < lru.used) {
				lru = q
			}
		}
		if err := ps.close(lru); err != nil {
			return err
		}
	}
	path := filepath.Join(ps.dir, filepath.FromSlash(p.rel))
	flags := os.O_WRONLY | os.O_APPEND
	if !p.created {
		if d := filepath.Dir(path); !ps.dirs[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("site: %w", err)
			}
			ps.dirs[d] = true
		}
		flags = os.O_WRONLY | os.O_CREATE | os.O_EXCL
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	p.f, p.created = f, true
	ps.open++
	return nil
}

// close closes a page, handing what is left of it to writeback.
func (ps *pageFiles) close(p *pageFile) error {
	if p == nil || p.f == nil {
		return nil
	}
	if ps.writeback != nil && p.size > p.synced {
		ps.writeback(p.f, p.synced, p.size-p.synced)
		p.synced = p.size
	}
	err := p.f.Close()
	p.f = nil
	ps.open--
	if err != nil {
		return fmt.Errorf("site: %s: %w", p.rel, err)
	}
	return nil
}

// closeAll closes every open page and returns the first error.
func (ps *pageFiles) closeAll() error {
	var errs []error
	for _, p := range ps.pages {
		if err := ps.close(p); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
