package lab

import (
	"errors"
	"net"
	"strings"
	"syscall"
	"testing"
)

func TestStartSaysTheAddressIsInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	srv, err := Start(t.Context(), ln.Addr().String())
	if err == nil {
		srv.Close()
		t.Fatal("Start on a busy address succeeded")
	}
	msg := err.Error()
	if !errors.Is(err, syscall.EADDRINUSE) || !strings.Contains(msg, "--addr") || strings.Count(msg, ln.Addr().String()) != 1 {
		t.Errorf("error %q: want one mention of the address, the cause and the way out (--addr)", msg)
	}
}
