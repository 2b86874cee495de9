//go:build !linux

package main

import (
	"os"
	"testing"
)

// openPTY skips the test: pseudo-terminals are opened only on Linux.
func openPTY(t *testing.T, width, height int) (term, other *os.File) {
	t.Helper()
	t.Skip("pseudo-terminals are opened only on Linux")
	return nil, nil
}
