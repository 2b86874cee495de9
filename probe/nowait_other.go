//go:build !unix

package probe

import (
	"net"
	"time"
)

// arrivedReader returns nil where the socket cannot be read without waiting: Do then gives
// the bytes after a body a short read instead (see shortRead).
func arrivedReader(conn, raw net.Conn, deadline time.Time) func(p []byte) (int, error) {
	return nil
}
