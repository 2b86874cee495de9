package main

import (
	"fmt"
	"os"
	"syscall"
	"testing"
	"unsafe"
)

// openPTY opens a pseudo-terminal of the given size and returns its two ends: the terminal a
// program writes to, and the other end, where what it writes arrives. It skips the test when
// the system has no pseudo-terminals.
func openPTY(t *testing.T, width, height int) (term, other *os.File) {
	t.Helper()
	other, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	var unlock, n uint32
	if err := ioctl(other, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		t.Fatalf("unlock pseudo-terminal: %v", err)
	}
	if err := ioctl(other, syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		t.Fatalf("pseudo-terminal number: %v", err)
	}
	size := struct{ rows, cols, x, y uint16 }{uint16(height), uint16(width), 0, 0}
	if err := ioctl(other, syscall.TIOCSWINSZ, unsafe.Pointer(&size)); err != nil {
		t.Fatalf("pseudo-terminal size: %v", err)
	}
	term, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	return term, other
}

func ioctl(f *os.File, req uintptr, arg unsafe.Pointer) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); errno != 0 {
		return errno
	}
	return nil
}
