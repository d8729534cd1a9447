package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// pageFiles are the pages being written while reports are added: every
// evaluation is appended to its section's page as it comes, so a page is
// on its way to the disk long before the run ends. At most maxOpen pages
// stay open; the least recently used one is closed to open another, and
// opened again to append when its section comes back.
//
// What is appended is gathered per page and written pageChunk bytes at a
// time: an evaluation is some 20 KB, and writes that small cost the
// kernel nearly three times as much per byte as the dumps' 256 KiB writes
// (profiled on 10,000 reports). All pages together gather at most
// pagesGathered bytes.
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
	// gathered counts the bytes of all pages not written yet; a page is
	// written once it gathered chunk bytes, all of them once they gathered
	// budget bytes.
	gathered, chunk, budget int
}

const (
	maxOpenPages   = 512
	writebackChunk = 256 << 10
	pageChunk      = 64 << 10
	pagesGathered  = 4 << 20
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
	// pending is what was appended to the page and not written yet.
	pending []byte
}

// chunks recycles the pages' pending buffers.
var chunks = sync.Pool{New: func() any { return make([]byte, 0, pageChunk+32<<10) }}

func newPageFiles(dir string, writeback func(*os.File, int64, int64)) *pageFiles {
	return &pageFiles{dir: dir, pages: map[string]*pageFile{}, maxOpen: maxOpenPages, writeback: writeback, dirs: map[string]bool{},
		chunk: pageChunk, budget: pagesGathered}
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

// write appends the parts to a page.
func (ps *pageFiles) write(p *pageFile, parts ...[]byte) error {
	ps.clock++
	p.used = ps.clock
	for _, c := range parts {
		if p.pending == nil {
			p.pending = chunks.Get().([]byte)[:0]
		}
		p.pending = append(p.pending, c...)
		ps.gathered += len(c)
	}
	if len(p.pending) >= ps.chunk {
		if err := ps.flush(p); err != nil {
			return err
		}
	}
	if ps.gathered > ps.budget {
		for _, q := range ps.pages {
			if err := ps.flush(q); err != nil {
				return err
			}
		}
	}
	return nil
}

// flush writes what a page gathered to its file.
func (ps *pageFiles) flush(p *pageFile) error {
	if len(p.pending) == 0 {
		return nil
	}
	if p.f == nil {
		if err := ps.reopen(p); err != nil {
			return err
		}
	}
	n, err := p.f.Write(p.pending)
	p.size += int64(n)
	ps.gathered -= len(p.pending)
	if cap(p.pending) <= 2*pageChunk {
		chunks.Put(p.pending[:0])
	}
	p.pending = nil
	if err != nil {
		return fmt.Errorf("site: %s: %w", p.rel, err)
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

// close writes what a page gathered and closes it, handing what is left
// of it to writeback.
func (ps *pageFiles) close(p *pageFile) error {
	if p == nil {
		return nil
	}
	if err := ps.flush(p); err != nil {
		return err
	}
	if p.f == nil {
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

// closeAll writes and closes every page and returns the errors.
func (ps *pageFiles) closeAll() error {
	var errs []error
	for _, p := range ps.pages {
		if err := ps.close(p); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
