//go:build linux

package probe

import (
	"errors"
	"io"
	"net"
	"os"

	"golang.org/x/sys/unix"
)

// skipper returns a function that drops, without copying them to user space, up to len(p) of
// the bytes of conn that a read into p would return, waiting for them as the read would. It
// returns how many it dropped, io.EOF once the peer has closed the stream, and the errors a
// read of conn returns, in the same form: deadlines, cancellation (which closes conn) and the
// Progress callback work as with a read. p is only a size: its contents are not defined
// afterwards. raw is the TCP connection under conn (conn itself for http). It returns nil but
// for a plain TCP connection.
//
// It uses MSG_TRUNC on a TCP socket, which Linux reads as "discard the bytes" (tcp(7)): the
// kernel frees them where a read would copy them out, which is most of the cost of a large
// loopback download.
func skipper(conn, raw net.Conn) func(p []byte) (int, error) {
	tc, ok := raw.(*net.TCPConn)
	if !ok || conn != raw {
		return nil
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return nil
	}
	return func(p []byte) (int, error) {
		var n int
		var rerr error
		err := rc.Read(func(fd uintptr) bool {
			for {
				n, _, rerr = unix.Recvfrom(int(fd), p, unix.MSG_TRUNC)
				if rerr != unix.EINTR {
					break
				}
			}
			return rerr != unix.EAGAIN
		})
		switch {
		case err != nil:
			// The poller's own errors (a deadline, a closed connection) come as a read's would.
			var oe *net.OpError
			if errors.As(err, &oe) {
				err = oe.Err
			}
			return 0, readError(tc, err)
		case rerr != nil:
			return 0, readError(tc, os.NewSyscallError("read", rerr))
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

// readError is err as (*net.TCPConn).Read returns it.
func readError(c *net.TCPConn, err error) error {
	return &net.OpError{Op: "read", Net: c.RemoteAddr().Network(), Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: err}
}
