// Package english spells counts in English for the messages people read: "1 byte",
// "17 bytes".
package english

import "strconv"

// Plural returns n and the noun, which takes an "s" unless n is 1: "1 field", "0 fields",
// "2 chunks". The noun must be one whose plural is formed that way.
func Plural[N ~int | ~int64](n N, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.FormatInt(int64(n), 10) + " " + noun + "s"
}
