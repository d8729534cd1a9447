// Package wordscan looks at a string eight bytes at a time, for the
// writers' escaping loops: literals are long prose with few bytes that
// need escaping, and a word of plain bytes is passed over in a few
// instructions instead of eight lookups.
//
// Each test tells whether any byte of a word (eight bytes, the first in
// the lowest bits) is of a kind. The tests are exact for the word as a
// whole, not for each byte, so a caller that finds a word of interest
// looks at its bytes one by one.
package wordscan

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// Load returns s[i:i+8] as a word; s must hold eight bytes from i.
func Load(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// Less tells whether a byte of x is below n, for n <= 0x80.
func Less(x uint64, n byte) bool { return (x-ones*uint64(n))&^x&highs != 0 }

// Has tells whether a byte of x is c.
func Has(x uint64, c byte) bool {
	y := x ^ ones*uint64(c)
	return (y-ones)&^y&highs != 0
}

// NonASCII tells whether a byte of x is 0x80 or above.
func NonASCII(x uint64) bool { return x&highs != 0 }
