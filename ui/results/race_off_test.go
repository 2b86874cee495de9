//go:build !race

package results

// raceEnabled reports whether the tests run under the race detector, which slows drawing
// several times over, so that timing tests mean nothing.
const raceEnabled = false
