package wordscan

import (
	"encoding/binary"
	"testing"
)

// naive are the tests byte by byte.
func naive(w []byte, n, c byte) (less, has, nonASCII bool) {
	for _, b := range w {
		less = less || b < n
		has = has || b == c
		nonASCII = nonASCII || b >= 0x80
	}
	return
}

func check(t *testing.T, w []byte, n, c byte) {
	t.Helper()
	n = min(n, 0x80)
	x := Load(string(w), 0)
	if x != binary.LittleEndian.Uint64(w) {
		t.Fatalf("Load(%q) = %#x", w, x)
	}
	less, has, nonASCII := naive(w, n, c)
	if Less(x, n) != less || Has(x, c) != has || NonASCII(x) != nonASCII {
		t.Errorf("word %q, n %#x, c %#x: Less %v Has %v NonASCII %v, want %v %v %v",
			w, n, c, Less(x, n), Has(x, c), NonASCII(x), less, has, nonASCII)
	}
}

// TestWords: every byte value in every position, amid bytes that borrow
// or carry (0x00, 0x01, 0x7f, 0x80, 0xff), against the tests made byte by
// byte.
func TestWords(t *testing.T) {
	for _, fill := range []byte{0x00, 0x01, 0x20, 0x7f, 0x80, 0xff, 'a'} {
		for pos := range 8 {
			for v := range 256 {
				w := []byte{fill, fill, fill, fill, fill, fill, fill, fill}
				w[pos] = byte(v)
				for _, n := range []byte{0x01, 0x0e, 0x20, 0x80} {
					for _, c := range []byte{0x00, '"', '\\', '\n', 0xe2, byte(v)} {
						check(t, w, n, c)
					}
				}
			}
		}
	}
}

func FuzzWords(f *testing.F) {
	f.Add([]byte("plain te"), byte(0x20), byte('"'))
	f.Add([]byte{0x1f, 0x80, 0, 0xff, '\\', 'a', 'b', 'c'}, byte(0x0e), byte('\\'))
	f.Fuzz(func(t *testing.T, w []byte, n, c byte) {
		if len(w) < 8 {
			return
		}
		check(t, w[:8], n, c)
	})
}
