// Package clipboard reads and writes the system clipboard through the platform's clipboard
// commands. It stands in for github.com/atotto/clipboard (see the replace directive in hsx's
// go.mod), with the same ReadAll and WriteAll, but it looks for the commands on the first
// copy or paste instead of in an init function, so that a process that never touches the
// clipboard never searches PATH for them.
package clipboard

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
)

// tool is a pair of commands: one that prints the clipboard, one that replaces it with its
// standard input.
type tool struct {
	paste, copy []string
	crlf        bool // the paste command ends its output with "\r\n" (Windows' Get-Clipboard)
}

// errNoTool is returned when no clipboard command was found.
var errNoTool = errors.New("clipboard: no clipboard command found (install wl-clipboard, xclip or xsel)")

// found is the clipboard tool of this system, looked up on first use.
var found = sync.OnceValues(func() (tool, error) {
	for _, t := range candidates(runtime.GOOS, os.Getenv("WAYLAND_DISPLAY") != "") {
		if onPath(t.paste[0]) && onPath(t.copy[0]) {
			return t, nil
		}
	}
	return tool{}, errNoTool
})

// candidates lists the clipboard tools to try on goos, best first.
func candidates(goos string, wayland bool) []tool {
	windows := tool{paste: []string{"powershell.exe", "-NoProfile", "-Command", "Get-Clipboard"},
		copy: []string{"clip.exe"}, crlf: true}
	switch goos {
	case "darwin":
		return []tool{{paste: []string{"pbpaste"}, copy: []string{"pbcopy"}}}
	case "windows":
		return []tool{windows}
	}
	var ts []tool
	if wayland {
		ts = append(ts, tool{paste: []string{"wl-paste", "--no-newline"}, copy: []string{"wl-copy"}})
	}
	return append(ts,
		tool{paste: []string{"xclip", "-out", "-selection", "clipboard"}, copy: []string{"xclip", "-in", "-selection", "clipboard"}},
		tool{paste: []string{"xsel", "--output", "--clipboard"}, copy: []string{"xsel", "--input", "--clipboard"}},
		tool{paste: []string{"termux-clipboard-get"}, copy: []string{"termux-clipboard-set"}},
		windows, // Windows' own commands, reachable from WSL
	)
}

func onPath(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}

// ReadAll returns the text on the clipboard.
func ReadAll() (string, error) {
	t, err := found()
	if err != nil {
		return "", err
	}
	out, err := exec.Command(t.paste[0], t.paste[1:]...).Output()
	if err != nil {
		return "", err
	}
	s := string(out)
	if t.crlf {
		s = strings.TrimSuffix(s, "\r\n")
	}
	return s, nil
}

// WriteAll puts text on the clipboard.
func WriteAll(text string) error {
	t, err := found()
	if err != nil {
		return err
	}
	cmd := exec.Command(t.copy[0], t.copy[1:]...)
	cmd.Stdin = strings.NewReader(text)
	return cmd.Run()
}
