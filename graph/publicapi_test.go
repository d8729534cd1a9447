package graph_test

import (
	"go/importer"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// TestPublicAPIMentionsNoInternalType: programs outside the module can use
// the public packages only if no exported identifier needs a type they
// cannot name (Build once took an internal report type).
func TestPublicAPIMentionsNoInternalType(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the packages from source")
	}
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	for _, path := range []string{
		"github.com/pledgegraph/pledgegraph/graph",
		"github.com/pledgegraph/pledgegraph/graph/jsonld",
		"github.com/pledgegraph/pledgegraph/graph/report",
		"github.com/pledgegraph/pledgegraph/graph/turtle",
		"github.com/pledgegraph/pledgegraph/sparql",
		"github.com/pledgegraph/pledgegraph/vocab",
	} {
		pkg, err := imp.Import(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, name := range pkg.Scope().Names() {
			obj := pkg.Scope().Lookup(name)
			if !obj.Exported() {
				continue
			}
			seen := map[types.Type]bool{}
			if bad := internalIn(obj.Type(), seen, true); bad != "" {
				t.Errorf("%s.%s mentions %s", pkg.Name(), name, bad)
			}
		}
	}
}

// internalIn finds a named type from an internal package in what t shows
// to other packages: exported fields and methods, parameters and results.
func internalIn(t types.Type, seen map[types.Type]bool, top bool) string {
	if seen[t] {
		return ""
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Named:
		if p := t.Obj().Pkg(); p != nil && strings.Contains(p.Path(), "/internal/") {
			return p.Path() + "." + t.Obj().Name()
		}
		if p := t.Obj().Pkg(); p != nil && !strings.HasPrefix(p.Path(), "github.com/pledgegraph/") {
			return "" // another module's type: its own business
		}
		for i := range t.NumMethods() {
			if m := t.Method(i); m.Exported() {
				if bad := internalIn(m.Type(), seen, false); bad != "" {
					return bad
				}
			}
		}
		return internalIn(t.Underlying(), seen, false)
	case *types.Struct:
		for i := range t.NumFields() {
			if f := t.Field(i); f.Exported() || f.Embedded() {
				if bad := internalIn(f.Type(), seen, false); bad != "" {
					return bad
				}
			}
		}
	case *types.Signature:
		for _, tuple := range []*types.Tuple{t.Params(), t.Results()} {
			for i := range tuple.Len() {
				if bad := internalIn(tuple.At(i).Type(), seen, false); bad != "" {
					return bad
				}
			}
		}
	case *types.Pointer:
		return internalIn(t.Elem(), seen, false)
	case *types.Slice:
		return internalIn(t.Elem(), seen, false)
	case *types.Array:
		return internalIn(t.Elem(), seen, false)
	case *types.Map:
		if bad := internalIn(t.Key(), seen, false); bad != "" {
			return bad
		}
		return internalIn(t.Elem(), seen, false)
	case *types.Chan:
		return internalIn(t.Elem(), seen, false)
	case *types.Interface:
		for i := range t.NumMethods() {
			if bad := internalIn(t.Method(i).Type(), seen, false); bad != "" {
				return bad
			}
		}
	}
	return ""
}
