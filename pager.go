package main

import (
	"bytes"
	"errors"
	"io"
	"os/exec"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// defaultPager is the pager used when PAGER is unset.
const defaultPager = "less -R"

// page writes text to standard output, its colours downsampled to what the terminal shows.
// Text taller than the terminal goes through the pager, as git does: $PAGER, "less -R" when
// PAGER is unset, none when it is empty or "cat". Output that is not a terminal never goes
// through a pager, and when the pager cannot start the text is written directly.
func page(std stdio, text string) error {
	var b bytes.Buffer
	if _, err := io.WriteString(&colorprofile.Writer{Forward: &b, Profile: colorProfile(std)}, text); err != nil {
		return err
	}
	width, height := termSize(std.out)
	if cmd := pagerCommand(std, rows(b.String(), width), height); cmd != "" && runPager(cmd, b.Bytes(), std) {
		return nil
	}
	_, err := std.out.Write(b.Bytes())
	return err
}

// pagerCommand returns the shell command of the pager for output of the given number of rows
// on a terminal of the given height (0 when standard output is not a terminal), or "" when the
// output is to be written directly.
func pagerCommand(std stdio, rows, height int) string {
	if height <= 0 || rows <= height {
		return ""
	}
	cmd, set := std.lookupEnv("PAGER")
	if !set {
		cmd = defaultPager
	}
	if cmd = strings.TrimSpace(cmd); cmd == "cat" {
		return ""
	}
	return cmd
}

// runPager runs the shell command of a pager with text as its standard input and the
// terminal as its output, and waits for it to end. It reports false when the pager could not
// start (no shell, or a command the shell could not find or run), so that the caller writes
// the text itself. A pager that quits before reading all of the text is no error: os/exec
// ignores the broken pipe.
func runPager(command string, text []byte, std stdio) bool {
	cmd := exec.Command("sh", "-c", command)
	cmd.Stdin = bytes.NewReader(text)
	cmd.Stdout, cmd.Stderr = std.out, std.err
	cmd.Env = pagerEnv(std)
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		// 126 and 127 are the shell's "cannot execute" and "not found".
		return exit.ExitCode() != 126 && exit.ExitCode() != 127
	}
	return err == nil
}

// pagerEnv is the environment of the pager: hsx's own, with LESS=FRX when LESS is unset, as
// git sets it, so that less quits at once on text that fits, passes colours through and
// leaves the text on the screen when it quits.
func pagerEnv(std stdio) []string {
	env := append([]string(nil), std.environ...)
	if _, set := std.lookupEnv("LESS"); !set {
		env = append(env, "LESS=FRX")
	}
	return env
}

// rows returns how many terminal rows text takes on a terminal width columns wide, counting
// the lines that wrap.
func rows(text string, width int) int {
	n := 0
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		w := ansi.StringWidth(line)
		if width <= 0 || w <= width {
			n++
			continue
		}
		n += (w + width - 1) / width
	}
	return n
}
