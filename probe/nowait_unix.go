//go:build unix

package probe

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"runtime"
	"syscall"
	"time"
)

// arrivedReader returns a function that reads into p only the bytes of conn that have already
// arrived, without waiting: it returns 0 and no error when there are none. raw is the TCP
// connection under conn (conn itself for http). It returns nil when the connection offers no
// way to look without waiting.
//
// Over TLS, the bytes already arrived are those tls.Conn holds (decrypted or not) and those in
// the socket; when there are none, it keeps looking for tlsSettle from its first call. A record
// that has begun to arrive is given recordWait to complete, within deadline: the server has
// sent it, so the wait is short and only a server that sends stray bytes pays for it.
func arrivedReader(conn, raw net.Conn, deadline time.Time) func(p []byte) (int, error) {
	sc, ok := raw.(syscall.Conn)
	if !ok {
		return nil
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	sock := func(p []byte, flags int) (int, error) {
		var n int
		var rerr error
		if err := rc.Read(func(fd uintptr) bool {
			// Go puts its sockets in non-blocking mode: with nothing to read this returns EAGAIN.
			if flags == 0 {
				n, rerr = syscall.Read(int(fd), p)
			} else {
				n, _, rerr = syscall.Recvfrom(int(fd), p, flags)
			}
			return true
		}); err != nil {
			return 0, err
		}
		switch {
		case errors.Is(rerr, syscall.EAGAIN), errors.Is(rerr, syscall.EWOULDBLOCK), errors.Is(rerr, syscall.EINTR):
			return 0, nil
		case rerr != nil:
			return 0, os.NewSyscallError("read", rerr)
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
	tc, ok := conn.(*tls.Conn)
	if !ok {
		if conn != raw {
			return nil
		}
		return func(p []byte) (int, error) { return sock(p, 0) }
	}
	var one [1]byte
	var settle time.Time
	return func(p []byte) (int, error) {
		if settle.IsZero() {
			settle = time.Now().Add(tlsSettle)
		}
		for {
			// A deadline in the past lets tls.Conn hand over what it holds without reading the
			// socket; a timeout is not fatal to a tls.Conn.
			_ = tc.SetReadDeadline(time.Unix(1, 0))
			n, err := tc.Read(p)
			if n > 0 || err != nil && !isTimeout(err) {
				return n, err
			}
			n, err = sock(one[:], syscall.MSG_PEEK)
			if err != nil {
				return 0, err
			}
			if n > 0 {
				break
			}
			if !time.Now().Before(settle) {
				return 0, nil
			}
			runtime.Gosched()
		}
		_ = tc.SetReadDeadline(earliest(time.Now().Add(recordWait), deadline))
		n, err := tc.Read(p)
		if isTimeout(err) {
			err = nil // the record did not complete in time: it is not taken
		}
		return n, err
	}
}

// tlsSettle is how long, from its first look, the reader of a TLS connection keeps looking
// for bytes sent after the body, yielding in between: a TLS server takes longer than a plain
// one between a write and the next, and a TLS exchange takes milliseconds anyway.
const tlsSettle = 100 * time.Microsecond

// recordWait is how long a TLS record that has begun to arrive after the body is given to
// arrive in full.
const recordWait = shortRead
