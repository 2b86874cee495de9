package probe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"time"
)

// env is what a failed wait is judged against: the caller's context and the exchange's timeout.
// A nil *env stands for an offline parse, where the only way a read ends is the end of the input.
type env struct {
	ctx     context.Context
	timeout time.Duration
}

// cause classifies err, an error from a network operation, in a few words ("timed out after
// 3s", "connection closed", "canceled"), and says whether it was the deadline or the context.
func (e *env) cause(err error) (msg string, timeout, canceled bool) {
	if e != nil && e.ctx.Err() != nil {
		if errors.Is(e.ctx.Err(), context.DeadlineExceeded) {
			return "timed out (the context's deadline passed)", true, false
		}
		return "canceled", false, true
	}
	switch {
	case isTimeout(err):
		if e != nil {
			return fmt.Sprintf("timed out after %s", e.timeout), true, false
		}
		return "timed out", true, false
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed", false, false
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset by the server", false, false
	case errors.Is(err, net.ErrClosed):
		return "connection closed", false, false
	}
	return err.Error(), false, false
}

// waitError is the error of a read that failed while waiting for what, e.g. "the status line":
// `timed out after 3s waiting for the status line`, `connection closed before the status line`.
func (e *env) waitError(phase Phase, what string, err error) *Error {
	msg, timeout, canceled := e.cause(err)
	switch {
	case timeout:
		msg += " waiting for " + what
	case canceled:
		msg = "canceled while waiting for " + what
	case msg == "connection closed":
		msg += " before " + what
	default:
		msg += " while waiting for " + what
	}
	return &Error{Phase: phase, Msg: msg, Timeout: timeout, Canceled: canceled, Err: err}
}

func isTimeout(err error) bool {
	if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func requestError(format string, args ...any) *Error {
	return &Error{Phase: PhaseRequest, Msg: fmt.Sprintf(format, args...)}
}

// writeError is the failure to write the request.
func (e *env) writeError(err error) *Error {
	msg, timeout, canceled := e.cause(err)
	return &Error{Phase: PhaseWrite, Msg: "writing the request: " + msg, Timeout: timeout, Canceled: canceled, Err: err}
}
