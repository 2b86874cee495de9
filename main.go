// Command hsx is an interactive terminal explorer for HTTP status behavior: it sends a request,
// shows the response exactly as it crossed the wire, marks every byte that breaks the rules and
// explains what the status code means.
//
//	hsx                            the explorer, with a built-in lab server
//	hsx [request flags] URL        the explorer, sending that request at start
//	hsx check [request flags] URL  one exchange, reported on standard output
//	hsx explain [CODE]             the documentation of a status code
//	hsx lab                        serve the lab of correct and broken responses
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/hsx-dev/hsx/probe/termsafe"
)

// Exit statuses.
const (
	exitOK       = 0 // success; for check: a response and no error finding
	exitFindings = 1 // check: a response with at least one error finding
	exitFailure  = 2 // usage errors, and check without a response
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], newStdio())
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit status.
func run(ctx context.Context, args []string, std stdio) int {
	name, rest := "", args
	if len(args) > 0 {
		name, rest = args[0], args[1:]
	}
	var err error
	switch name {
	case "check":
		return runCheck(ctx, rest, std)
	case replayGoCommand:
		return runReplayGo(ctx, rest, std)
	case "explain":
		err = runExplain(rest, std)
	case "lab":
		err = runLab(ctx, rest, std)
	case "help", "-h", "--help", "-help":
		err = runHelp(rest, std)
	case "version", "--version", "-V":
		_, err = fmt.Fprintln(std.out, "hsx", version())
	default:
		if name != "" && !strings.HasPrefix(name, "-") && !looksLikeURL(name) {
			err = usageErrorf("unknown command %q", name)
			break
		}
		err = runTUI(ctx, args, std)
	}
	return fail(err, std)
}

// fail reports err, if any, on standard error in one line and returns the exit status.
func fail(err error, std stdio) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(std.err, "hsx: %s (see 'hsx --help')\n", oneLine(ue.msg))
		return exitFailure
	}
	fmt.Fprintf(std.err, "hsx: %s\n", oneLine(err.Error()))
	return exitFailure
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

// oneLine makes a message fit for one line of a terminal: line breaks and runs of white space
// become one space, and any other control character is shown escaped.
func oneLine(s string) string {
	return termsafe.String(strings.Join(strings.Fields(s), " "), termsafe.Line)
}

// looksLikeURL reports whether a first argument that is not a command is meant as a URL
// ("example.com", "localhost:8080", "http://…").
func looksLikeURL(s string) bool {
	return strings.ContainsAny(s, ".:/") || s == "localhost"
}

// stdio is where a command reads and writes, and what it knows of its environment.
type stdio struct {
	in       io.Reader
	out, err io.Writer
	environ  []string
}

func newStdio() stdio {
	return stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr, environ: os.Environ()}
}

// getenv returns the value of the environment variable key.
func (s stdio) getenv(key string) string {
	v, _ := s.lookupEnv(key)
	return v
}
