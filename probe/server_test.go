package probe

import (
	"bufio"
	"crypto/tls"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// rawServer serves each connection with handle, on a loopback listener that lives until the
// test ends; it returns the server's http URL. When the test ends, done is closed so that
// handlers holding a connection open return.
func rawServer(t *testing.T, handle func(c net.Conn, done <-chan struct{})) string {
	t.Helper()
	return LoopbackServer(t, nil, handle)
}

// LoopbackServer listens on loopback (speaking TLS with cert when it is not nil), hands every
// connection to serve and returns the base URL. Connections are closed when serve returns;
// when the test ends, done is closed and the server waits for its handlers. It is exported,
// in a test file, for the external tests (hostile_test.go).
func LoopbackServer(t *testing.T, cert *tls.Certificate, serve func(c net.Conn, done <-chan struct{})) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	scheme := "http"
	if cert != nil {
		scheme = "https"
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{*cert}})
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	t.Cleanup(func() {
		close(done)
		ln.Close()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer c.Close()
				serve(c, done)
			})
		}
	})
	return scheme + "://" + ln.Addr().String()
}

// script is what a raw server does on a connection: read the request head (unless noRead),
// write each part of the response with a pause between parts, then hold the connection open
// for hold before closing it.
type script struct {
	parts  []string
	pause  time.Duration
	hold   time.Duration
	noRead bool
}

func (s script) serve(c net.Conn, done <-chan struct{}) {
	if !s.noRead {
		if _, err := readRequestHead(bufio.NewReader(c)); err != nil {
			return
		}
	}
	for i, p := range s.parts {
		if i > 0 && !wait(s.pause, done) {
			return
		}
		if _, err := c.Write([]byte(p)); err != nil {
			return
		}
	}
	wait(s.hold, done)
}

// wait sleeps for d, or until done is closed; it reports whether the whole d passed.
func wait(d time.Duration, done <-chan struct{}) bool {
	if d <= 0 {
		return true
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return true
	case <-done:
		return false
	}
}

// readRequestHead reads a request's head, up to and including the blank line.
func readRequestHead(br *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		line, err := br.ReadString('\n')
		b.WriteString(line)
		if err != nil {
			return b.String(), err
		}
		if line == "\r\n" || line == "\n" {
			return b.String(), nil
		}
	}
}
