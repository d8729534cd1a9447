//go:build !unix

package inputs

import "testing"

const hasUnixFiles = false

func makeSpecial(t *testing.T, name, kind string) {
	t.Fatalf("no %s on this system", kind)
}
