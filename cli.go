package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/charmbracelet/colorprofile"
	xterm "github.com/charmbracelet/x/term"

	"github.com/hsx-dev/hsx/probe/replay"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// This file is what every command shares: where it reads and writes, how it fails and with
// which exit status, what it knows of the terminal and its colours, and the version.

// Exit statuses.
const (
	exitOK       = 0 // success; for check: a response and no error finding
	exitFindings = 1 // check: a response with at least one error finding
	exitFailure  = 2 // usage errors, and check without a response
)

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

// lookupEnv returns the value of the environment variable key and whether it is set.
func (s stdio) lookupEnv(key string) (string, bool) {
	for i := len(s.environ) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(s.environ[i], "="); ok && k == key {
			return v, true
		}
	}
	return "", false
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

// noColor reports whether the user asked for output without colour: NO_COLOR set to anything
// but "" (no-color.org).
func noColor(std stdio) bool { return std.getenv("NO_COLOR") != "" }

// colorProfile returns the colours standard output takes: what colorprofile makes of it and of
// the environment (a terminal or not, TERM, COLORTERM, CLICOLOR, CLICOLOR_FORCE), and no colour
// at all with NO_COLOR.
func colorProfile(std stdio) colorprofile.Profile {
	p := colorprofile.Detect(std.out, std.environ)
	if noColor(std) {
		p = min(p, colorprofile.Ascii)
	}
	return p
}

// colorEnabled reports whether standard output takes colours: at least the 16 ANSI ones.
func colorEnabled(std stdio) bool { return colorProfile(std) >= colorprofile.ANSI }

// termWidth returns the width of the terminal w writes to, or 0 when w is not a terminal.
func termWidth(w io.Writer) int {
	width, _ := termSize(w)
	return width
}

// termSize returns the size of the terminal w writes to, or zeros when w is not a terminal.
func termSize(w io.Writer) (width, height int) {
	f, ok := w.(*os.File)
	if !ok || !xterm.IsTerminal(f.Fd()) {
		return 0, 0
	}
	width, height, err := xterm.GetSize(f.Fd())
	if err != nil {
		return 0, 0
	}
	return width, height
}

// version returns the module version hsx was built from, or "dev".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	v := "dev-" + rev[:min(12, len(rev))]
	if dirty {
		v += "+dirty"
	}
	return strings.TrimSpace(v)
}

// printVersion writes "hsx VERSION" to standard output.
func printVersion(std stdio) error {
	_, err := fmt.Fprintln(std.out, "hsx", version())
	return err
}

// replayOptions are the options of a replay started by hsx: Go's client runs as this
// executable's hidden subcommand.
func replayOptions() replay.Options {
	exe, err := os.Executable()
	if err != nil {
		return replay.Options{}
	}
	return replay.Options{GoCommand: []string{exe, replayGoCommand}}
}
